namespace Crm.Metrics.Segments;

/// <summary>One customer in an <see cref="RfmState"/>.</summary>
public sealed record CustomerRfmState
{
    /// <summary>The customer id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The revenue (sales) in the window.</summary>
    public decimal Total { get; init; }

    /// <summary>The distinct purchase days in the window, ascending (day numbers); the last is the last purchase day.</summary>
    public IReadOnlyList<int> Days { get; init; } = [];

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
