using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Loyalty;

/// <summary>
/// Retention and churn over a period. Cohort method (default): of the <see cref="CustomersAtStart"/> (S, the
/// customers with a sale in the activity window before the period), the share <see cref="Retained"/> that also
/// bought in the period; churn = 1 − retention = lost / S. Classic method: (E − N) / S with E =
/// <see cref="ActiveInPeriod"/> and N = <see cref="AcquiredInPeriod"/> (see <see cref="RetentionMethod.Classic"/>).
/// Undefined when S = 0.
/// </summary>
public sealed class RetentionResult
{
    // How a JSON document is read back: the counts and the reason it was written with (which says whether purchases
    // were supplied); the rates follow from the counts.
    [JsonConstructor]
    internal RetentionResult(RetentionMethod method, int windowDays, long customersAtStart, long activeInPeriod, long acquiredInPeriod, long retained, string? undefinedReason = null)
        : this(
            method,
            windowDays > 0 ? windowDays : throw new ArgumentOutOfRangeException(nameof(windowDays), windowDays, "The retention window is a positive number of days."),
            ReadBack.Count(customersAtStart, nameof(customersAtStart)),
            ReadBack.Count(retained, nameof(retained)),
            ReadBack.Count(activeInPeriod, nameof(activeInPeriod)),
            ReadBack.Count(acquiredInPeriod, nameof(acquiredInPeriod)),
            undefinedReason != LoyaltyMetrics.NotSupplied)
    {
        if (Retained != retained)
        {
            throw new ArgumentException("With the classic method, retained is the active customers less those acquired in the period.", nameof(retained));
        }

        ReadBack.SameReason(UndefinedReason, undefinedReason, nameof(undefinedReason));
    }

    internal RetentionResult(RetentionMethod method, int windowDays, long customersAtStart, long retainedFromStart, long activeInPeriod, long acquiredAndActiveInPeriod, bool supplied)
    {
        Supplied = supplied;
        Method = method;
        WindowDays = windowDays;
        CustomersAtStart = customersAtStart;
        ActiveInPeriod = activeInPeriod;
        AcquiredInPeriod = acquiredAndActiveInPeriod;
        Retained = method == RetentionMethod.Cohort ? retainedFromStart : activeInPeriod - acquiredAndActiveInPeriod;
    }

    /// <summary>How the rate was computed.</summary>
    public RetentionMethod Method { get; }

    /// <summary>Days of the activity window before the period.</summary>
    public int WindowDays { get; }

    /// <summary>S: customers with a sale in the window before the period.</summary>
    public long CustomersAtStart { get; }

    /// <summary>E: customers with a sale in the period.</summary>
    public long ActiveInPeriod { get; }

    /// <summary>N: customers acquired in the period who bought in it.</summary>
    public long AcquiredInPeriod { get; }

    /// <summary>The numerator: of S, those who bought in the period (cohort), or E − N (classic).</summary>
    public long Retained { get; }

    /// <summary>S − <see cref="Retained"/> (negative only with the classic method).</summary>
    public long Lost => CustomersAtStart - Retained;

    /// <summary>Retention rate, <see cref="Retained"/> / S; 0..1 for the cohort method; <c>null</c> when S = 0.</summary>
    public double? RetentionRate => CustomersAtStart == 0 ? null : (double)Retained / CustomersAtStart;

    /// <summary>Churn rate, <see cref="Lost"/> / S = 1 − retention; <c>null</c> when S = 0.</summary>
    public double? ChurnRate => CustomersAtStart == 0 ? null : (double)Lost / CustomersAtStart;

    /// <summary>Why the rates are undefined; <c>null</c> when defined.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UndefinedReason => CustomersAtStart != 0 ? null
        : Supplied ? $"no customers at the start of the period (none bought in the {WindowDays} days before it)"
        : LoyaltyMetrics.NotSupplied;

    /// <summary>Whether purchases were part of the data at all.</summary>
    internal bool Supplied { get; }

    /// <summary>
    /// Compounds a churn rate over several periods: 1 − (1 − churn)^periods. A monthly churn of 5 % is an annual
    /// churn of 1 − 0.95^12 ≈ 46 %, not 60 %.
    /// </summary>
    /// <param name="churnPerPeriod">The churn rate per period, 0..1.</param>
    /// <param name="periods">How many periods (e.g. 12 months per year; fractions allowed), positive.</param>
    /// <returns>The churn rate over <paramref name="periods"/> periods, 0..1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The churn is outside 0..1 or the number of periods is not positive.</exception>
    public static double CompoundChurn(double churnPerPeriod, double periods)
    {
        if (!(churnPerPeriod >= 0 && churnPerPeriod <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(churnPerPeriod), churnPerPeriod, "A churn rate is a fraction between 0 and 1.");
        }

        if (!(periods > 0) || double.IsInfinity(periods))
        {
            throw new ArgumentOutOfRangeException(nameof(periods), periods, "The number of periods must be positive and finite.");
        }

        return 1 - Math.Pow(1 - churnPerPeriod, periods);
    }
}
