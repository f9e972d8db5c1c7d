using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Crm.Domain.Activity;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The customer-base models' summary of a purchase history: one <see cref="CustomerSummary"/> per customer whose
/// first purchase is on or before the calibration end, with the totals a report shows.
/// </summary>
/// <remarks>
/// <para>How purchases are read (<see cref="FromPurchases(IEnumerable{Purchase}, SummaryOptions)"/>):</para>
/// <list type="bullet">
/// <item>Only sales are purchases; refunds are not purchase events and are counted in <see cref="RefundsIgnored"/>.
/// A zero-amount sale is a purchase.</item>
/// <item>Instants become local dates in <see cref="SummaryOptions.Zone"/>; sales on the same local date are one
/// purchase (their amounts summed).</item>
/// <item>x = purchase days after the first, up to and including the calibration end; t_x = last − first purchase
/// day; T = calibration end − first purchase day; both in whole days, then stated in the time unit (weeks are
/// days / 7).</item>
/// <item>m̄ = the mean value of the x repeat purchase days (not of the first purchase).</item>
/// <item>With a holdout end, each customer's purchase days in (calibration end, holdout end] are their actual
/// holdout repeat purchases.</item>
/// <item>Customers whose first purchase is after the calibration end are not in the summary; they are counted in
/// <see cref="CustomersFirstBuyingAfterCalibration"/>.</item>
/// </list>
/// <para>Customers are in the order of their first sale record in the input (not sorted: sorting 100,000 ids
/// would cost more than the whole summary). The summary of each customer does not depend on the order of the
/// purchases. This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class CustomerBaseSummary
{
    private readonly CustomerSummary[] _customers;

    private CustomerBaseSummary(SummaryOptions options, CustomerSummary[] customers, Currency? currency, long repeatTransactions, long? holdoutRepeats, int laterCustomers, long refunds)
    {
        Options = options;
        _customers = customers;
        Currency = currency;
        RepeatTransactions = repeatTransactions;
        HoldoutRepeatTransactions = holdoutRepeats;
        CustomersFirstBuyingAfterCalibration = laterCustomers;
        RefundsIgnored = refunds;
    }

    /// <summary>The options the summary was built with.</summary>
    public SummaryOptions Options { get; }

    /// <summary>The unit of every t_x and T in the summary.</summary>
    public ModelTimeUnit TimeUnit => Options.TimeUnit;

    /// <summary>The last day of the calibration period.</summary>
    public LocalDate CalibrationEnd => Options.CalibrationEnd;

    /// <summary>The length of the holdout period, (calibration end, holdout end]; null without one.</summary>
    public ModelTime? HoldoutLength => Options.HoldoutEnd is { } end
        ? ModelTime.In(Period.DaysBetween(Options.CalibrationEnd, end) / (TimeUnit == ModelTimeUnit.Weeks ? 7.0 : 1.0), TimeUnit)
        : null;

    /// <summary>The customers, in the order of their first sale record in the input.</summary>
    public IReadOnlyList<CustomerSummary> Customers => Array.AsReadOnly(_customers);

    /// <summary>The currency of the purchase values; null when there were no sales.</summary>
    public Currency? Currency { get; }

    /// <summary>Σx: the repeat purchases of all customers in the calibration period.</summary>
    public long RepeatTransactions { get; }

    /// <summary>The repeat purchases of the summary's customers in the holdout period; null without one.</summary>
    public long? HoldoutRepeatTransactions { get; }

    /// <summary>Customers with sales whose first sale is after the calibration end (not in <see cref="Customers"/>).</summary>
    public int CustomersFirstBuyingAfterCalibration { get; }

    /// <summary>Refund records read and not counted as purchases.</summary>
    public long RefundsIgnored { get; }

    internal ReadOnlySpan<CustomerSummary> Span => _customers;

    /// <summary>Summarises purchases per customer.</summary>
    /// <param name="purchases">The purchases, in any order; every sale must be in one currency.</param>
    /// <param name="options">The calibration end, holdout end, zone and time unit.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException">An argument or a purchase is null.</exception>
    /// <exception cref="ArgumentException">The options break a rule (the message names it).</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    public static CustomerBaseSummary FromPurchases(IEnumerable<Purchase> purchases, SummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        using var builder = new SummaryBuilder(options, purchases.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var purchase in purchases)
        {
            builder.Add(purchase);
        }

        return builder.Build();
    }

    /// <summary>Summarises an asynchronous stream of purchases per customer.</summary>
    /// <param name="purchases">The purchases, in any order; every sale must be in one currency.</param>
    /// <param name="options">The calibration end, holdout end, zone and time unit.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException">An argument or a purchase is null.</exception>
    /// <exception cref="ArgumentException">The options break a rule (the message names it).</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<CustomerBaseSummary> FromPurchasesAsync(IAsyncEnumerable<Purchase> purchases, SummaryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        using var builder = new SummaryBuilder(options, 0);
        await foreach (var purchase in purchases.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            builder.Add(purchase);
        }

        return builder.Build();
    }

    /// <summary>
    /// A summary of the caller's own per-customer summaries (for example a published summary file), so that they
    /// can be fitted like one built from purchases.
    /// </summary>
    /// <param name="customers">The summaries; at least one.</param>
    /// <param name="options">
    /// The calibration end and time unit the summaries are stated for (their times are converted to
    /// <see cref="SummaryOptions.TimeUnit"/>); with <see cref="SummaryOptions.HoldoutEnd"/>, every customer must
    /// have a <see cref="CustomerSummary.HoldoutFrequency"/>, and without it none may. The zone is not used.
    /// </param>
    /// <returns>The summary, customers in the given order.</returns>
    /// <exception cref="ArgumentException">No customers, a default summary, a customer twice, mean values in more than one currency, or holdout values that do not match the options.</exception>
    public static CustomerBaseSummary FromSummaries(IEnumerable<CustomerSummary> customers, SummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        var list = customers.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A summary needs at least one customer.", nameof(customers));
        }

        var seen = new HashSet<CustomerId>();
        var unit = options.TimeUnit;
        var holdout = options.HoldoutEnd is not null;
        Currency? currency = null;
        long repeats = 0, holdoutRepeats = 0;
        for (var i = 0; i < list.Length; i++)
        {
            var c = list[i];
            if (c.CustomerId == default)
            {
                throw new ArgumentException($"Customer summary {i} is the default value (no customer id); build summaries with the constructor.", nameof(customers));
            }

            if (!seen.Add(c.CustomerId))
            {
                throw new ArgumentException($"Customer '{c.CustomerId}' appears twice; a summary has one row per customer.", nameof(customers));
            }

            if (c.HoldoutFrequency is null == holdout)
            {
                throw new ArgumentException(
                    holdout
                        ? $"Customer '{c.CustomerId}' has no holdout frequency, but the options have a holdout end: give every customer one."
                        : $"Customer '{c.CustomerId}' has a holdout frequency, but the options have no holdout end: set SummaryOptions.HoldoutEnd.",
                    nameof(customers));
            }

            if (c.MeanRepeatValue is { Currency: var code })
            {
                if (currency is { } known && known != code)
                {
                    throw new CurrencyMismatchException(known, code, nameof(customers));
                }

                currency = code;
            }

            list[i] = new CustomerSummary(c.CustomerId, c.Frequency, new BtydRecency(ModelTime.In(c.Recency.In(unit), unit)), ModelTime.In(c.Age.ToUnit(unit), unit), c.MeanRepeatValue, c.HoldoutFrequency);
            repeats += c.Frequency;
            holdoutRepeats += c.HoldoutFrequency ?? 0;
        }

        return new CustomerBaseSummary(options, list, currency, repeats, holdout ? holdoutRepeats : null, 0, 0);
    }

    /// <summary>
    /// One pass over the purchases: per customer a small running state (first day, the value on it, the calibration
    /// total), and per purchase up to the last day that matters its customer and day in flat pooled buffers. Then a
    /// counting sort by customer and a short sort of each customer's days give the distinct purchase days.
    /// </summary>
    private sealed class SummaryBuilder : IDisposable
    {
        private const int BuildChunk = 16_384;
        private readonly SummaryOptions _options;
        private readonly LocalDayNumbers _days;
        private readonly int _calibrationEnd;
        private readonly int _lastDay;
        // One lookup per sale finds the customer's whole running state (its buffer index included).
        private readonly Dictionary<CustomerId, CustomerState> _state;
        private readonly List<CustomerId> _ids;
        private int[] _customer = System.Buffers.ArrayPool<int>.Shared.Rent(4096);
        private int[] _day = System.Buffers.ArrayPool<int>.Shared.Rent(4096);
        private int _count;
        private long _refunds;
        private Currency _currency;

        /// <param name="options">The options.</param>
        /// <param name="purchases">The number of purchases when known: a tenth of it presizes the customer table.</param>
        public SummaryBuilder(SummaryOptions options, int purchases)
        {
            _options = options;
            _state = new Dictionary<CustomerId, CustomerState>(Math.Min(purchases / 10, 1 << 22));
            _ids = new List<CustomerId>(Math.Min(purchases / 10, 1 << 22));
            _days = new LocalDayNumbers(options.Zone);
            _calibrationEnd = LocalDayNumbers.Of(options.CalibrationEnd);
            _lastDay = options.HoldoutEnd is { } holdout ? LocalDayNumbers.Of(holdout) : _calibrationEnd;
        }

        public void Add(Purchase purchase)
        {
            ArgumentNullException.ThrowIfNull(purchase);
            if (!purchase.IsSale)
            {
                _refunds++;
                return;
            }

            var amount = purchase.Amount;
            if (_currency != amount.Currency)
            {
                if (_currency != default)
                {
                    throw new CurrencyMismatchException(_currency, amount.Currency, nameof(purchase));
                }

                _currency = amount.Currency;
            }

            var day = _days.Of(purchase.OccurredAt.ToUnixTimeTicks());
            ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_state, purchase.CustomerId, out var exists);
            if (!exists)
            {
                state.Index = _ids.Count;
                state.FirstDay = int.MaxValue;
                _ids.Add(purchase.CustomerId);
            }

            state.Add(day, amount.Amount, _calibrationEnd);
            var customer = state.Index;
            if (day > _lastDay)
            {
                return;
            }

            if (_count == _customer.Length)
            {
                Grow(ref _customer, _count + 1);
                Grow(ref _day, _count + 1);
            }

            _customer[_count] = customer;
            _day[_count] = day;
            _count++;
        }

        public CustomerBaseSummary Build()
        {
            var customers = _ids.Count;

            // Counting sort of the buffered purchase days by customer: afterwards start[c] is the end of c's slice.
            var start = System.Buffers.ArrayPool<int>.Shared.Rent(customers + 1);
            var days = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(_count, 1));
            try
            {
                CountingSort.ByKey(_customer.AsSpan(0, _count), _day.AsSpan(0, _count), days, start.AsSpan(0, customers + 1));

                // The states in customer-index order.
                var states = System.Buffers.ArrayPool<CustomerState>.Shared.Rent(customers);
                var included = 0;
                foreach (var each in _state.Values)
                {
                    states[each.Index] = each;
                    included += each.FirstDay <= _calibrationEnd ? 1 : 0;
                }

                // Each customer's summary from its sorted days; chunks of customers run in parallel (their output
                // positions are known from a prefix count, and the totals are added in chunk order).
                var position = System.Buffers.ArrayPool<int>.Shared.Rent(customers);
                for (int c = 0, k = 0; c < customers; c++)
                {
                    position[c] = k;
                    k += states[c].FirstDay <= _calibrationEnd ? 1 : 0;
                }

                var summaries = new CustomerSummary[included];
                var chunks = (customers + BuildChunk - 1) / BuildChunk;
                var totals = new (long Repeats, long Holdout)[chunks];
                void Summarise(int chunk)
                {
                    var unit = _options.TimeUnit;
                    var daysPerUnit = unit == ModelTimeUnit.Weeks ? 7.0 : 1.0;
                    var holdout = _options.HoldoutEnd is not null;
                    long repeats = 0, holdoutRepeats = 0;
                    for (var c = chunk * BuildChunk; c < Math.Min(customers, (chunk + 1) * BuildChunk); c++)
                    {
                        ref readonly var state = ref states[c];
                        var first = state.FirstDay;
                        if (first > _calibrationEnd)
                        {
                            continue;
                        }

                        var slice = days.AsSpan(CountingSort.SliceOf(start, c));
                        slice.Sort();
                        int x = 0, holdoutX = 0, last = first, previous = first;
                        foreach (var day in slice)
                        {
                            if (day != previous)
                            {
                                if (day <= _calibrationEnd)
                                {
                                    x++;
                                    last = day;
                                }
                                else
                                {
                                    holdoutX++;
                                }

                                previous = day;
                            }
                        }

                        repeats += x;
                        holdoutRepeats += holdoutX;
                        summaries[position[c]] = new CustomerSummary(
                            _ids[c],
                            x,
                            new BtydRecency(ModelTime.In((last - first) / daysPerUnit, unit)),
                            ModelTime.In((_calibrationEnd - first) / daysPerUnit, unit),
                            x > 0 ? new Money((state.CalibrationTotal - state.FirstDayTotal) / x, _currency) : null,
                            holdout ? holdoutX : null,
                            trusted: true);
                    }

                    totals[chunk] = (repeats, holdoutRepeats);
                }

                if (chunks > 1)
                {
                    Parallel.For(0, chunks, Summarise);
                }
                else if (chunks == 1)
                {
                    Summarise(0);
                }

                System.Buffers.ArrayPool<int>.Shared.Return(position);
                long repeats = 0, holdoutRepeats = 0;
                foreach (var (chunkRepeats, chunkHoldout) in totals)
                {
                    repeats += chunkRepeats;
                    holdoutRepeats += chunkHoldout;
                }

                var holdout = _options.HoldoutEnd is not null;
                System.Buffers.ArrayPool<CustomerState>.Shared.Return(states);
                return new CustomerBaseSummary(_options, summaries, _currency == default ? null : _currency, repeats, holdout ? holdoutRepeats : null, customers - included, _refunds);
            }
            finally
            {
                System.Buffers.ArrayPool<int>.Shared.Return(start);
                System.Buffers.ArrayPool<int>.Shared.Return(days);
            }
        }

        public void Dispose()
        {
            System.Buffers.ArrayPool<int>.Shared.Return(_customer);
            System.Buffers.ArrayPool<int>.Shared.Return(_day);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Grow<T>(ref T[] array, int needed)
        {
            if (needed <= array.Length)
            {
                return;
            }

            var bigger = System.Buffers.ArrayPool<T>.Shared.Rent(Math.Max(needed, array.Length * 2));
            Array.Copy(array, bigger, array.Length);
            System.Buffers.ArrayPool<T>.Shared.Return(array);
            array = bigger;
        }

        /// <summary>
        /// What each sale updates, whatever the order of the sales: the first purchase day and the value bought on it,
        /// and the value bought up to the calibration end; m̄ is then (total − first day's) / x.
        /// </summary>
        private struct CustomerState
        {
            public int Index;
            public int FirstDay;
            public decimal FirstDayTotal;
            public decimal CalibrationTotal;

            public void Add(int day, decimal amount, int calibrationEnd)
            {
                if (day < FirstDay)
                {
                    FirstDay = day;
                    FirstDayTotal = amount;
                }
                else if (day == FirstDay)
                {
                    FirstDayTotal += amount;
                }

                if (day <= calibrationEnd)
                {
                    CalibrationTotal += amount;
                }
            }
        }
    }
}
