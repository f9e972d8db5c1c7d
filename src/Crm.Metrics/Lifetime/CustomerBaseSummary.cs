using Crm.Domain.Activity;
using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime.Summaries;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The customer-base models' summary of a purchase history: one <see cref="CustomerSummary"/> per customer whose
/// first purchase is on or before the calibration end, with the totals a report shows.
/// </summary>
/// <remarks>
/// <para>How purchases are read (<see cref="FromPurchases(IEnumerable{Purchase}, SummaryOptions, IProgress{long}, CancellationToken)"/>):</para>
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
public sealed partial class CustomerBaseSummary
{
    private readonly CustomerSummary[] _customers;
    private Dictionary<CustomerId, int>? _index; // built on the first lookup

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

    /// <summary>Finds a customer's row (one per customer).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="summary">The customer's row; the default value when the summary does not hold the customer.</param>
    /// <returns>Whether the summary holds the customer.</returns>
    /// <remarks>The first lookup indexes the rows (once, thread-safe); later lookups are a dictionary read.</remarks>
    public bool TryGetCustomer(CustomerId customerId, out CustomerSummary summary)
    {
        var index = LazyInitializer.EnsureInitialized(ref _index, () =>
        {
            var byId = new Dictionary<CustomerId, int>(_customers.Length);
            for (var i = 0; i < _customers.Length; i++)
            {
                byId.Add(_customers[i].CustomerId, i);
            }

            return byId;
        });
        if (index.TryGetValue(customerId, out var i))
        {
            summary = _customers[i];
            return true;
        }

        summary = default;
        return false;
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
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException">An argument or a purchase is null.</exception>
    /// <exception cref="ArgumentException">The options break a rule (the message names it).</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CustomerBaseSummary FromPurchases(IEnumerable<Purchase> purchases, SummaryOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        var watch = ProgressWatch.For(progress, cancellationToken);
        if (Storage.OwnedPartitions.Indexed([purchases]) is { } parts)
        {
            return CustomerBaseSummaryAccumulator.Summarise(parts, options, watch, Environment.ProcessorCount, nameof(purchases));
        }

        using var accumulator = new CustomerBaseSummaryAccumulator(options, purchases.TryGetNonEnumeratedCount(out var count) ? Capacity.ForPurchases(count, 10) : default);
        accumulator.AddRange(ProgressWatch.Watched(purchases, watch));
        watch?.Finish();
        return accumulator.Result();
    }

    /// <summary>
    /// Summarises purchases given in partitions, one accumulator per partition on the thread pool, merged in
    /// partition order: the same summary as one pass over the partitions one after another, using every core.
    /// </summary>
    /// <param name="partitions">The partitions (a customer's purchases may be spread over several).</param>
    /// <param name="options">The calibration end, holdout end, zone and time unit.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The summary; customers in the order of their first sale record across the partitions in order.</returns>
    /// <exception cref="ArgumentNullException">An argument, a partition or a purchase is null.</exception>
    /// <exception cref="ArgumentException">The options break a rule, or there is no partition.</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CustomerBaseSummary FromPartitions(IReadOnlyList<IEnumerable<Purchase>> partitions, SummaryOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        if (partitions.Count == 0)
        {
            throw new ArgumentException("Give at least one partition.", nameof(partitions));
        }

