namespace Crm.Metrics.Churn;

/// <summary>One customer's churn risk with every reason that fired.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Level">The highest level of the reasons (High when two or more Medium reasons fired together); Low without reasons.</param>
/// <param name="ProbabilityAlive">P(alive) from the purchase model, when one was given and the customer is in its summary.</param>
/// <param name="Reasons">Every reason that fired, strongest first.</param>
public sealed record CustomerChurnRisk(CustomerId CustomerId, ChurnRiskLevel Level, double? ProbabilityAlive, IReadOnlyList<ChurnReason> Reasons)
{
    /// <summary>Every reason that fired, strongest first.</summary>
    public IReadOnlyList<ChurnReason> Reasons { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Reasons)); } = Crm.Internal.Checked.NotNull(Reasons, nameof(Reasons));

    /// <summary>The highest level of the reasons (High when two or more Medium reasons fired together); Low without reasons.</summary>
    public ChurnRiskLevel Level { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Level)); } = Crm.Internal.Checked.Defined(Level, nameof(Level));

    /// <summary>P(alive) from the purchase model, when one was given and the customer is in its summary.</summary>
    public double? ProbabilityAlive { get; init => field = Crm.Internal.Finite.Of(value, nameof(ProbabilityAlive)); } = Crm.Internal.Finite.Of(ProbabilityAlive, nameof(ProbabilityAlive));

    /// <summary>
    /// Whether the customer has probably left already rather than slipping: P(alive) below
    /// <see cref="ChurnWarningSettings.LostProbabilityAlive"/>, or a silence beyond
    /// <see cref="ChurnWarningSettings.LostGapMultiple"/> × their usual gap (beyond
    /// <see cref="ChurnWarningSettings.SinglePurchaseLostDays"/> for a one-time buyer). A lost customer is always at
    /// risk; one who never bought is not lost.
    /// </summary>
    public bool IsLost { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
