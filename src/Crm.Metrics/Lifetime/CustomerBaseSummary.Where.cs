namespace Crm.Metrics.Lifetime;

/// <content>The customers of a summary that a condition keeps.</content>
public sealed partial class CustomerBaseSummary
{
    /// <summary>
    /// The customers of this summary that <paramref name="predicate"/> keeps, as a summary of its own: for example
    /// the customers a spend model can value (no repeat purchase, or a positive mean repeat value), before a
    /// Gamma-Gamma fit or a CLV. The rows are this summary's, in its order, and are not checked again.
    /// </summary>
    /// <param name="predicate">Whether to keep a customer; called once per customer, in the summary's order.</param>
    /// <returns>
    /// A summary with this one's options and currency, the customers kept (possibly none), and their repeat purchases
    /// in the calibration and the holdout period. <see cref="CustomersFirstBuyingAfterCalibration"/> and
    /// <see cref="RefundsIgnored"/> describe the purchases this summary was read from, and stay as they are. Holdout
    /// tracking's cumulative curve of the kept customers needs their purchases (this summary's daily counts are of
    /// all its customers).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    /// <remarks>
    /// <see cref="FromSummaries"/> over the kept rows gives the same customers and totals; it checks every row again
    /// (no id twice, one currency, the holdout's rule) and so needs a set of the ids. This needs none, and makes one
    /// array of the kept rows.
    /// </remarks>
    public CustomerBaseSummary Where(Func<CustomerSummary, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var kept = new bool[_customers.Length];
        var count = 0;
        for (var i = 0; i < _customers.Length; i++)
        {
            if (predicate(_customers[i]))
            {
                kept[i] = true;
                count++;
            }
        }

        var rows = new CustomerSummary[count];
        long repeats = 0, holdoutRepeats = 0;
        for (int i = 0, k = 0; i < _customers.Length; i++)
        {
            if (kept[i])
            {
                ref readonly var row = ref _customers[i];
                rows[k++] = row;
                repeats += row.Frequency;
                holdoutRepeats += row.HoldoutFrequency ?? 0;
            }
        }

        return new CustomerBaseSummary(Options, rows, Currency, repeats, HoldoutRepeatTransactions is null ? null : holdoutRepeats, CustomersFirstBuyingAfterCalibration, RefundsIgnored);
    }
}
