namespace Crm.Metrics.Care;

/// <summary>Options of the care calendar.</summary>
public sealed record CareCalendarOptions
{
    /// <summary>The zone of customers without a home time zone; default UTC.</summary>
    public DateTimeZone DefaultZone { get; init; } = DateTimeZone.Utc;

    /// <summary>Where 29 February anniversaries fall in other years; default 28 February.</summary>
    public LeapDayRule LeapDay { get; init; } = LeapDayRule.February28;

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
