using Crm.Domain.Activity;
using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.Summaries;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Segments;

/// <summary>
/// Collects what an <see cref="RfmAnalysis"/> needs in one pass over purchases, in any order and in any number of
/// pieces: accumulators of partitions of the purchases merge exactly, directly
/// (<see cref="Merge(RfmAccumulator)"/>) or through their plain-data state (<see cref="ToState"/>,
/// <see cref="Merge(RfmState)"/>) when the partitions run elsewhere. Scores are ranks over the whole customer base,
/// so they are computed only by <see cref="Result()"/>, after the merge.
/// </summary>
/// <remarks>
/// Memory: a small state per customer and 8 bytes per sale in the window. Not thread-safe: one accumulator per thread,
/// then merge.
/// </remarks>
public sealed class RfmAccumulator : IDisposable, IOwnedSink
{
    private readonly LocalDayNumbers _days;
    private readonly int _today;
    private readonly int _first;
    private CustomerDayLog<RfmDayState> _log; // replaced whole when a staged state is merged into an empty accumulator
    private Currency _currency;
    private bool _disposed;

    /// <summary>An empty accumulator.</summary>
    /// <param name="options">The analysis date, window, zone, monetary basis and segment map.</param>
    /// <exception cref="ArgumentException">The options break a rule (the message names it).</exception>
    public RfmAccumulator(RfmOptions options)
        : this(options, default)
    {
    }

    internal RfmAccumulator(RfmOptions options, Capacity room, CustomerIndex? shared = null, SharedDayLog? days = null)
    {
        RfmAnalysis.Validate(options);
        Options = options;
        _today = LocalDayNumbers.Of(options.AnalysisDate);
        _first = options.LookBackDays is { } window ? _today - window + 1 : int.MinValue;
        _days = new LocalDayNumbers(options.Zone);
        _log = new CustomerDayLog<RfmDayState>(room, shared, days, _first, _today);
    }

    /// <summary>The options.</summary>
    public RfmOptions Options { get; }

