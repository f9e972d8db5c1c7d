namespace Crm.Metrics.Assessments;

/// <summary>One metric value a derived score used.</summary>
/// <param name="Metric">The metric, e.g. "CSAT".</param>
/// <param name="Value">Its value as read, e.g. "72.0 %".</param>
/// <param name="Score">What it contributed, 0–100.</param>
public sealed record EvidenceItem(string Metric, string Value, double Score)
{
    /// <summary>Its value as read, e.g. "72.0 %".</summary>
    public string Value { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Value)); } = Crm.Internal.Checked.NotNull(Value, nameof(Value));

    /// <summary>The metric, e.g. "CSAT".</summary>
    public string Metric { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Metric)); } = Crm.Internal.Checked.NotNull(Metric, nameof(Metric));

    /// <summary>What it contributed, 0–100.</summary>
    public double Score { get; init => field = Crm.Internal.Finite.Of(value, nameof(Score)); } = Crm.Internal.Finite.Of(Score, nameof(Score));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
