using Crm.Metrics.Experience;

namespace Crm.Metrics;

/// <summary>
/// Options of the metrics engine, set once at registration (<c>services.AddCrmMetrics(o => …)</c>) and validated
/// eagerly. Each option names the convention it chooses; the defaults are the conventions most CRM tools use, each documented on its option.
/// </summary>
/// <remarks>Read by the services when they are created; do not change an instance after registration.</remarks>
public sealed class CrmMetricsOptions
{
    private DateTimeZone _defaultZone = DateTimeZone.Utc;
    private string? _unknownZoneId;

    /// <summary>
    /// The zone reporting periods are read in when a caller does not say (<see cref="ICrmMetrics.Month"/>,
    /// <see cref="ICrmMetrics.LastFullMonth"/>); UTC by default. From configuration, set <see cref="DefaultZoneId"/>.
    /// </summary>
    public DateTimeZone DefaultZone
    {
        get => _defaultZone;
        set
        {
            _defaultZone = value;
            _unknownZoneId = null;
        }
    }

    /// <summary>
    /// <see cref="DefaultZone"/> as an IANA time zone id (for example <c>Europe/Berlin</c>), so that configuration
    /// binders can set it: <c>"Crm": { "DefaultZoneId": "Europe/Berlin" }</c>. Resolved against the TZDB that
    /// NodaTime ships; an id it does not know fails <see cref="Validate"/>, which registration calls, naming this key.
    /// </summary>
    public string DefaultZoneId
    {
        get => _unknownZoneId ?? _defaultZone?.Id ?? string.Empty;
        set
        {
            if (value is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(value) is { } zone)
            {
                DefaultZone = zone;
            }
            else
            {
                _unknownZoneId = value ?? string.Empty;
            }
        }
    }

    /// <summary>Days of the activity window before a period that defines the customers at its start; 365 by default, 1–3660.</summary>
    public int RetentionWindowDays { get; set; } = 365;

    /// <summary>How the retention rate is computed; <see cref="RetentionMethod.Cohort"/> by default.</summary>
    public RetentionMethod RetentionMethod { get; set; } = RetentionMethod.Cohort;

    /// <summary>How CSAT is expressed; <see cref="CsatMethod.TopTwoBox"/> by default.</summary>
    public CsatMethod CsatMethod { get; set; } = CsatMethod.TopTwoBox;

    /// <summary>How skipped NPS answers count; <see cref="NpsSkippedAnswers.Exclude"/> by default.</summary>
    public NpsSkippedAnswers NpsSkippedAnswers { get; set; } = NpsSkippedAnswers.Exclude;

    /// <summary>
    /// Whether a purchase without a cost counts as cost 0 in margins. <c>false</c> by default: a margin over
    /// purchases of unknown cost is undefined, and the result says how many lacked one.
    /// </summary>
    public bool TreatMissingCostAsZero { get; set; }


    /// <summary>Acquisition-month cohorts in the cohort retention matrix, ending with the period's last month; 12 by default, 1–60.</summary>
    public int CohortMonths { get; set; } = 12;

    /// <summary>Weights of the customer-experience index (CSAT, CES, complaint rate); equal by default.</summary>
    public ExperienceWeights ExperienceWeights { get; set; } = new();

    /// <summary>
    /// How the engine may use the machine (threads); apart from the conventions above, it never changes a result.
    /// </summary>
    public ExecutionOptions Execution { get; set; } = new();

    /// <summary>Checks the options; called at registration.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (_unknownZoneId is not null)
        {
            var id = _unknownZoneId.Length <= 64 ? _unknownZoneId : _unknownZoneId[..64] + "…";
            throw new ArgumentException($"CrmMetricsOptions.DefaultZoneId \"{id}\" is not an IANA time zone id of the TZDB (for example \"Europe/Berlin\" or \"UTC\").", nameof(DefaultZoneId));
        }

        if (DefaultZone is null)
        {
            throw new ArgumentException("CrmMetricsOptions.DefaultZone must not be null; use DateTimeZone.Utc for UTC.", nameof(DefaultZone));
        }

        if (RetentionWindowDays is < 1 or > 3660)
        {
            throw new ArgumentOutOfRangeException(nameof(RetentionWindowDays), RetentionWindowDays, "CrmMetricsOptions.RetentionWindowDays must be between 1 and 3660 days.");
        }

        if (CohortMonths is < 1 or > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(CohortMonths), CohortMonths, "CrmMetricsOptions.CohortMonths must be between 1 and 60 months.");
        }

        if (Execution is null)
        {
            throw new ArgumentException("CrmMetricsOptions.Execution must not be null.", nameof(Execution));
        }

        Execution.Validate();

        if (ExperienceWeights is null)
        {
            throw new ArgumentException("CrmMetricsOptions.ExperienceWeights must not be null.", nameof(ExperienceWeights));
        }

        ExperienceWeights.Validate();

        if (!Enum.IsDefined(RetentionMethod))
        {
            throw new ArgumentOutOfRangeException(nameof(RetentionMethod), RetentionMethod, "CrmMetricsOptions.RetentionMethod is not a defined method.");
        }

        if (!Enum.IsDefined(CsatMethod))
        {
            throw new ArgumentOutOfRangeException(nameof(CsatMethod), CsatMethod, "CrmMetricsOptions.CsatMethod is not a defined method.");
        }

        if (!Enum.IsDefined(NpsSkippedAnswers))
        {
            throw new ArgumentOutOfRangeException(nameof(NpsSkippedAnswers), NpsSkippedAnswers, "CrmMetricsOptions.NpsSkippedAnswers is not a defined choice.");
        }
    }

    /// <summary>A copy of these options.</summary>
    /// <returns>A new instance with the same values.</returns>
    public CrmMetricsOptions Clone()
    {
        var copy = (CrmMetricsOptions)MemberwiseClone();
        copy.ExperienceWeights = ExperienceWeights?.Clone()!;
        copy.Execution = Execution?.Clone()!;
        return copy;
    }
}
