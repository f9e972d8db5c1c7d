namespace Crm.Metrics.Lifetime;

/// <summary>One customer's prediction: probability alive, expected purchases and spend, and CLV.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="ProbabilityAlive">P(alive) at the end of calibration, in [0, 1].</param>
/// <param name="ExpectedPurchases">E[Y(horizon)]: the purchases expected over the horizon.</param>
/// <param name="ExpectedMeanSpend">E[Z | x, m̄]: the expected spend per purchase.</param>
/// <param name="Value">The discounted CLV over the horizon (margin applied).</param>
public sealed record CustomerValueForecast(CustomerId CustomerId, double ProbabilityAlive, double ExpectedPurchases, Money ExpectedMeanSpend, Money Value)
{
    /// <summary>E[Y(horizon)]: the purchases expected over the horizon.</summary>
    public double ExpectedPurchases { get; init => field = Crm.Internal.Finite.Of(value, nameof(ExpectedPurchases)); } = Crm.Internal.Finite.Of(ExpectedPurchases, nameof(ExpectedPurchases));

    /// <summary>P(alive) at the end of calibration, in [0, 1].</summary>
    public double ProbabilityAlive { get; init => field = Crm.Internal.Finite.Of(value, nameof(ProbabilityAlive)); } = Crm.Internal.Finite.Of(ProbabilityAlive, nameof(ProbabilityAlive));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
