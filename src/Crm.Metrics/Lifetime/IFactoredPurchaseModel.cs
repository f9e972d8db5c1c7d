using Crm.Metrics.Lifetime.Intervals;
using Crm.Metrics.Lifetime.Summaries;

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

    /// <summary>W(x, T, t) at several horizons (ascending) at once; a model may share work between them.</summary>
    void ExpectedWhileAlive(int x, double age, ReadOnlySpan<double> horizons, Span<double> result)
    {
        for (var k = 0; k < horizons.Length; k++)
        {
            result[k] = ExpectedWhileAlive(x, age, horizons[k]);
        }
    }

    /// <summary>
    /// For each x of <paramref name="xs"/> at one age: W at the last horizon into <paramref name="last"/>, and the
    /// increments Σ_k (W(t_k) − W(t_{k−1})) d_k discounted by <paramref name="discounts"/> into
    /// <paramref name="discounted"/>; a model may share work between the x's of one age.
    /// </summary>
    void DiscountedWhileAlive(ReadOnlySpan<int> xs, double age, ReadOnlySpan<double> horizons, ReadOnlySpan<double> discounts, Span<double> last, Span<double> discounted)
    {
        Span<double> row = horizons.Length <= 64 ? stackalloc double[horizons.Length] : new double[horizons.Length];
        for (var i = 0; i < xs.Length; i++)
        {
            ExpectedWhileAlive(xs[i], age, horizons, row);
            (last[i], discounted[i]) = IntervalEngine.Discount(row, discounts);
        }
    }

    /// <summary>P(alive) of every summary of <paramref name="groups"/>; a model may compute what depends on one value once.</summary>
    void ProbabilityAlive(GroupIndex groups, Span<double> result)
    {
        for (var g = 0; g < groups.Groups.Length; g++)
        {
            result[g] = ProbabilityAlive(groups.Groups[g]);
        }
    }
}
