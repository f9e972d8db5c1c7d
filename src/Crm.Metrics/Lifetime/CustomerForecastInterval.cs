namespace Crm.Metrics.Lifetime;

/// <summary>
/// One customer's forecast with intervals from parameter draws (<see cref="ForecastIntervals.ForCustomers{TModel}"/>, <see cref="ForecastIntervals.ValueForCustomers{TModel}"/>):
/// the figures of <see cref="CustomerValueForecast"/>, each with its interval.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="ProbabilityAlive">P(alive | x, t_x, T) at the end of calibration.</param>
/// <param name="ExpectedPurchases">E[Y(horizon) | x, t_x, T]: the purchases expected over the horizon.</param>
/// <param name="ExpectedMeanSpend">E[Z | x, m̄]: the expected spend per purchase; null when no spend model was given.</param>
/// <param name="Value">The discounted CLV over the horizon (margin applied); null when no spend model was given.</param>
public sealed record CustomerForecastInterval(CustomerId CustomerId, PredictionInterval ProbabilityAlive, PredictionInterval ExpectedPurchases, MoneyInterval? ExpectedMeanSpend, MoneyInterval? Value)
{
    /// <summary>P(alive | x, t_x, T) at the end of calibration.</summary>
    public PredictionInterval ProbabilityAlive { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(ProbabilityAlive)); } = Crm.Internal.Checked.NotNull(ProbabilityAlive, nameof(ProbabilityAlive));

    /// <summary>E[Y(horizon)]: the purchases expected over the horizon (summed over the customers for a base).</summary>
    public PredictionInterval ExpectedPurchases { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(ExpectedPurchases)); } = Crm.Internal.Checked.NotNull(ExpectedPurchases, nameof(ExpectedPurchases));

    /// <summary>The members, numbers in the invariant culture (the customer id as its own text).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
