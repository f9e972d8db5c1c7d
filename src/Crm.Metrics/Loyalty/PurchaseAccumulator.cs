using System.Runtime.InteropServices;
using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Loyalty;

/// <summary>
/// Accumulates purchases (and, optionally, customers' acquisition instants) for the purchase, loyalty,
/// acquisition and customer-value metrics of a period, in one pass and in memory proportional to the number of
/// customers, not purchases. Merging accumulators of the same period and options is exact, whatever the
/// partition and order of the records.
/// </summary>
/// <remarks>
/// <para>Records after the period's end are ignored (counted in <see cref="RecordsAfterPeriod"/>): a scorecard
/// describes the period as it was. Records before the period feed the customers' history: first sale,
/// activity in the window before the period (retention), the previous period's revenue (growth) and
/// lifetime margin (historical CLV).</para>
/// <para>Amounts are converted to the scorecard's currency (see <see cref="Currency"/>). A refund without a
/// cost reverses no cost; a sale without a cost makes margins that include it undefined unless
/// <see cref="CrmMetricsOptions.TreatMissingCostAsZero"/> is set.</para>
/// <para>Not thread-safe: use one per thread or partition and <see cref="Merge"/> them.</para>
/// </remarks>
public sealed class PurchaseAccumulator
{
    private readonly Dictionary<CustomerId, CustomerState> _customers = [];
    private readonly long[] _dayStartTicks;
    private readonly Instant _windowStart;
    private readonly Instant _priorStart;
    private readonly CurrencyScope _currency;
    private decimal _priorNet;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="period">The reporting period.</param>
    /// <param name="options">The options (retention window and method, missing costs); defaults when <c>null</c>.</param>
    /// <param name="currency">The scorecard's currency; when <c>null</c>, the first currency met.</param>
    /// <param name="exchangeRates">Converts other currencies; without it, a second currency is an error.</param>
    public PurchaseAccumulator(ReportingPeriod period, CrmMetricsOptions? options = null, Currency? currency = null, IExchangeRateProvider? exchangeRates = null)
        : this(period, options ?? new CrmMetricsOptions(), new CurrencyScope(currency, exchangeRates, period?.Zone ?? DateTimeZone.Utc))
    {
    }

    internal PurchaseAccumulator(ReportingPeriod period, CrmMetricsOptions options, CurrencyScope currency)
    {
        ArgumentNullException.ThrowIfNull(period);
        Period = period;
        Options = options;
        _currency = currency;
        _windowStart = period.StartOf(period.Dates.Start.PlusDays(-options.RetentionWindowDays));
        _priorStart = period.Previous().Start;
        _dayStartTicks = new long[period.LengthInDays + 1];
        for (var i = 0; i <= period.LengthInDays; i++)
        {
            _dayStartTicks[i] = period.StartOf(period.Dates.Start.PlusDays(i)).ToUnixTimeTicks();
        }
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The scorecard's currency: the one given, or the first met; <c>null</c> while none is known.</summary>
    public Currency? Currency => _currency.Target;

    /// <summary>Records seen after the period's end (ignored).</summary>
    public long RecordsAfterPeriod { get; private set; }

    /// <summary>Number of customers tracked (with a purchase up to the period's end, or an acquisition instant).</summary>
    public int CustomerCount => _customers.Count;

    internal CrmMetricsOptions Options { get; }

    internal CurrencyScope CurrencyScope => _currency;

    internal Dictionary<CustomerId, CustomerState> Customers => _customers;

    internal decimal PriorPeriodNet => _priorNet;

    /// <summary>Adds one purchase.</summary>
    /// <param name="purchase">The sale or refund.</param>
    /// <exception cref="CurrencyMismatchException">The purchase is in another currency and no exchange-rate provider was given.</exception>
    public void Add(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        var at = purchase.OccurredAt;
        if (at >= Period.End)
        {
            RecordsAfterPeriod++;
            return;
        }

        var amount = _currency.Convert(purchase.Amount, at);
        decimal? cost = purchase.Cost is { } c ? _currency.Convert(c, at) : null;
        var isSale = purchase.Kind == PurchaseKind.Sale;
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_customers, purchase.CustomerId, out _);

        var inPeriod = at >= Period.Start;
        if (isSale)
        {
            if (!state.HasSale || at < state.FirstSale)
            {
                state.FirstSale = at;
                state.HasSale = true;
            }

            state.LifetimeNet += amount;
            if (cost is { } saleCost)
            {
                state.LifetimeCost += saleCost;
            }
            else
            {
                state.LifetimeSalesWithoutCost++;
            }

            if (inPeriod)
            {
                state.HasPeriodRecord = true;
                state.PeriodSales++;
                state.PeriodSalesAmount += amount;
                state.AddSaleDay(DayIndex(at) + 1);
                if (cost is { } periodCost)
                {
                    state.PeriodCost += periodCost;
                }
                else
                {
                    state.PeriodSalesWithoutCost++;
                }
            }
            else
            {
                state.SaleInWindowBefore |= at >= _windowStart;
                if (at >= _priorStart)
                {
                    _priorNet += amount;
                }
            }
        }
        else
        {
            var reversed = cost ?? 0m;
            state.LifetimeNet -= amount;
            state.LifetimeCost -= reversed;
            if (inPeriod)
            {
                state.HasPeriodRecord = true;
                state.PeriodRefundAmount += amount;
                state.PeriodCost -= reversed;
            }
            else if (at >= _priorStart)
            {
                _priorNet -= amount;
            }
        }
    }

