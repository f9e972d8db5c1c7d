using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Crm.Metrics.Engine;

/// <summary>
/// The per-customer analyses of an <see cref="AnalysisSet"/> (summary, RFM, lifecycles, churn) on a thread of their
/// own, a few batches behind the reading thread, which keeps the customer index and the scorecards' buffers. Purchases
/// are collected in batches of <see cref="BatchSize"/> as what those analyses read of them (whether a sale, the
/// amount), with their customer numbers and local days; one thread applies
/// the batches in the order they were filled, so every analysis sees the purchases in the order read and its result
/// does not change. No thread is started for fewer purchases than one batch: <see cref="Finish"/> applies them on the
/// calling thread.
/// </summary>
/// <remarks>
/// A batch keeps no reference to a purchase: the purchases a caller reads are young objects, and the batches waiting
/// for the lane's thread would otherwise keep tens of thousands of them alive through each young collection, to be
/// copied into the older generation.
/// </remarks>
internal sealed class CustomerLane : IDisposable
{
    /// <summary>Purchases per batch.</summary>
    public const int BatchSize = 4096;

    private const int BatchesAhead = 4;
    private readonly Action<Batch> _apply;
    private readonly int _zones;
    private readonly BlockingCollection<Batch> _full = new(BatchesAhead);
    private readonly ConcurrentQueue<Batch> _free = new(); // applied batches, for the reading thread to fill again
    private Batch _filling;
    private Task? _worker;
    private ExceptionDispatchInfo? _failure; // the first exception of the worker: the batches after it are skipped
    private bool _finished;

    /// <param name="zones">The local days kept per purchase.</param>
    /// <param name="apply">Applies a batch to the analyses, in order.</param>
    public CustomerLane(int zones, Action<Batch> apply)
    {
        _zones = zones;
        _apply = apply;
        _filling = new Batch(zones);
    }

    /// <summary>Whether no purchase was added yet.</summary>
    public bool IsEmpty => _worker is null && _filling.Count == 0;

    /// <summary>
    /// The next entry of the filling batch, for a purchase (a sale when <paramref name="isSale"/>, of
    /// <paramref name="amount"/>) of the customer numbered <paramref name="customer"/>: its local days are to be
    /// written into the span returned. Throws the worker's exception once it has failed.
    /// </summary>
    public Span<int> Add(bool isSale, in Money amount, int customer)
    {
        var batch = _filling;
        if (batch.Count == BatchSize)
        {
            HandOver();
            batch = _filling;
        }

        var at = batch.Count++;
        batch.Sales[at] = isSale;
        batch.Amounts[at] = amount.Amount;
        batch.Currencies[at] = amount.Currency;
        batch.Customers[at] = customer;
        return batch.Days.AsSpan(at * _zones, _zones);
    }

    /// <summary>
    /// Applies every purchase added and ends the lane (later purchases are the caller's to apply); throws the first
    /// exception an analysis threw, which belongs to an earlier record than any the caller has met since.
    /// </summary>
    public void Finish()
    {
        if (!_finished)
        {
            _finished = true;
            if (_worker is null)
            {
                // Less than a batch in all: applied here, without a thread.
                Apply(_filling);
            }
            else
            {
                if (_filling.Count > 0)
                {
                    _full.Add(_filling);
                }

                _full.CompleteAdding();
                _worker.GetAwaiter().GetResult();
            }
        }

        Volatile.Read(ref _failure)?.Throw();
    }

    /// <summary>
    /// As <see cref="Finish"/>, after the reading failed: the exception an analysis threw, which belongs to an earlier
    /// record than the one the reading failed on, or null.
    /// </summary>
    public Exception? FinishAfterFailure()
    {
        try
        {
            Finish();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Stops the worker, if any, without applying what waits: the set is being abandoned.</summary>
    public void Dispose()
    {
        if (_worker is { } worker)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(new ObjectDisposedException(nameof(AnalysisSet))), null);
            if (!_full.IsAddingCompleted)
            {
                _full.CompleteAdding();
            }

            worker.GetAwaiter().GetResult();
        }

        _full.Dispose();
    }

    private void HandOver()
    {
        Volatile.Read(ref _failure)?.Throw();
        _worker ??= Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _full.Add(_filling);
        _filling = _free.TryDequeue(out var spare) ? spare : new Batch(_zones);
    }

    private void Run()
    {
        foreach (var batch in _full.GetConsumingEnumerable())
        {
            if (Volatile.Read(ref _failure) is null)
            {
                Apply(batch);
            }

            batch.Clear();
            _free.Enqueue(batch);
        }
    }

    private void Apply(Batch batch)
    {
        try
        {
            _apply(batch);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
        }
    }

    /// <summary>
    /// Purchases as the per-customer analyses read them, with their customer numbers and local days (one per zone,
    /// purchase after purchase). Each array stays below the large-object heap's 85,000 bytes.
    /// </summary>
    internal sealed class Batch(int zones)
    {
        /// <summary>Whether each purchase is a sale (else a refund).</summary>
        public bool[] Sales { get; } = new bool[BatchSize];

        /// <summary>Each purchase's amount.</summary>
        public decimal[] Amounts { get; } = new decimal[BatchSize];

        /// <summary>Each purchase's currency.</summary>
        public Currency[] Currencies { get; } = new Currency[BatchSize];

        /// <summary>Each purchase's amount with its currency.</summary>
        public Money Amount(int at) => new(Amounts[at], Currencies[at]);

        /// <summary>Each purchase's customer number.</summary>
        public int[] Customers { get; } = new int[BatchSize];

        /// <summary>Each purchase's local day in every zone.</summary>
        public int[] Days { get; } = new int[BatchSize * Math.Max(zones, 1)];

        /// <summary>How many entries are filled.</summary>
        public int Count { get; set; }

        /// <summary>Empties the batch.</summary>
        public void Clear()
        {
            Array.Clear(Currencies, 0, Count);
            Count = 0;
        }
    }
}
