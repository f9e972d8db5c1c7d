namespace Crm.Metrics.Lifetime;

/// <summary>
/// The state of a <see cref="Lifetime.CustomerBaseSummaryAccumulator"/> as plain data: the options, and per customer
/// the running values and the distinct purchase days up to the last day that matters. Days are day numbers (days
/// since 1970-01-01 of the local date in the zone). Serialise it with <see cref="States.CrmStateJson"/>.
/// </summary>
public sealed record CustomerBaseSummaryState
{
    /// <summary>The layout version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The layout version of this state.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The calibration end, ISO <c>yyyy-MM-dd</c>.</summary>
    public string CalibrationEnd { get; init; } = string.Empty;

    /// <summary>The holdout end, ISO <c>yyyy-MM-dd</c>, or null without a holdout.</summary>
    public string? HoldoutEnd { get; init; }

    /// <summary>The IANA zone id local dates are taken in.</summary>
    public string Zone { get; init; } = string.Empty;

    /// <summary>The time unit, by name.</summary>
    public string TimeUnit { get; init; } = string.Empty;

    /// <summary>The sales' currency (ISO 4217), or null without sales.</summary>
    public string? Currency { get; init; }

    /// <summary>Refund records read (not purchases).</summary>
    public long Refunds { get; init; }

    /// <summary>One row per customer with a sale.</summary>
    public IReadOnlyList<CustomerDaysState> Customers { get; init; } = [];

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
