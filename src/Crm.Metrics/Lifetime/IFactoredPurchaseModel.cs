namespace Crm.Metrics.Lifetime;

/// <summary>
/// A purchase model whose conditional expectation factors as E[Y(t) | x, t_x, T] = W(x, T, t) · P(alive | x, t_x, T):
/// the expected purchases of a customer still alive depend on x and T only, so a forecast over many customers computes
/// W once per distinct (x, T) and horizon. The product is the one the model's own
/// <see cref="IPurchaseModel.ExpectedPurchases"/> forms, in the same order, so the two give the same bits.
/// </summary>
internal interface IFactoredPurchaseModel : IPurchaseModel
{
    /// <summary>W(x, T, t) in the model's time unit.</summary>
    double ExpectedWhileAlive(int x, double age, double t);

    /// <summary>P(alive | x, t_x, T) in the model's time unit.</summary>
    double ProbabilityAlive(RepeatSummary customer);
}
