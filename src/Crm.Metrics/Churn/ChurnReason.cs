namespace Crm.Metrics.Churn;

/// <summary>One reason a customer is at risk, in words and numbers.</summary>
/// <param name="Code">A stable key: <c>no-purchase</c>, <c>single-purchase-long-ago</c>, <c>long-gap</c>, <c>frequency-drop</c>, <c>complaints</c>, <c>unresolved-complaints</c>, <c>detractor</c>, <c>p-alive</c>, <c>several-signals</c>.</param>
/// <param name="Level">The level this reason alone sets.</param>
/// <param name="Text">The reason with its numbers, e.g. "84 days since the last purchase, 3.2 × the usual gap of 26 days".</param>
/// <remarks>
/// Equal when the code, level and text are equal. The churn warning words its reasons when their text is first read
/// (most reasons of a large base never are); the words are the same whenever that happens.
/// </remarks>
public sealed record ChurnReason(string Code, ChurnRiskLevel Level, string Text)
{
    // The text of a reason the warning fired until it is first read: a string no caller can hold.
    private static readonly string Unworded = new('\u2026', 1);

    private readonly ReasonFacts _facts; // what the text is made of, for a reason the warning fired
    private string? _worded;             // that text, once read

    /// <summary>A reason the warning fired, worded when its text is first read.</summary>
    internal ChurnReason(string code, ChurnRiskLevel level, ReasonFacts facts)
        : this(code, level, Unworded)
    {
        _facts = facts;
    }

    /// <summary>The reason with its numbers, e.g. "84 days since the last purchase, 3.2 × the usual gap of 26 days".</summary>
    public string Text
    {
        // A race between two first reads makes the same words twice; either copy is kept.
        get => ReferenceEquals(field, Unworded) ? _worded ??= _facts.Format() : field;
        init
        {
            field = Crm.Internal.Checked.NotNull(value, nameof(Text));
            _worded = null;
        }
    } = Crm.Internal.Checked.NotNull(Text, nameof(Text));

    /// <summary>The level this reason alone sets.</summary>
    public ChurnRiskLevel Level { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Level)); } = Crm.Internal.Checked.Defined(Level, nameof(Level));

    /// <summary>A stable key: <c>no-purchase</c>, <c>single-purchase-long-ago</c>, <c>long-gap</c>, <c>frequency-drop</c>, <c>complaints</c>, <c>unresolved-complaints</c>, <c>detractor</c>, <c>p-alive</c>, <c>several-signals</c>.</summary>
    public string Code { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Code)); } = Crm.Internal.Checked.NotNull(Code, nameof(Code));

    /// <summary>Whether <paramref name="other"/> has the same code, level and text (ordinal).</summary>
    /// <param name="other">The other reason.</param>
    /// <returns><c>true</c> when they are equal.</returns>
    public bool Equals(ChurnReason? other) =>
        other is not null && string.Equals(Code, other.Code, StringComparison.Ordinal) && Level == other.Level && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <summary>A hash of the code, level and text.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Code), Level, StringComparer.Ordinal.GetHashCode(Text));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
