using System.Text.Json.Serialization;
using Crm.Metrics.Costs;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Results;

namespace Crm.Metrics.CustomerValue;

/// <summary>
/// The customer-value family of the scorecard: per-customer revenue, cost and margin for every customer with a
/// sale or refund in the period, their distributions, and the totals.
/// </summary>
public sealed class CustomerValueMetrics
{
    private CustomerValueMetrics()
    {
    }

    // How a JSON document is read back: the totals and distributions as written, and the per-customer rows when the
    // document has them (a document written without them reads back with none).
    [JsonConstructor]
    internal CustomerValueMetrics(
        Money totalRevenue,
        MetricValue<Money> totalCostOfGoods,
        Money totalCostToServe,
        MetricValue<Money> totalMargin,
        long salesWithoutCost,
        Distribution revenuePerCustomer,
        Distribution marginPerCustomer,
        Distribution historicalClvPerCustomer,
        IReadOnlyList<CustomerContribution>? customers = null)
    {
        var rows = customers ?? [];
        foreach (var row in rows)
        {
            ReadBack.Present(row, nameof(customers));
        }

        _customers = new Lazy<IReadOnlyList<CustomerContribution>>(rows);
        _distributions = new Lazy<(Distribution, Distribution, Distribution)>((revenuePerCustomer, marginPerCustomer, historicalClvPerCustomer));
        HasCustomerRows = customers is not null;
        TotalRevenue = totalRevenue;
        TotalCostOfGoods = totalCostOfGoods;
        TotalCostToServe = totalCostToServe;
        TotalMargin = totalMargin;
        SalesWithoutCost = ReadBack.Count(salesWithoutCost, nameof(salesWithoutCost));
    }

    private Lazy<IReadOnlyList<CustomerContribution>> _customers = new(() => []);
    private Lazy<(Distribution Revenue, Distribution Margin, Distribution Clv)> _distributions = new(() => default);

    /// <summary>
    /// Customers with a sale or refund in the period, ordered by id (ordinal). Sorted on first access (thread-safe),
    /// so a caller that reads only the totals and distributions does not pay for ordering many thousands of ids.
    /// Empty when <see cref="HasCustomerRows"/> is false.
    /// </summary>
    [JsonPropertyOrder(1)]
    public IReadOnlyList<CustomerContribution> Customers => _customers.Value;

    /// <summary>
    /// Whether <see cref="Customers"/> lists every customer with a sale or refund in the period. False when the
    /// scorecard's settings declined the rows (<see cref="ScorecardSettings.CustomerRows"/>) or the metrics were read
    /// from a document written without them (<see cref="CrmJson.Options"/>); the totals and distributions are the same
    /// either way. Not written to JSON: a document with rows has a <c>customers</c> member, one without has none.
    /// </summary>
    [JsonIgnore]
    public bool HasCustomerRows { get; private init; }

