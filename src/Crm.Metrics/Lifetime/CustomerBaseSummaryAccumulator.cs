using Crm.Domain.Activity;
using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime.Summaries;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// Builds a <see cref="CustomerBaseSummary"/> in one pass over purchases, in any order and in any number of pieces:
/// accumulators of disjoint or overlapping partitions of the purchases (a thread, a shard, a file) merge exactly —
/// directly with <see cref="Merge(CustomerBaseSummaryAccumulator)"/>, or through their plain-data state
/// (<see cref="ToState"/>, <see cref="Merge(CustomerBaseSummaryState)"/>) when the partitions run elsewhere.
/// </summary>
/// <remarks>
/// Memory: a small state per customer and 8 bytes per sale up to the last day that matters (the holdout end, else
/// the calibration end). Not thread-safe: one accumulator per thread, then merge.
/// </remarks>
public sealed class CustomerBaseSummaryAccumulator : IDisposable, IOwnedSink
{
    private readonly LocalDayNumbers _days;
    private readonly int _calibrationEnd;
    private readonly int _lastDay;
    private CustomerDayLog<SummaryDayState> _log; // replaced whole when a staged state is merged into an empty accumulator
    private long _refunds;
    private Currency _currency;
    private bool _disposed;

    /// <summary>An empty accumulator.</summary>
    /// <param name="options">The calibration end, holdout end, zone and time unit.</param>
    /// <exception cref="ArgumentException">The options break a rule (the message names it).</exception>
    public CustomerBaseSummaryAccumulator(SummaryOptions options)
        : this(options, default)
    {
    }

    internal CustomerBaseSummaryAccumulator(SummaryOptions options, Capacity room, CustomerIndex? shared = null, SharedDayLog? days = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        Options = options;
        _days = new LocalDayNumbers(options.Zone);
        _calibrationEnd = LocalDayNumbers.Of(options.CalibrationEnd);
        _lastDay = options.HoldoutEnd is { } holdout ? LocalDayNumbers.Of(holdout) : _calibrationEnd;
        _log = new CustomerDayLog<SummaryDayState>(room, shared, days, lastDay: _lastDay);
    }

    /// <summary>The options.</summary>
    public SummaryOptions Options { get; }

