namespace Crm.Metrics.Lifetime;

/// <summary>
/// Totals over a customer base with intervals from parameter draws (<see cref="ForecastIntervals.ForBase{TModel}"/>, <see cref="ForecastIntervals.ValueForBase{TModel}"/>).
/// </summary>
/// <param name="Customers">The customers summed over.</param>
/// <param name="Horizon">How far ahead the purchases (and the value) are predicted.</param>
/// <param name="Level">The intervals' probability.</param>
/// <param name="Draws">The parameter draws the intervals come from.</param>
/// <param name="ExpectedPurchases">Σ E[Y(horizon) | x, t_x, T]: the purchases the base is expected to make over the horizon.</param>
/// <param name="ExpectedCustomersAlive">Σ P(alive | x, t_x, T): how many of the customers are expected to be customers still at the end of calibration.</param>
/// <param name="Value">Σ CLV over the horizon (discounted, margin applied); null when no spend model was given.</param>
public sealed record BaseForecastInterval(int Customers, ModelTime Horizon, double Level, int Draws, PredictionInterval ExpectedPurchases, PredictionInterval ExpectedCustomersAlive, MoneyInterval? Value)
{
    /// <summary>The intervals' probability.</summary>
    public double Level { get; init => field = Crm.Internal.Finite.Of(value, nameof(Level)); } = Crm.Internal.Finite.Of(Level, nameof(Level));

    /// <summary>E[Y(horizon)]: the purchases expected over the horizon (summed over the customers for a base).</summary>
    public PredictionInterval ExpectedPurchases { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(ExpectedPurchases)); } = Crm.Internal.Checked.NotNull(ExpectedPurchases, nameof(ExpectedPurchases));

    /// <summary>Σ P(alive | x, t_x, T): how many of the customers are expected to be customers still at the end of calibration.</summary>
    public PredictionInterval ExpectedCustomersAlive { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(ExpectedCustomersAlive)); } = Crm.Internal.Checked.NotNull(ExpectedCustomersAlive, nameof(ExpectedCustomersAlive));

    /// <summary>The members, numbers in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