    /// <summary>
    /// The <paramref name="count"/> customers of <see cref="Customers"/> with the highest net revenue, highest first,
    /// customers of equal revenue in order of id (ordinal); all of them when there are fewer. The same as ordering
    /// <see cref="Customers"/> so and taking the first <paramref name="count"/>, but only those customers are made:
    /// a top-ten list of a period with 150,000 customers makes ten objects, not 150,000, and sorts nothing.
    /// </summary>
    /// <param name="count">How many customers; 0 or more.</param>
    /// <returns>The customers; empty when <see cref="HasCustomerRows"/> is false.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IReadOnlyList<CustomerContribution> TopByRevenue(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return [];
        }

        if (Rows is not { } rows)
        {
            // Metrics read from a document: their customers are already objects.
            return [.. Customers.OrderByDescending(c => c.Revenue.Amount).ThenBy(c => c.Id).Take(count)];
        }

        // The best rows so far, best first: a row enters only when it beats the last, so most rows cost one comparison.
        var best = new List<int>(Math.Min(count, rows.Count));
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        for (var i = 0; i < all.Length; i++)
        {
            if (best.Count == count && !Before(in all[i], in all[best[^1]]))
            {
                continue;
            }

            var at = best.Count;
            while (at > 0 && Before(in all[i], in all[best[at - 1]]))
            {
                at--;
            }

            if (best.Count == count)
            {
                best.RemoveAt(best.Count - 1);
            }

            best.Insert(at, i);
        }

        var currency = TotalRevenue.Currency;
        var top = new List<CustomerContribution>(best.Count);
        foreach (var i in best)
        {
            top.Add(Contribution(in all[i], CostToServe, currency, TotalMargin));
        }

        return top;

        static bool Before(in Row a, in Row b) => a.Revenue > b.Revenue || (a.Revenue == b.Revenue && a.Id.CompareTo(b.Id) < 0);
    }

    /// <summary>Net revenue of those customers.</summary>
    public Money TotalRevenue { get; private init; }

    /// <summary>Their cost of goods; undefined when a sale in the period has no cost.</summary>
    public MetricValue<Money> TotalCostOfGoods { get; private init; }

    /// <summary>The retention cost allocated to active customers.</summary>
    public Money TotalCostToServe { get; private init; }

    /// <summary>Total margin; undefined when the cost of goods is.</summary>
    public MetricValue<Money> TotalMargin { get; private init; }

    /// <summary>Sales in the period without a cost (0 when <see cref="CrmMetricsOptions.TreatMissingCostAsZero"/>).</summary>
    public long SalesWithoutCost { get; private init; }

    /// <summary>Distribution of net revenue per customer, in currency units (computed on first access).</summary>
    public Distribution RevenuePerCustomer => _distributions.Value.Revenue;

    /// <summary>Distribution of margin per customer over the customers whose margin is defined (computed on first access).</summary>
    public Distribution MarginPerCustomer => _distributions.Value.Margin;

    /// <summary>Distribution of historical CLV over the customers whose historical CLV is defined (computed on first access).</summary>
    public Distribution HistoricalClvPerCustomer => _distributions.Value.Clv;

    /// <summary>
    /// The compact per-customer rows <see cref="Customers"/> is made from, in the order the scan met them, for metrics
    /// computed here or given their rows with <see cref="WithRows"/>; null for metrics read from JSON.
    /// </summary>
    internal List<Row>? Rows { get; private init; }

    /// <summary>The cost to serve of each active customer that <see cref="Rows"/> share (0 without rows).</summary>
    internal decimal CostToServe { get; private init; }

    /// <summary>
    /// These metrics with their per-customer rows: the totals and distributions of these, <see cref="Customers"/>
    /// made from <paramref name="rows"/> on first access. For metrics read back without rows whose rows travel apart;
    /// the caller checks that the rows agree with the totals.
    /// </summary>
    internal CustomerValueMetrics WithRows(List<Row> rows, decimal costToServe)
    {
        var currency = TotalRevenue.Currency;
        var totalMargin = TotalMargin;
        return new CustomerValueMetrics
        {
            _customers = new Lazy<IReadOnlyList<CustomerContribution>>(() => Materialise(rows, costToServe, currency, totalMargin)),
            _distributions = _distributions,
            TotalRevenue = TotalRevenue,
            TotalCostOfGoods = TotalCostOfGoods,
            TotalCostToServe = TotalCostToServe,
            TotalMargin = totalMargin,
            SalesWithoutCost = SalesWithoutCost,
            Rows = rows,
            CostToServe = costToServe,
            HasCustomerRows = true,
        };
    }

    internal static CustomerValueMetrics From(PurchaseSnapshot purchases, CostTotals costs, long activeCustomers, bool keepRows)
    {
        // Sized once: every customer with a record in the period has a period state (so do recorded acquisitions).
        var scan = new Scan(purchases.Options, costs, purchases.Customers.WithPeriod, keepRows);
        foreach (var customer in purchases.Customers)
        {
            scan.Add(customer.Id, customer.History, customer.Period);
        }

        return scan.Result(activeCustomers);
    }

    /// <summary>The rows and totals of one scan over a period's customers, one customer at a time, and the metrics they give.</summary>
    internal sealed class Scan
    {
        private readonly bool _zeroCost;
        private readonly decimal _retentionCost;
        private readonly Currency _currency;
        private readonly List<Row>? _rows;
        private readonly Values? _values;
        private decimal _totalRevenue, _totalCost, _totalServe;
        private long _withoutCost, _active;

        /// <param name="options">The options (missing costs).</param>
        /// <param name="costs">The period's costs, in the scorecard's currency.</param>
        /// <param name="capacity">The customers expected (those with a period row).</param>
        /// <param name="keepRows">Whether the metrics keep their per-customer rows; without, only the values their distributions need.</param>
        public Scan(CrmMetricsOptions options, CostTotals costs, int capacity, bool keepRows)
        {
            _currency = costs.Retention.Currency;
            _zeroCost = options.TreatMissingCostAsZero;
            _retentionCost = costs.Retention.Amount;

            // A compact copy of what the per-customer results need: the totals are computed now, the per-customer
            // objects and distributions on first access (callers that read only totals do not pay for them).
            if (keepRows)
            {
                _rows = new List<Row>(capacity);
            }
            else
            {
                _values = new Values(capacity);
            }
        }

        /// <summary>Adds one customer: a row when it has a sale or refund in the period.</summary>
        public void Add(CustomerId id, in CustomerHistory history, in CustomerPeriod state)
        {
            if (!state.HasPeriodRecord)
            {
                return;
            }

            var row = new Row(
                id,
                state.PeriodSalesAmount - state.PeriodRefundAmount,
                state.PeriodCost,
                _zeroCost ? 0 : state.PeriodSalesWithoutCost,
                history.LifetimeNet - history.LifetimeCost,
                _zeroCost ? 0 : history.LifetimeSalesWithoutCost,
                state.IsActive);
            if (_rows is not null)
            {
                _rows.Add(row);
            }
            else
            {
                _values!.Add(row);
            }

            _active += row.Active ? 1 : 0;
            _withoutCost += row.Missing;
            _totalRevenue += row.Revenue;
            _totalCost += row.Cost;
        }

        /// <summary>The metrics of the customers added.</summary>
        /// <param name="activeCustomers">The customers with a sale in the period, who share the retention cost equally.</param>
        public CustomerValueMetrics Result(long activeCustomers)
        {
            var costToServe = activeCustomers == 0 ? 0m : _retentionCost / activeCustomers;

            // The same sum, term by term, as over the rows: each active customer's share added in turn.
            for (var i = 0L; i < _active; i++)
            {
                _totalServe += costToServe;
            }

            var currency = _currency;
            var kept = _rows;
            var values = _values;
            var withoutCost = _withoutCost;
            var totalMargin = withoutCost == 0
                ? MetricValue.Of(new Money(_totalRevenue - _totalCost - _totalServe, currency))
                : MetricValue.Undefined<Money>($"{Crm.Internal.Words.Count(withoutCost, "sale in the period has", "sales in the period have")} no cost, so the margin is unknown (an option counts missing costs as zero)");
            return new CustomerValueMetrics
            {
                _customers = kept is null
                    ? new Lazy<IReadOnlyList<CustomerContribution>>(Array.Empty<CustomerContribution>())
                    : new Lazy<IReadOnlyList<CustomerContribution>>(() => Materialise(kept, costToServe, currency, totalMargin)),
                _distributions = new Lazy<(Distribution, Distribution, Distribution)>(() => kept is null ? values!.Distributions(costToServe) : Distributions(kept, costToServe)),
                TotalRevenue = new Money(_totalRevenue, currency),
                TotalCostOfGoods = withoutCost == 0 ? MetricValue.Of(new Money(_totalCost, currency)) : totalMargin,
                TotalCostToServe = new Money(_totalServe, currency),
                TotalMargin = totalMargin,
                SalesWithoutCost = withoutCost,
                Rows = kept,
                CostToServe = costToServe,
                HasCustomerRows = kept is not null,
            };
        }
    }

    /// <summary>
    /// What the distributions need of rows that are not kept: each revenue and historical CLV as the distributions
    /// take them, and each margin before the cost to serve (in decimal, as a row's margin is computed), split by
    /// whether the customer is active and so bears that cost. About 32 bytes a customer instead of a row's 80.
    /// </summary>
    private sealed class Values(int capacity)
    {
        private readonly List<double> _revenues = new(capacity);
        private readonly List<double> _clvs = new(capacity);
        private readonly List<decimal> _activeNets = new(capacity);
        private readonly List<double> _inactiveMargins = [];

        public void Add(in Row row)
        {
            _revenues.Add((double)row.Revenue);
            if (row.LifetimeMissing == 0)
            {
                _clvs.Add((double)row.Clv);
            }

            if (row.Missing == 0)
            {
                if (row.Active)
                {
                    _activeNets.Add(row.Revenue - row.Cost);
                }
                else
                {
                    _inactiveMargins.Add((double)row.Margin(0m));
                }
            }
        }

        /// <summary>The distributions the rows would give (<see cref="CustomerValueMetrics.Distributions"/>): the same values, in another order, which a distribution does not depend on.</summary>
        public (Distribution Revenue, Distribution Margin, Distribution Clv) Distributions(decimal costToServe)
        {
            var margins = new double[_activeNets.Count + _inactiveMargins.Count];
            for (var i = 0; i < _activeNets.Count; i++)
            {
                margins[i] = (double)(_activeNets[i] - costToServe);
            }

            _inactiveMargins.CopyTo(margins, _activeNets.Count);
            return (Distribution.Of(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_revenues)), Distribution.Of(margins), Distribution.Of(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_clvs)));
        }
    }

    private static List<CustomerContribution> Materialise(List<Row> rows, decimal costToServe, Currency currency, MetricValue<Money> totalMargin)
    {
        var list = new List<CustomerContribution>(rows.Count);
        foreach (var row in rows)
        {
            list.Add(Contribution(in row, costToServe, currency, totalMargin));
        }

        list.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return list;
    }

    private static CustomerContribution Contribution(in Row row, decimal costToServe, Currency currency, MetricValue<Money> totalMargin)
    {
        var cost = row.Missing == 0
            ? MetricValue.Of(new Money(row.Cost, currency))
            : MetricValue.Undefined<Money>($"{Crm.Internal.Words.Count(row.Missing, "sale in the period has", "sales in the period have")} no cost");
        var margin = row.Missing == 0 ? MetricValue.Of(new Money(row.Margin(costToServe), currency)) : cost;
        var clv = row.LifetimeMissing == 0
            ? MetricValue.Of(new Money(row.Clv, currency))
            : MetricValue.Undefined<Money>($"{Crm.Internal.Words.Count(row.LifetimeMissing, "sale up to the period's end has", "sales up to the period's end have")} no cost");
        // + 0.0: a margin summed to zero may carry decimal's sign of zero, and a share is never −0.
        double? share = totalMargin.Value is { Amount: > 0 } total ? (double)(row.Margin(costToServe) / total.Amount) + 0.0 : null;
        return new CustomerContribution(row.Id, new Money(row.Revenue, currency), cost, new Money(row.Serve(costToServe), currency), margin, clv, share);
    }

    private static (Distribution Revenue, Distribution Margin, Distribution Clv) Distributions(List<Row> rows, decimal costToServe)
    {
        var revenues = new double[rows.Count];
        var margins = new List<double>(rows.Count);
        var clvs = new List<double>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            revenues[i] = (double)row.Revenue;
            if (row.Missing == 0)
            {
                margins.Add((double)row.Margin(costToServe));
            }

            if (row.LifetimeMissing == 0)
            {
                clvs.Add((double)row.Clv);
            }
        }

        return (Distribution.Of(revenues), Distribution.Of([.. margins]), Distribution.Of([.. clvs]));
    }

    /// <summary>One customer's figures; its cost to serve is the period's share per active customer when <see cref="Active"/>.</summary>
    internal readonly record struct Row(CustomerId Id, decimal Revenue, decimal Cost, int Missing, decimal Clv, int LifetimeMissing, bool Active)
    {
        public decimal Serve(decimal costToServe) => Active ? costToServe : 0m;

        public decimal Margin(decimal costToServe) => Revenue - Cost - Serve(costToServe);
    }
}