    /// <summary>Adds one purchase (a refund is counted, not summarised).</summary>
    /// <param name="purchase">The purchase.</param>
    /// <exception cref="ArgumentNullException"><paramref name="purchase"/> is null.</exception>
    /// <exception cref="CurrencyMismatchException">The sale is in another currency than the sales before it.</exception>
    /// <exception cref="AmountOverflowException">The sale would take its customer's totals beyond the range of <see cref="decimal"/>; it is not added.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ThrowIfDisposed();
        Add(purchase.IsSale, purchase.Amount, -1, _days.Of(purchase.OccurredAt.ToUnixTimeTicks()), purchase.CustomerId);
    }

    /// <summary>Adds one purchase given as a value, as <see cref="Add(Purchase)"/> adds one.</summary>
    /// <param name="purchase">The purchase; not the default value.</param>
    /// <exception cref="ArgumentException"><paramref name="purchase"/> is the default value.</exception>
    /// <exception cref="CurrencyMismatchException">The sale is in another currency than the sales before it.</exception>
    /// <exception cref="AmountOverflowException">The sale would take its customer's totals beyond the range of <see cref="decimal"/>; it is not added.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Add(in PurchaseRecord purchase)
    {
        Storage.PurchaseValues.Checked(in purchase, nameof(purchase));
        ThrowIfDisposed();
        Add(purchase.IsSale, purchase.Amount, -1, _days.Of(purchase.OccurredAt.ToUnixTimeTicks()), purchase.CustomerId);
    }

    /// <summary>Fetches ahead what adding a purchase of the customer numbered <paramref name="sharedCustomer"/> will read (see <see cref="Storage.CustomerDayLog{TState}.Ahead(int, bool)"/>).</summary>
    internal void Ahead(int sharedCustomer, bool state) => _log.Ahead(sharedCustomer, state);

    /// <summary>
    /// Adds a purchase by what the summary reads of it: whether it is a sale, its amount, its local day (in the options'
    /// zone), and its customer's shared number, or −1 and the customer's <paramref name="id"/>.
    /// </summary>
    internal void Add(bool isSale, in Money amount, int sharedCustomer, int day, CustomerId id = default)
    {
        if (!isSale)
        {
            _refunds++;
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
        // Updated on a copy: a sale that overflows leaves the customer's state as it was.
        ref var state = ref _log.State(customer);
        var updated = state;
        try
        {
            updated.Add(day, amount, _calibrationEnd);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("adding a sale to its customer's totals", _currency, e);
        }

        state = updated;
        if (day <= _lastDay)
        {
            _log.AddDay(customer, day);
        }
    }

    int IOwnedSink.Customers => _log.Customers;

    Currency IOwnedSink.Currency => _currency;

    void IOwnedSink.Ahead(in OwnedKey key, bool state) => _log.Ahead(in key, state);

    void IOwnedSink.AddOwned(in OwnedEntry entry, in CustomerId id, Currency currency)
    {
        if (!entry.IsSale)
        {
            _refunds++;
            return;
        }

        Admit(currency, "purchase");
        AddSale(_log.IndexOf(in entry.Key, in id), entry.Day, entry.Amount);
    }

    /// <summary>
    /// The summary of indexed purchases, each partition of the customers accumulated by its own thread
    /// (<see cref="OwnedPartitions"/>): the same summary as one pass over the parts in order.
    /// </summary>
    internal static CustomerBaseSummary Summarise(OwnedPartitions.Part[] parts, SummaryOptions options, ProgressWatch? watch, int threads, string parameter, int chunkSize = OwnedPartitions.ChunkSize)
    {
        using var outcome = OwnedPartitions.Run(parts, () => new LocalDayNumbers(options.Zone).Of, room => new CustomerBaseSummaryAccumulator(options, room), watch, threads, parameter, chunkSize);
        watch?.Finish();
        long refunds = 0;
        foreach (var sink in outcome.Sinks)
        {
            refunds += sink._refunds;
        }

        return CustomerBaseSummary.Build(options, [.. outcome.Sinks.Select(s => s._log)], outcome.GlobalOf, outcome.Customers, outcome.Currency, refunds, LocalDayNumbers.Of(options.CalibrationEnd));
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

    /// <summary>Adds another accumulator's purchases (of the same options); <paramref name="other"/> is unchanged.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <remarks>Checked whole before anything changes: on an error this accumulator is as it was.</remarks>
    /// <exception cref="ArgumentException">The options differ, <paramref name="other"/> is this accumulator, or the merged count of refunds would leave its range.</exception>
    /// <exception cref="CurrencyMismatchException">The two hold sales in different currencies.</exception>
    /// <exception cref="AmountOverflowException">A customer's merged totals would leave the range of <see cref="decimal"/>.</exception>
    /// <exception cref="ObjectDisposedException">Either accumulator was disposed.</exception>
    public void Merge(CustomerBaseSummaryAccumulator other) => Merge(other, owned: false);

    /// <summary>
    /// Merges <paramref name="other"/>; when this accumulator owns it and discards it afterwards (a staged state) and
    /// holds nothing yet, it takes the other's log whole rather than copying it row by row.
    /// </summary>
    private void Merge(CustomerBaseSummaryAccumulator other, bool owned)
    {
        ArgumentNullException.ThrowIfNull(other);
        ThrowIfDisposed();
        ObjectDisposedException.ThrowIf(other._disposed, other);
        if (ReferenceEquals(this, other) || other.Options != Options)
        {
            throw new ArgumentException("Only a different accumulator of the same summary options can be merged.", nameof(other));
        }

        if (_currency != default && other._currency != default && _currency != other._currency)
        {
            throw new CurrencyMismatchException(_currency, other._currency, nameof(other));
        }

        Sums.RequireCountFit(_refunds, other._refunds, "the refunds", nameof(other));
        if (!_log.MergeFits(other._log))
        {
            throw new AmountOverflowException("merging the customers' totals of two partitions", _currency == default ? other._currency : _currency);
        }

        MergeCurrency(other._currency, nameof(other));
        if (owned && _log.IsEmpty)
        {
            (_log, other._log) = (other._log, _log);
        }
        else
        {
            _log.Merge(other._log);
        }

        _refunds += other._refunds;
    }

    /// <summary>This accumulator's state as plain data (see <see cref="CustomerBaseSummaryState"/>).</summary>
    /// <returns>The state.</returns>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public CustomerBaseSummaryState ToState() => ToStateWith(null);

    /// <summary>The state, its rows written to <paramref name="rows"/> (as objects when null).</summary>
    internal CustomerBaseSummaryState ToStateWith(IStateRowSink<SummaryRow, CustomerDaysState>? rows)
    {
        ThrowIfDisposed();
        rows ??= new StateRowObjects<SummaryRow, CustomerDaysState>(static (in SummaryRow row) => row.ToState());
        rows.Begin(_log.Customers);
        using var days = _log.SortByCustomer();
        var row = default(SummaryRow);
        for (var c = 0; c < _log.Customers; c++)
        {
            if (c + 8 < _log.Customers)
            {
                Prefetch.Chars(_log.Id(c + 8).Value); // a sink that packs reads the ids' characters
            }

            ref readonly var state = ref _log.State(c);
            row.Id = _log.Id(c).Value;
            row.FirstDay = state.FirstDay;
            row.FirstDayTotal = state.FirstDayTotal;
            row.CalibrationTotal = state.CalibrationTotal;
            row.Days = days.DistinctSegment(c);
            rows.Add(in row);
        }

        return Header() with
        {
            Currency = _currency == default ? null : _currency.Code,
            Refunds = _refunds,
            Customers = rows.End(),
        };
    }

    private CustomerBaseSummaryState Header() => new()
    {
        CalibrationEnd = NodaTime.Text.LocalDatePattern.Iso.Format(Options.CalibrationEnd),
        HoldoutEnd = Options.HoldoutEnd is { } end ? NodaTime.Text.LocalDatePattern.Iso.Format(end) : null,
        Zone = Options.Zone.Id,
        TimeUnit = Options.TimeUnit.ToString(),
    };

    /// <summary>Merges a shipped state (checked whole first: on an error this accumulator is unchanged).</summary>
    /// <param name="state">The state, of the same options.</param>
    /// <remarks>
    /// A state is untrusted input: every field is checked (one row per customer, days that are dates inside the window
    /// and ascending, the first day first, totals not negative; see docs/distributed.md) before anything is merged.
    /// </remarks>
    /// <exception cref="ArgumentException">Another layout version or options, or a field breaks its rule (named by its JSON path).</exception>
    /// <exception cref="CurrencyMismatchException">The state's sales are in another currency.</exception>
    /// <exception cref="AmountOverflowException">A customer's merged totals would leave the range of <see cref="decimal"/>.</exception>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public void Merge(CustomerBaseSummaryState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ThrowIfDisposed();
        StateChecks.Version(state.Version, CustomerBaseSummaryState.CurrentVersion, "summary state");
        var mine = Header();
        if (mine.CalibrationEnd != state.CalibrationEnd || mine.HoldoutEnd != state.HoldoutEnd || mine.Zone != state.Zone || mine.TimeUnit != state.TimeUnit)
        {
            throw new ArgumentException($"The state is for calibration end {state.CalibrationEnd}, holdout end {state.HoldoutEnd ?? "none"}, zone {state.Zone}, unit {state.TimeUnit}; this accumulator's options are {mine.CalibrationEnd}, {mine.HoldoutEnd ?? "none"}, {mine.Zone}, {mine.TimeUnit}.", nameof(state));
        }

        var currency = state.Currency is { } code ? StateChecks.CurrencyCode(code, "currency") : default;
        DaysStateRules.Validate(state);
        using var staged = new CustomerBaseSummaryAccumulator(Options);
        staged._currency = currency;
        staged._refunds = state.Refunds;
        StateRows.Read(state.Customers, SummaryRow.Of, (int i, in SummaryRow row, bool present) => staged.ReadRow(in row, i, present));

        Merge(staged, owned: true);
    }

    /// <summary>Checks row <paramref name="i"/> of a state and stages it into this fresh accumulator (dropped on an error).</summary>
    private void ReadRow(in SummaryRow row, int i, bool present)
    {
        if (!present)
        {
            throw DaysStateRules.MissingRow(i);
        }

        var id = DaysStateRules.Row(in row, i, _calibrationEnd, _lastDay);
        var count = _log.Customers;
        var c = _log.IndexOf(id);
        if (_log.Customers == count)
        {
            throw DaysStateRules.RepeatedId(i);
        }

        _log.State(c) = new SummaryDayState { FirstDay = row.FirstDay, FirstDayTotal = row.FirstDayTotal, CalibrationTotal = row.CalibrationTotal };
        foreach (var day in row.Days)
        {
            _log.AddDay(c, day);
        }
    }

    /// <summary>The summary of every purchase added so far (the accumulator can go on adding).</summary>
    /// <returns>The summary.</returns>
    /// <exception cref="ObjectDisposedException">The accumulator was disposed.</exception>
    public CustomerBaseSummary Result()
    {
        ThrowIfDisposed();
        return CustomerBaseSummary.Build(Options, _log, _currency, _refunds, _calibrationEnd);
    }

    /// <summary>Returns the pooled buffers; any later use of the accumulator throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        _log.Dispose();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void MergeCurrency(Currency theirs, string parameter)
    {
        if (theirs == default)
        {
            return;
        }

        if (_currency == default)
        {
            _currency = theirs;
        }
        else if (_currency != theirs)
        {
            throw new CurrencyMismatchException(_currency, theirs, parameter);
        }
    }
}