    /// <summary>
    /// Adds a customer's acquisition instant (<see cref="Customer.AcquiredAt"/>), which then defines when the
    /// customer was acquired instead of its first sale. Customers without one change nothing.
    /// </summary>
    /// <param name="customer">The customer.</param>
    public void Add(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.AcquiredAt is { } acquired)
        {
            AddAcquisition(customer.Id, acquired);
        }
    }

    /// <summary>
    /// Records when a customer was acquired, which then counts instead of its first sale. When several instants
    /// are given for one customer, the earliest counts.
    /// </summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="acquiredAt">When it was acquired.</param>
    public void AddAcquisition(CustomerId customerId, Instant acquiredAt)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_customers, customerId, out _);
        if (!state.HasAcquisition || acquiredAt < state.AcquiredAt)
        {
            state.AcquiredAt = acquiredAt;
            state.HasAcquisition = true;
        }
    }

    /// <summary>Adds the state of another accumulator of the same period and options.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <exception cref="ArgumentException">The period or options differ.</exception>
    /// <exception cref="CurrencyMismatchException">The two are in different currencies.</exception>
    public void Merge(PurchaseAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("An accumulator cannot be merged into itself.", nameof(other));
        }

        if (!Period.Equals(other.Period)
            || Options.RetentionWindowDays != other.Options.RetentionWindowDays
            || Options.RetentionMethod != other.Options.RetentionMethod
            || Options.TreatMissingCostAsZero != other.Options.TreatMissingCostAsZero)
        {
            throw new ArgumentException("Only accumulators of the same period and options can be merged.", nameof(other));
        }

        _currency.Merge(other._currency);
        foreach (var (id, theirs) in other._customers)
        {
            ref var mine = ref CollectionsMarshal.GetValueRefOrAddDefault(_customers, id, out _);
            mine.Merge(theirs);
        }

        _priorNet += other._priorNet;
        RecordsAfterPeriod += other.RecordsAfterPeriod;
    }

    /// <summary>The purchase and loyalty metrics over what was added.</summary>
    /// <param name="fallbackCurrency">The currency of the money results when no amount was seen and none was given.</param>
    /// <returns>A snapshot.</returns>
    public LoyaltyMetrics LoyaltyResult(Currency fallbackCurrency) => LoyaltyMetrics.From(this, fallbackCurrency);

    private int DayIndex(Instant at)
    {
        var index = Array.BinarySearch(_dayStartTicks, at.ToUnixTimeTicks());
        return index >= 0 ? index : ~index - 1;
    }
}
