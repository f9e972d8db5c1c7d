namespace Crm.Metrics.Assessments;

/// <summary>A dimension scored from evidence.</summary>
/// <param name="Key">The dimension's key.</param>
/// <param name="Score">0–100, the mean of its evidence items' scores; null when unscored.</param>
/// <param name="Evidence">The metric values used.</param>
/// <param name="Reason">Why it is unscored; null when scored.</param>
public sealed record EvidenceDimension(string Key, double? Score, IReadOnlyList<EvidenceItem> Evidence, string? Reason)
{
    /// <summary>The metric values used.</summary>
    public IReadOnlyList<EvidenceItem> Evidence { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Evidence)); } = Crm.Internal.Checked.NotNull(Evidence, nameof(Evidence));

    /// <summary>The dimension's key.</summary>
    public string Key { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Key)); } = Crm.Internal.Checked.NotNull(Key, nameof(Key));

    /// <summary>0–100, the mean of its evidence items' scores; null when unscored.</summary>
    public double? Score { get; init => field = Crm.Internal.Finite.Of(value, nameof(Score)); } = Crm.Internal.Finite.Of(Score, nameof(Score));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
