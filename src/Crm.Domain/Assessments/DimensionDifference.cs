namespace Crm.Domain.Assessments;

/// <summary>A dimension's distance to a target, or its change since an earlier assessment.</summary>
/// <param name="Key">The dimension's key.</param>
/// <param name="Difference">Target − score, or score − earlier score; null when either side is unscored.</param>
public sealed record DimensionDifference(string Key, double? Difference)
{
    /// <summary>The dimension's key.</summary>
    public string Key { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Key)); } = Crm.Internal.Checked.NotNull(Key, nameof(Key));

    /// <summary>Target − score, or score − earlier score; null when either side is unscored.</summary>
    public double? Difference { get; init => field = Crm.Internal.Finite.Of(value, nameof(Difference)); } = Crm.Internal.Finite.Of(Difference, nameof(Difference));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
