namespace Crm.Metrics.Segments;

/// <summary>One named segment's customers and revenue.</summary>
/// <param name="Name">The segment.</param>
/// <param name="Customers">Its customers.</param>
/// <param name="Revenue">Their sales in the window.</param>
/// <param name="RevenueShare">Their share of all sales in the window, 0..1; null when there were none.</param>
public sealed record RfmSegment(string Name, int Customers, Money Revenue, double? RevenueShare)
{
    /// <summary>The segment.</summary>
    public string Name { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Name)); } = Crm.Internal.Checked.NotNull(Name, nameof(Name));

    /// <summary>Their share of all sales in the window, 0..1; null when there were none.</summary>
    public double? RevenueShare { get; init => field = Crm.Internal.Finite.Of(value, nameof(RevenueShare)); } = Crm.Internal.Finite.Of(RevenueShare, nameof(RevenueShare));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
