namespace Crm.Metrics.Churn;

/// <summary>One reason a customer is at risk, in words and numbers.</summary>
/// <param name="Code">A stable key: <c>no-purchase</c>, <c>single-purchase-long-ago</c>, <c>long-gap</c>, <c>frequency-drop</c>, <c>complaints</c>, <c>unresolved-complaints</c>, <c>detractor</c>, <c>p-alive</c>, <c>several-signals</c>.</param>
/// <param name="Level">The level this reason alone sets.</param>
/// <param name="Text">The reason with its numbers, e.g. "84 days since the last purchase, 3.2 × the usual gap of 26 days".</param>
public sealed record ChurnReason(string Code, ChurnRiskLevel Level, string Text)
{
    /// <summary>The reason with its numbers, e.g. "84 days since the last purchase, 3.2 × the usual gap of 26 days".</summary>
    public string Text { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Text)); } = Crm.Internal.Checked.NotNull(Text, nameof(Text));

    /// <summary>The level this reason alone sets.</summary>
    public ChurnRiskLevel Level { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Level)); } = Crm.Internal.Checked.Defined(Level, nameof(Level));

    /// <summary>A stable key: <c>no-purchase</c>, <c>single-purchase-long-ago</c>, <c>long-gap</c>, <c>frequency-drop</c>, <c>complaints</c>, <c>unresolved-complaints</c>, <c>detractor</c>, <c>p-alive</c>, <c>several-signals</c>.</summary>
    public string Code { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Code)); } = Crm.Internal.Checked.NotNull(Code, nameof(Code));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
