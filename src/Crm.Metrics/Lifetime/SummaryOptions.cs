namespace Crm.Metrics.Lifetime;

/// <summary>
/// How purchases are summarised for the customer-base models: the calibration period ends at
/// <see cref="CalibrationEnd"/> (inclusive, a local date in <see cref="Zone"/>), an optional holdout period runs over
/// (<see cref="CalibrationEnd"/>, <see cref="HoldoutEnd"/>], and times are stated in <see cref="TimeUnit"/>.
/// </summary>
/// <param name="CalibrationEnd">The last day of the calibration period (inclusive): a purchase on this date counts.</param>
/// <remarks>This type is immutable and thread-safe. Its rules are checked when it is used.</remarks>
public sealed record SummaryOptions(LocalDate CalibrationEnd)
{
    /// <summary>The last day of the holdout period (inclusive); null for no holdout. Must be after <see cref="CalibrationEnd"/>.</summary>
    public LocalDate? HoldoutEnd { get; init; }

    /// <summary>The zone in which purchase instants become local dates. Default: UTC.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    /// <summary>The unit of t_x and T. Default: <see cref="ModelTimeUnit.Weeks"/>, the unit of the published values.</summary>
    public ModelTimeUnit TimeUnit { get; init; } = ModelTimeUnit.Weeks;

    /// <summary>Checks the rules and throws an <see cref="ArgumentException"/> naming the broken one.</summary>
    internal void Validate(string parameter)
    {
        if (Zone is null)
        {
            throw new ArgumentException("The summary's zone must not be null.", parameter);
        }

        ModelTime.CheckUnit(TimeUnit, parameter);
        if (CalibrationEnd.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException($"The calibration end must be an ISO calendar date, not {CalibrationEnd.Calendar.Id}.", parameter);
        }

        if (HoldoutEnd is { } holdout && (holdout.Calendar != CalendarSystem.Iso || holdout <= CalibrationEnd))
        {
            throw new ArgumentException($"The holdout end ({holdout:yyyy-MM-dd}) must be an ISO date after the calibration end ({CalibrationEnd:yyyy-MM-dd}).", parameter);
        }
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
