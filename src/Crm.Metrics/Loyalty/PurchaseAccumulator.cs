using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Concurrency;
using Crm.Metrics.Internal;
using Crm.Metrics.Storage;

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
public sealed partial class PurchaseAccumulator
{
    private readonly PurchaseStore _store;
    private readonly CurrencyScope _currency;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="period">The reporting period.</param>
    /// <param name="options">The options (retention window and method, missing costs, threads); defaults when <c>null</c>.</param>
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
        var calendar = new PeriodCalendar(period, options.RetentionWindowDays, options.CohortMonths);
        _store = new PurchaseStore(new PurchaseRules(calendar, currency), ExecutionSettings.Of(options.Execution.MaxDegreeOfParallelism));
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The scorecard's currency: the one given, or the first met; <c>null</c> while none is known.</summary>
    public Currency? Currency => _currency.Target;

    /// <summary>Records seen after the period's end (ignored).</summary>
    public long RecordsAfterPeriod => _store.NotAdmitted;

    /// <summary>Number of customers tracked (with a purchase up to the period's end, or an acquisition instant).</summary>
    /// <remarks>Applies the purchases still buffered first; what they would throw is thrown here.</remarks>
    public int CustomerCount
    {
        get
        {
            _store.Flush();
            return _store.AppliedCustomers;
        }
    }

    /// <summary>The customer store, for the engine's concurrent reads and its execution settings.</summary>
    internal PurchaseStore Store => _store;

    internal CrmMetricsOptions Options { get; }

    /// <summary>Adds one purchase.</summary>
    /// <param name="purchase">The sale or refund.</param>
    /// <remarks>
    /// Purchases are buffered and applied in batches. One whose amounts would take its customer's sums beyond the
    /// range of <see cref="decimal"/> is left out whole, the others applied, and the <see cref="AmountOverflowException"/>
    /// is thrown when its batch is applied (by a later call that adds, merges or reads).
    /// </remarks>
    /// <exception cref="CurrencyMismatchException">The purchase is in another currency and no exchange-rate provider was given.</exception>
    /// <exception cref="AmountOverflowException">A purchase added earlier was refused when its batch was applied.</exception>
    public void Add(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        _store.Add(new PurchaseRecord(purchase));
    }

    /// <summary>Adds a sale or refund given as a value, as <see cref="Add(Purchase)"/> adds one.</summary>
    /// <param name="purchase">The sale or refund; not the default value.</param>
    /// <exception cref="ArgumentException"><paramref name="purchase"/> is the default value.</exception>
    /// <exception cref="CurrencyMismatchException">The purchase is in another currency and no exchange-rate provider was given.</exception>
    /// <exception cref="AmountOverflowException">A purchase added earlier was refused when its batch was applied.</exception>
    public void Add(in PurchaseRecord purchase) => _store.Add(in Storage.PurchaseValues.Checked(in purchase, nameof(purchase)));

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
        if (customerId.Value.Length == 0)
        {
            throw new ArgumentException("The customer id is the default (uninitialised) value.", nameof(customerId));
        }

        var table = _store.TableOf(customerId);
        table.PeriodForUpdate(table.IndexOf(customerId)).AddAcquisition(acquiredAt.ToUnixTimeTicks());
    }

    /// <summary>Adds the state of another accumulator of the same period and options.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <remarks>Checked whole before anything changes: on an error this accumulator is as it was.</remarks>
    /// <exception cref="ArgumentException">The period or options differ, or a merged count would leave its range.</exception>
    /// <exception cref="CurrencyMismatchException">The two are in different currencies.</exception>
    /// <exception cref="AmountOverflowException">A merged amount would leave the range of <see cref="decimal"/>.</exception>
    public void Merge(PurchaseAccumulator other)
    {
        CheckMerge(other);
        _currency.Merge(other._currency);
        MergeChecked(other);
    }

    /// <summary>
    /// Throws what <see cref="Merge"/> would throw, changing nothing: other period or options, another currency, or a
    /// sum that would leave its range (both accumulators' buffered purchases are applied first).
    /// </summary>
    internal void CheckMerge(PurchaseAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Accumulators.RequireMergeable(
            this,
            other,
            Period,
            other.Period,
            Options.RetentionWindowDays == other.Options.RetentionWindowDays
                && Options.RetentionMethod == other.Options.RetentionMethod
                && Options.TreatMissingCostAsZero == other.Options.TreatMissingCostAsZero
                && Options.CohortMonths == other.Options.CohortMonths);
        _currency.CheckMerge(other._currency);
        Sums.RequireCountFit(RecordsAfterPeriod, other.RecordsAfterPeriod, "the purchases after the period", nameof(other));
        switch (_store.MergeFits(other._store))
        {
            case MergeFit.AmountOverflows:
                throw new AmountOverflowException("merging the customers' sums of two partitions", _currency.Target ?? other._currency.Target ?? default);
            case MergeFit.CountOverflows:
                throw new ArgumentException("Merging would take a customer's count of sales beyond 2,147,483,647; nothing was merged.", nameof(other));
        }
    }

    /// <summary>Merges an accumulator that <see cref="CheckMerge"/> accepted (the currency already merged).</summary>
    /// <param name="other">The accumulator merged in.</param>
    /// <param name="owned">Whether the caller discards <paramref name="other"/> afterwards: its tables may then be taken over whole.</param>
    internal void MergeChecked(PurchaseAccumulator other, bool owned = false) => _store.Merge(other._store, owned);

    /// <summary>The purchase and loyalty metrics over what was added.</summary>
    /// <param name="fallbackCurrency">The currency of the money results when no amount was seen and none was given.</param>
    /// <returns>A snapshot.</returns>
    /// <exception cref="AmountOverflowException">A total (revenue, an average's sum) is beyond the range of <see cref="decimal"/>.</exception>
    public LoyaltyMetrics LoyaltyResult(Currency fallbackCurrency)
    {
        if (fallbackCurrency == default)
        {
            throw new ArgumentException("The fallback currency is the default (uninitialised) value; give an ISO 4217 currency.", nameof(fallbackCurrency));
        }

        return LoyaltyResult(Seal(), fallbackCurrency, supplied: true);
    }

    /// <summary>The loyalty metrics of a snapshot of this accumulator.</summary>
    internal static LoyaltyMetrics LoyaltyResult(PurchaseSnapshot snapshot, Currency fallbackCurrency, bool supplied)
    {
        try
        {
            return LoyaltyMetrics.From(snapshot, fallbackCurrency, supplied);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("computing the period's revenue and loyalty totals", snapshot.Currency ?? fallbackCurrency, e);
        }
    }

    /// <summary>
    /// Applies every buffered purchase and returns what the results read: a snapshot that reading does not change,
    /// valid until the next purchase, acquisition or merge.
    /// </summary>
    internal PurchaseSnapshot Seal() => new(_store.Seal(), _store.Rules.Calendar, Options, Currency);

    /// <summary>
    /// Returns the buffers and the customer tables' arrays to the pool and empties the accumulator: for the engine,
    /// which owns its accumulators and calls this once their result is taken.
    /// </summary>
    internal void Release() => _store.Release();
}
