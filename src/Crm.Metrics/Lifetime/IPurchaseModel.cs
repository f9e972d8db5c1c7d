namespace Crm.Metrics.Lifetime;

/// <summary>A model of when customers buy: what CLV needs from BG/NBD or Pareto/NBD.</summary>
public interface IPurchaseModel
{
    /// <summary>The unit the model was fitted in.</summary>
    ModelTimeUnit TimeUnit { get; }

    /// <summary>E[Y(t) | x, t_x, T]: the purchases expected from this customer in the next <paramref name="t"/>.</summary>
    /// <param name="customer">The customer's summary (any unit; converted to <see cref="TimeUnit"/>).</param>
    /// <param name="t">The horizon.</param>
    /// <returns>The expected number of purchases; ≥ 0.</returns>
    double ExpectedPurchases(in CustomerSummary customer, ModelTime t);

    /// <summary>E[X(t)]: the purchases expected in <paramref name="t"/> from a customer just acquired.</summary>
    /// <param name="t">The horizon.</param>
    /// <returns>The expected number of purchases; ≥ 0.</returns>
    double ExpectedPurchasesForNewCustomer(ModelTime t);

    /// <summary>P(alive | x, t_x, T): the probability that the customer is still a customer at the end of calibration.</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>A probability in [0, 1].</returns>
    double ProbabilityAlive(in CustomerSummary customer);
}
