using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Churn;

/// <summary>The default <see cref="IChurnWarnings"/>: <see cref="ChurnWarning.Assess(LocalDate, DateTimeZone?, IEnumerable{Purchase}, IEnumerable{Complaint}?, IEnumerable{SurveyResponse}?, IEnumerable{CustomerId}?, IPurchaseModel?, CustomerBaseSummary?, ChurnWarningSettings?, IProgress{long}?, CancellationToken)"/> in the configured zone, by the registered clock.</summary>
public sealed class ChurnWarnings : IChurnWarnings
{
    private readonly DateTimeZone _zone;
    private readonly IClock _clock;

    /// <summary>Creates the service.</summary>
    /// <param name="options">The registered options (their zone is copied).</param>
    /// <param name="clock">The clock that says what today is.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ChurnWarnings(CrmMetricsOptions options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _zone = options.DefaultZone;
        _clock = clock;
    }

    /// <inheritdoc />
    public LocalDate Today() => _clock.GetCurrentInstant().InZone(_zone).Date;

    /// <inheritdoc />
    public ChurnWarningResult Assess(
        IEnumerable<Purchase> purchases,
        IEnumerable<Complaint>? complaints = null,
        IEnumerable<SurveyResponse>? surveys = null,
        IEnumerable<CustomerId>? customers = null,
        IPurchaseModel? model = null,
        CustomerBaseSummary? summary = null,
        ChurnWarningSettings? settings = null,
        LocalDate? analysisDate = null,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default) =>
        ChurnWarning.Assess(analysisDate ?? Today(), _zone, purchases, complaints, surveys, customers, model, summary, settings, progress, cancellationToken);
}
