using Crm.Domain.Internal;

namespace Crm.Domain.Activity;

/// <summary>
/// A CRM cost (获取成本 / 维系成本 / other): an amount spent over an inclusive range of local dates, optionally
/// attributed to a channel or campaign.
/// </summary>
/// <remarks>
/// <para>The amount is spread evenly over the days of <see cref="Period"/>; metrics that report on part of it
/// prorate by the number of its days inside the reporting period.</para>
/// <para>Immutable; equality by value; thread-safe.</para>
/// </remarks>
public sealed record CostEntry
{
    /// <summary>Creates a cost entry.</summary>
    /// <param name="kind">Acquisition, retention or other.</param>
    /// <param name="amount">The amount spent, not negative.</param>
    /// <param name="period">The dates it covers, inclusive, ISO calendar.</param>
    /// <param name="channel">The channel it was spent on, when attributed.</param>
    /// <param name="campaign">The campaign it belongs to, when attributed.</param>
    /// <param name="description">What it was (e.g. "staff training"), when recorded.</param>
    /// <exception cref="ArgumentException">The kind is undefined, the amount negative, the period not ISO, or a text empty or padded.</exception>
    public CostEntry(CostKind kind, Money amount, DateInterval period, string? channel = null, string? campaign = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        Kind = Rules.Defined(kind, nameof(kind));
        Amount = Rules.NonNegative(amount, nameof(amount));
        Rules.IsoCalendar(period.Start, nameof(period));
        Period = period;
        Channel = Rules.OptionalKey(channel, nameof(channel));
        Campaign = Rules.OptionalKey(campaign, nameof(campaign));
        Description = Rules.OptionalKey(description, nameof(description));
    }

    /// <summary>Acquisition, retention or other.</summary>
    public CostKind Kind { get; }

    /// <summary>The amount spent.</summary>
    public Money Amount { get; }

    /// <summary>The dates it covers, inclusive.</summary>
    public DateInterval Period { get; }

    /// <summary>The channel, or <c>null</c>.</summary>
    public string? Channel { get; }

    /// <summary>The campaign, or <c>null</c>.</summary>
    public string? Campaign { get; }

    /// <summary>The description, or <c>null</c>.</summary>
    public string? Description { get; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
