namespace Crm.Domain.Assessments;

/// <summary>One dimension's score.</summary>
/// <param name="Key">The dimension's key.</param>
/// <param name="Score">0–100 (100 = best): the weighted mean of its answered items; null when none is answered (unscored, never 0).</param>
/// <param name="Answered">Items answered.</param>
/// <param name="Items">Items in the dimension.</param>
public sealed record DimensionScore(string Key, double? Score, int Answered, int Items)
{
    /// <summary>The dimension's key.</summary>
    public string Key { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Key)); } = Crm.Internal.Checked.NotNull(Key, nameof(Key));

    /// <summary>0–100 (100 = best): the weighted mean of its answered items; null when none is answered (unscored, never 0).</summary>
    public double? Score { get; init => field = Crm.Internal.Finite.Of(value, nameof(Score)); } = Crm.Internal.Finite.Of(Score, nameof(Score));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