    /// <summary>Adds one purchase: a sale in the window counts; refunds and sales outside it do not.</summary>
    /// <param name="purchase">The purchase.</param>
    /// <exception cref="ArgumentNullException"><paramref name="purchase"/> is null.</exception>
    /// <exception cref="CurrencyMismatchException">The sale is in another currency than the sales before it.</exception>
    /// <exception cref="AmountOverflowException">The sale would take its customer's revenue beyond the range of <see cref="decimal"/>; it is not added.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ThrowIfDisposed();
        if (purchase.IsSale)
        {
            Add(true, purchase.Amount, -1, _days.Of(purchase.OccurredAt.ToUnixTimeTicks()), purchase.CustomerId);
        }
    }

    /// <summary>Adds one purchase given as a value, as <see cref="Add(Purchase)"/> adds one.</summary>
    /// <param name="purchase">The purchase; not the default value.</param>
    /// <exception cref="ArgumentException"><paramref name="purchase"/> is the default value.</exception>
    /// <exception cref="CurrencyMismatchException">The sale is in another currency than the sales before it.</exception>
    /// <exception cref="AmountOverflowException">The sale would take its customer's revenue beyond the range of <see cref="decimal"/>; it is not added.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(in PurchaseRecord purchase)
    {
        Storage.PurchaseValues.Checked(in purchase, nameof(purchase));
        ThrowIfDisposed();
        if (purchase.IsSale)
        {
            Add(true, purchase.Amount, -1, _days.Of(purchase.OccurredAt.ToUnixTimeTicks()), purchase.CustomerId);
        }
    }

    /// <summary>Fetches ahead what adding a purchase of the customer numbered <paramref name="sharedCustomer"/> will read (see <see cref="Storage.CustomerDayLog{TState}.Ahead(int, bool)"/>).</summary>
    internal void Ahead(int sharedCustomer, bool state) => _log.Ahead(sharedCustomer, state);

    /// <summary>
    /// Adds a purchase by what RFM reads of it: whether it is a sale, its amount, its local day (in the options' zone),
    /// and its customer's shared number, or −1 and the customer's <paramref name="id"/>.
    /// </summary>
    internal void Add(bool isSale, in Money amount, int sharedCustomer, int day, CustomerId id = default)
    {
        if (!isSale || day > _today || day < _first)
        {
            return;
        }

        Admit(amount.Currency, "purchase");
        AddSale(sharedCustomer < 0 ? _log.IndexOf(id) : _log.IndexOf(sharedCustomer), day, amount.Amount);
    }

    /// <summary>Takes the first sale's currency; a sale in another one is refused.</summary>
    private void Admit(Currency currency, string parameter)
    {
        if (_currency != currency)
        {
            if (_currency != default)
            {
                throw new CurrencyMismatchException(_currency, currency, parameter);
            }

            _currency = currency;
        }
    }

    private void AddSale(int customer, int day, decimal amount)
    {
        ref var state = ref _log.State(customer);
        decimal total;
        try
        {
            total = state.Total + amount;
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("adding a sale to its customer's revenue", _currency, e);
        }

        state.Total = total;
        state.LastDay = Math.Max(state.LastDay, day);
        _log.AddDay(customer, day);
    }

    int IOwnedSink.Customers => _log.Customers;

    Currency IOwnedSink.Currency => _currency;

    void IOwnedSink.Ahead(in OwnedKey key, bool state) => _log.Ahead(in key, state);

    void IOwnedSink.AddOwned(in OwnedEntry entry, in CustomerId id, Currency currency)
    {
        if (entry.IsSale && entry.Day <= _today && entry.Day >= _first)
        {
            Admit(currency, "purchase");
            AddSale(_log.IndexOf(in entry.Key, in id), entry.Day, entry.Amount);
        }
    }

    /// <summary>
    /// RFM over indexed purchases, each partition of the customers accumulated by its own thread
    /// (<see cref="OwnedPartitions"/>): the same analysis as one pass over the parts in order.
    /// </summary>
    internal static RfmAnalysis Analyse(OwnedPartitions.Part[] parts, RfmOptions options, ProgressWatch? watch, int threads, string parameter, int chunkSize = OwnedPartitions.ChunkSize)
    {
        using var outcome = OwnedPartitions.Run(parts, () => new LocalDayNumbers(options.Zone).Of, room => new RfmAccumulator(options, room), watch, threads, parameter, chunkSize);
        watch?.Finish();

        // Each partition's customers go straight to their numbers; the distinct days are counted per partition, on
        // several threads (no log of all the purchases is put together).
        var n = outcome.Customers;
        var ids = new CustomerId[n];
        var lastDays = new int[n];
        var totals = new decimal[n];
        var distinct = new int[n];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Concurrency.Partitioned.For(outcome.Sinks.Length, parallel, p =>
        {
            var log = outcome.Sinks[p]._log;
            var number = outcome.GlobalOf[p];
            using var days = log.SortByCustomer();
            for (var c = 0; c < log.Customers; c++)
            {
                var g = number[c];
                ids[g] = log.Id(c);
                lastDays[g] = log.State(c).LastDay;
                totals[g] = log.State(c).Total;
                distinct[g] = days.Distinct(c).Length;
            }
        });

        return RfmAnalysis.Score(options, LocalDayNumbers.Of(options.AnalysisDate), ids, lastDays, totals, distinct, outcome.Currency, parallel);
    }

    /// <summary>Adds purchases.</summary>
    /// <param name="purchases">The purchases.</param>
    /// <exception cref="ArgumentNullException">The sequence or a purchase is null.</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void AddRange(IEnumerable<Purchase> purchases)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ThrowIfDisposed();
        if (purchases is Storage.PurchaseRecordSequence { Records: var records })
        {
            // Records given as values (CrmDataSet.PurchasesOf): read as they are.
            foreach (var record in records)
            {
                Add(in Storage.PurchaseValues.Checked(in record, nameof(purchases)));
            }

            return;
        }

        foreach (var purchase in purchases)
        {
            Add(Crm.Internal.Elements.NotNull(purchase, nameof(purchases)));
        }
    }

    /// <summary>Adds purchases from an asynchronous stream (a database cursor, a file reader).</summary>
    /// <param name="purchases">The purchases; a stream made by <see cref="CrmAsyncDataSet.Sequence{T}"/> is read as the synchronous sequence it wraps.</param>
    /// <param name="cancellationToken">Stops the reading (checked before the first purchase and every 65,536); the purchases read until then stay added: discard the accumulator.</param>
    /// <returns>A task that completes when every purchase was added.</returns>
    /// <exception cref="ArgumentNullException">The stream or a purchase is null.</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task AddRangeAsync(IAsyncEnumerable<Purchase> purchases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ThrowIfDisposed();
        await Storage.PurchaseStream.FeedAsync(purchases, Add, record => Add(in record), AddRange, nameof(purchases), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds another accumulator's sales (of the same options); <paramref name="other"/> is unchanged.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <remarks>Checked whole before anything changes: on an error this accumulator is as it was.</remarks>
    /// <exception cref="ArgumentException">The options differ, or <paramref name="other"/> is this accumulator.</exception>
    /// <exception cref="CurrencyMismatchException">The two hold sales in different currencies.</exception>
    /// <exception cref="AmountOverflowException">A customer's merged revenue would leave the range of <see cref="decimal"/>.</exception>
    /// <exception cref="ObjectDisposedException">Either accumulator was disposed.</exception>
    public void Merge(RfmAccumulator other) => Merge(other, owned: false);

    /// <summary>
    /// Merges <paramref name="other"/>; when this accumulator owns it and discards it afterwards (a staged state) and
    /// holds nothing yet, it takes the other's log whole rather than copying it row by row.
    /// </summary>
    private void Merge(RfmAccumulator other, bool owned)
    {
        ArgumentNullException.ThrowIfNull(other);
        ThrowIfDisposed();
        ObjectDisposedException.ThrowIf(other._disposed, other);
        if (ReferenceEquals(this, other) || other.Options != Options)
        {
            throw new ArgumentException("Only a different accumulator of the same RFM options can be merged.", nameof(other));
        }

        if (other._currency != default && _currency != default && other._currency != _currency)
        {
            throw new CurrencyMismatchException(_currency, other._currency, nameof(other));
        }

        if (!_log.MergeFits(other._log))
        {
            throw new AmountOverflowException("merging the customers' revenue of two partitions", _currency == default ? other._currency : _currency);
        }

        _currency = _currency == default ? other._currency : _currency;
        if (owned && _log.IsEmpty)
        {
            (_log, other._log) = (other._log, _log);
        }
        else
        {
            _log.Merge(other._log);
        }
    }

    /// <summary>This accumulator's state as plain data (see <see cref="RfmState"/>).</summary>
    /// <returns>The state.</returns>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public RfmState ToState() => ToStateWith(null);

    /// <summary>The state, its rows written to <paramref name="rows"/> (as objects when null).</summary>
    internal RfmState ToStateWith(IStateRowSink<RfmRow, CustomerRfmState>? rows)
    {
        ThrowIfDisposed();
        rows ??= new StateRowObjects<RfmRow, CustomerRfmState>(static (in RfmRow row) => row.ToState());
        rows.Begin(_log.Customers);
        using var days = _log.SortByCustomer();
        var row = default(RfmRow);
        for (var c = 0; c < _log.Customers; c++)
        {
            if (c + 8 < _log.Customers)
            {
                Prefetch.Chars(_log.Id(c + 8).Value); // a sink that packs reads the ids' characters
            }

            row.Id = _log.Id(c).Value;
            row.Total = _log.State(c).Total;
            row.Days = days.DistinctSegment(c);
            rows.Add(in row);
        }

        return Header() with { Currency = _currency == default ? null : _currency.Code, Customers = rows.End() };
    }

    /// <summary>Merges a shipped state (checked whole first: on an error this accumulator is unchanged).</summary>
    /// <param name="state">The state, of the same analysis date, zone and window.</param>
    /// <remarks>
    /// A state is untrusted input: every field is checked (one row per customer, days inside the window, ascending,
    /// revenue not negative; see docs/distributed.md) before anything is merged.
    /// </remarks>
    /// <exception cref="ArgumentException">Another layout version or options, or a field breaks its rule (named by its JSON path).</exception>
    /// <exception cref="CurrencyMismatchException">The state's sales are in another currency.</exception>
    /// <exception cref="AmountOverflowException">A customer's merged revenue would leave the range of <see cref="decimal"/>.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Merge(RfmState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ThrowIfDisposed();
        StateChecks.Version(state.Version, RfmState.CurrentVersion, "RFM state");
        var mine = Header();
        if (mine.AnalysisDate != state.AnalysisDate || mine.Zone != state.Zone || mine.LookBackDays != state.LookBackDays)
        {
            throw new ArgumentException($"The state is for {state.AnalysisDate} in {state.Zone} over {state.LookBackDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"} days; this accumulator's are {mine.AnalysisDate}, {mine.Zone}, {mine.LookBackDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"}.", nameof(state));
        }

        var currency = state.Currency is { } code ? StateChecks.CurrencyCode(code, "currency") : default;
        RfmStateRules.Validate(state);
        using var staged = new RfmAccumulator(Options);
        staged._currency = currency;
        StateRows.Read(state.Customers, RfmRow.Of, (int i, in RfmRow row, bool present) => staged.ReadRow(in row, i, present));

        Merge(staged, owned: true);
    }

    /// <summary>Checks row <paramref name="i"/> of a state and stages it into this fresh accumulator (dropped on an error).</summary>
    private void ReadRow(in RfmRow row, int i, bool present)
    {
        if (!present)
        {
            throw DaysStateRules.MissingRow(i);
        }

        var id = RfmStateRules.Row(in row, i, _first, _today);
        var count = _log.Customers;
        var c = _log.IndexOf(id);
        if (_log.Customers == count)
        {
            throw DaysStateRules.RepeatedId(i);
        }

        _log.State(c) = new RfmDayState { Total = row.Total, LastDay = row.Days[^1] };
        foreach (var day in row.Days)
        {
            _log.AddDay(c, day);
        }
    }

    /// <summary>The analysis of every sale added so far (the accumulator can go on adding).</summary>
    /// <returns>The analysis.</returns>
    /// <remarks>The scoring's passes over the customers run on every core.</remarks>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public RfmAnalysis Result() => Result(-1);

    /// <summary>The analysis of every sale added so far, its scoring on up to <paramref name="threads"/> threads (−1: every core).</summary>
    internal RfmAnalysis Result(int threads)
    {
        ThrowIfDisposed();
        var n = _log.Customers;
        var ids = new CustomerId[n];
        var lastDays = new int[n];
        var totals = new decimal[n];
        var distinct = new int[n];
        using (var days = _log.SortByCustomer())
        {
            for (var c = 0; c < n; c++)
            {
                ids[c] = _log.Id(c);
                lastDays[c] = _log.State(c).LastDay;
                totals[c] = _log.State(c).Total;
                distinct[c] = days.Distinct(c).Length;
            }
        }

        return RfmAnalysis.Score(Options, _today, ids, lastDays, totals, distinct, _currency, new ParallelOptions { MaxDegreeOfParallelism = threads });
    }

    /// <summary>Returns the pooled buffers; any later use of the accumulator throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        _log.Dispose();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private RfmState Header() => new()
    {
        AnalysisDate = NodaTime.Text.LocalDatePattern.Iso.Format(Options.AnalysisDate),
        Zone = Options.Zone.Id,
        LookBackDays = Options.LookBackDays,
    };
}