        return FromPartitions(partitions, options, ProgressWatch.For(progress, cancellationToken));
    }

    private static CustomerBaseSummary FromPartitions(IReadOnlyList<IEnumerable<Purchase>> partitions, SummaryOptions options, ProgressWatch? watch)
    {
        if (Storage.OwnedPartitions.Indexed(partitions) is { } parts)
        {
            return CustomerBaseSummaryAccumulator.Summarise(parts, options, watch, Environment.ProcessorCount, nameof(partitions));
        }

        using var merged = Concurrency.Partitioned.Run(
            partitions,
            () => new CustomerBaseSummaryAccumulator(options),
            (accumulator, part) => accumulator.AddRange(ProgressWatch.Watched(part, watch)),
            (into, from) => into.Merge(from));
        watch?.Finish();
        return merged.Result();
    }

    /// <summary>Summarises an asynchronous stream of purchases per customer.</summary>
    /// <param name="purchases">The purchases, in any order; every sale must be in one currency.</param>
    /// <param name="options">The calibration end, holdout end, zone and time unit.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException">An argument or a purchase is null.</exception>
    /// <exception cref="ArgumentException">The options break a rule (the message names it).</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<CustomerBaseSummary> FromPurchasesAsync(IAsyncEnumerable<Purchase> purchases, SummaryOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        var watch = ProgressWatch.For(progress, cancellationToken);
        using var accumulator = new CustomerBaseSummaryAccumulator(options);
        await foreach (var purchase in ProgressWatch.Watched(purchases, watch, cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(purchase);
        }

        watch?.Finish();
        return accumulator.Result();
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

        var seen = new HashSet<CustomerId>(list.Length);
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
    /// The summary of a log: a counting sort of the logged purchase days by customer and a short sort of each
    /// customer's days give the distinct purchase days. Chunks of customers run in parallel (their output positions
    /// are known from a prefix count, and the totals are added in chunk order).
    /// </summary>
    internal static CustomerBaseSummary Build(SummaryOptions options, Storage.CustomerDayLog<SummaryDayState> log, Currency currency, long refunds, int calibrationEnd)
    {
        const int chunkSize = 16_384;
        var customers = log.Customers;
        using var days = log.SortByCustomer();
        var chunks = (customers + chunkSize - 1) / chunkSize;
        return Build(options, currency, refunds, calibrationEnd, customers, chunks, c => log.State(c).FirstDay, (chunk, summarise) =>
        {
            for (var c = chunk * chunkSize; c < Math.Min(customers, (chunk + 1) * chunkSize); c++)
            {
                summarise(c, log.State(c), log.Id(c), days.Distinct(c));
            }
        });
    }

    /// <summary>
    /// The summary of disjoint logs whose customers are numbered by <paramref name="globalOf"/> (per log, each
    /// customer's number in the summary's order): each log's days are sorted and summarised on its own, in parallel,
    /// straight into the customers' places.
    /// </summary>
    internal static CustomerBaseSummary Build(SummaryOptions options, IReadOnlyList<Storage.CustomerDayLog<SummaryDayState>> logs, int[][] globalOf, int customers, Currency currency, long refunds, int calibrationEnd)
    {
        return Build(options, currency, refunds, calibrationEnd, customers, logs.Count, FirstDays(), (part, summarise) =>
        {
            var log = logs[part];
            var number = globalOf[part];
            using var days = log.SortByCustomer();
            for (var c = 0; c < log.Customers; c++)
            {
                summarise(number[c], log.State(c), log.Id(c), days.Distinct(c));
            }
        });

        Func<int, int> FirstDays()
        {
            var first = new int[customers];
            Concurrency.Partitioned.For(logs.Count, null, part =>
            {
                for (var c = 0; c < logs[part].Customers; c++)
                {
                    first[globalOf[part][c]] = logs[part].State(c).FirstDay;
                }
            });
            return c => first[c];
        }
    }

    /// <summary>
    /// The summary of <paramref name="customers"/> customers, numbered in the summary's order: their first days give
    /// each included customer's place; then <paramref name="run"/> feeds each of <paramref name="runs"/> runs' customers
    /// (number, state, id, distinct days) to the summariser, the runs in parallel, and the totals are added in run order.
    /// </summary>
    private static CustomerBaseSummary Build(SummaryOptions options, Currency currency, long refunds, int calibrationEnd, int customers, int runs, Func<int, int> firstDayOf, Action<int, Summariser> run)
    {
        var position = Crm.Metrics.Storage.WorkArrays<int>.Rent(Math.Max(customers, 1));
        var included = 0;
        var earliest = int.MaxValue;
        for (var c = 0; c < customers; c++)
        {
            position[c] = included;
            var first = firstDayOf(c);
            if (first <= calibrationEnd)
            {
                included++;
                earliest = Math.Min(earliest, first);
            }
        }

        var summaries = new CustomerSummary[included];
        var totals = new (long Repeats, long Holdout)[runs];
        var unit = options.TimeUnit;
        var daysPerUnit = unit == ModelTimeUnit.Weeks ? 7.0 : 1.0;
        var holdout = options.HoldoutEnd is not null;
        // With a holdout, the repeat purchase days per day from the earliest first purchase to the holdout end (each
        // run counts its own, added in run order): the actual curve of HoldoutTracking, without reading the
        // purchases again.
        var span = holdout && included > 0 ? Summaries.LocalDayNumbers.Of(options.HoldoutEnd!.Value) - earliest + 1 : 0;
        var perRun = new int[span > 0 ? runs : 0][];
        void Summarise(int r)
        {
            long repeats = 0, holdoutRepeats = 0;
            var onDay = span > 0 ? perRun[r] = new int[span] : null;
            run(r, (int c, in SummaryDayState state, CustomerId id, ReadOnlySpan<int> distinct) =>
            {
                var first = state.FirstDay;
                if (first > calibrationEnd)
                {
                    return;
                }

                int x = 0, holdoutX = 0, last = first;
                foreach (var day in distinct)
                {
                    if (day == first)
                    {
                        continue;
                    }

                    if (onDay is not null)
                    {
                        onDay[day - earliest]++;
                    }

                    if (day <= calibrationEnd)
                    {
                        x++;
                        last = day;
                    }
                    else
                    {
                        holdoutX++;
                    }
                }

                repeats += x;
                holdoutRepeats += holdoutX;
                summaries[position[c]] = new CustomerSummary(
                    id,
                    x,
                    new BtydRecency(ModelTime.In((last - first) / daysPerUnit, unit)),
                    ModelTime.In((calibrationEnd - first) / daysPerUnit, unit),
                    x > 0 ? new Money((state.CalibrationTotal - state.FirstDayTotal) / x, currency) : null,
                    holdout ? holdoutX : null,
                    trusted: true);
            });
            totals[r] = (repeats, holdoutRepeats);
        }

        if (runs > 1)
        {
            Parallel.For(0, runs, Summarise);
        }
        else if (runs == 1)
        {
            Summarise(0);
        }

        Crm.Metrics.Storage.WorkArrays<int>.Return(position);
        long totalRepeats = 0, totalHoldout = 0;
        foreach (var (runRepeats, runHoldout) in totals)
        {
            totalRepeats += runRepeats;
            totalHoldout += runHoldout;
        }

        int[]? repeatsOnDay = null;
        if (span > 0)
        {
            repeatsOnDay = new int[span];
            foreach (var counts in perRun)
            {
                for (var d = 0; d < span; d++)
                {
                    repeatsOnDay[d] += counts[d];
                }
            }
        }

        return new CustomerBaseSummary(options, summaries, currency == default ? null : currency, totalRepeats, holdout ? totalHoldout : null, customers - included, refunds)
        {
            RepeatsOnDay = repeatsOnDay,
            RepeatsFromDay = earliest,
        };
    }

    /// <summary>Summarises one customer: its number in the summary's order, its state, its id and its distinct purchase days.</summary>
    private delegate void Summariser(int customer, in SummaryDayState state, CustomerId id, ReadOnlySpan<int> distinct);

    /// <summary>
    /// For a summary built from purchases with a holdout: the customers' repeat purchase days (distinct days after
    /// their first) on each day from <see cref="RepeatsFromDay"/> to the holdout end; null otherwise.
    /// </summary>
    internal int[]? RepeatsOnDay { get; private init; }

    /// <summary>The local day number of <see cref="RepeatsOnDay"/>'s first entry: the earliest first purchase.</summary>
    internal int RepeatsFromDay { get; private init; }
}
