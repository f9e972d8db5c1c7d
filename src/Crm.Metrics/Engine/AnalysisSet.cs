using Crm.Domain.Activity;
using Crm.Metrics.Churn;
using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Lifetime.Summaries;
using Crm.Metrics.Segments;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Engine;

/// <summary>
/// The analyses of one <see cref="AnalysisRequest"/> as one record sink: each record is read once; a purchase's
/// customer id is looked up once in a <see cref="CustomerIndex"/> and its local day computed once per zone, and every
/// per-customer analysis (summary, RFM, lifecycles, churn) finds its own row through that number with an array read.
/// The scorecards keep their own partitioned store (applied in batches on the thread pool while reading goes on).
/// </summary>
internal sealed partial class AnalysisSet : IRecordSink, IDisposable
{
    private const int StateAhead = 8; // purchases of a lane's batch between fetching a customer's state and applying to it
    private readonly ScorecardSeriesAccumulator? _cards;
    private readonly CustomerIndex _index;
    private readonly CustomerBaseSummaryAccumulator? _summary;
    private readonly RfmAccumulator? _rfm;
    private readonly LifecycleDerivation.Accumulator? _lifecycles;
    private readonly ChurnWarning.Accumulator? _churn;
    private readonly LocalDate? _churnDate;
    private readonly LocalDayNumbers[] _zones; // one per distinct zone of the per-customer analyses
    private readonly int[] _days;              // a purchase's day in each of _zones
    private readonly int _summaryZone, _rfmZone, _lifecycleZone, _churnZone;
    private readonly bool _byCustomer;
    private readonly CustomerLane? _lane; // the per-customer analyses on their own thread; null: on the reading thread
    private readonly LookAhead? _ahead;   // purchases read, a few records behind the reading (when any analysis needs the index)
    private bool _laneOpen;               // purchases go to the lane until a record that needs the analyses up to date
    private long _read;
    private bool _handedOver; // the churn accumulator belongs to the results
    private readonly List<SharedDayLog> _sharedDays = []; // per zone of _zones: the sale days its analyses share

    private AnalysisSet(ScorecardEngine engine, AnalysisRequest request, int countedPurchases)
    {
        var defaultZone = engine.Options.DefaultZone;
        request.Summary?.Validate("request.Summary");
        if (request.Rfm is { } rfm)
        {
            RfmAnalysis.Validate(rfm, "request.Rfm");
        }

        request.Lifecycles?.Behaviour?.Validate("request.Lifecycles.Behaviour");
        request.Churn?.Settings?.Validate("request.Churn.Settings");
        request.ScorecardSettings?.Checked("request.ScorecardSettings");
        if (request.Scorecards is null && request.Summary is null && request.Rfm is null && request.Lifecycles is null && request.Churn is null)
        {
            throw new ArgumentException("The request asks for no analysis: set at least one of Scorecards, Summary, Rfm, Lifecycles and Churn.", nameof(request));
        }

        var room = Room(request, countedPurchases);
        _index = new CustomerIndex(room.Customers);
        var zones = new List<DateTimeZone>();
        int ZoneOf(DateTimeZone zone)
        {
            var at = zones.FindIndex(z => z.Id == zone.Id);
            if (at < 0)
            {
                zones.Add(zone);
                _sharedDays.Add(new SharedDayLog(_index, room));
                at = zones.Count - 1;
            }

            return at;
        }

        try
        {
            if (request.Scorecards is { } periods)
            {
                _cards = Series(engine, periods, request.ScorecardSettings, "request.Scorecards");
                _cards.Reserve(room.Customers);
            }

            // The analyses of one zone share one log of the sales' days, each reading its own range of it.
            if (request.Summary is { } summary)
            {
                _summaryZone = ZoneOf(summary.Zone);
                _summary = new CustomerBaseSummaryAccumulator(summary, room, _index, _sharedDays[_summaryZone]);
            }

            if (request.Rfm is { } rfmOptions)
            {
                _rfmZone = ZoneOf(rfmOptions.Zone);
                _rfm = new RfmAccumulator(rfmOptions, room, _index, _sharedDays[_rfmZone]);
            }

            if (request.Lifecycles is { } lifecycles)
            {
                var zone = lifecycles.Zone ?? defaultZone;
                _lifecycleZone = ZoneOf(zone);
                _lifecycles = new LifecycleDerivation.Accumulator(lifecycles.AnalysisDate, zone, lifecycles.Behaviour ?? new LifecycleBehaviour(), room, _index, _sharedDays[_lifecycleZone]);
            }

            if (request.Churn is { } churn)
            {
                var zone = churn.Zone ?? defaultZone;
                _churnZone = ZoneOf(zone);
                _churn = new ChurnWarning.Accumulator(churn.AnalysisDate, zone, churn.Settings ?? new ChurnWarningSettings(), room, _index, _sharedDays[_churnZone]);
                _churnDate = churn.AnalysisDate;
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        _zones = [.. zones.Select(z => new LocalDayNumbers(z))];
        _days = new int[_zones.Length];
        _byCustomer = _zones.Length > 0;
        _ahead = _byCustomer ? new LookAhead(_index) : null;
        if (_byCustomer && Concurrency.ExecutionSettings.Of(engine.Options.Execution.MaxDegreeOfParallelism).Threads > 1)
        {
            _lane = new CustomerLane(_zones.Length, ApplyBatch);
            _laneOpen = true;
        }
    }

    /// <summary>
    /// The room the request's hints ask for (<see cref="AnalysisRequest.ExpectedCustomers"/>,
    /// <see cref="AnalysisRequest.ExpectedPurchases"/>), the purchases counted in the data set when not hinted; a
    /// negative hint is refused, naming its member.
    /// </summary>
    private static Capacity Room(AnalysisRequest request, int countedPurchases)
    {
        if (request.ExpectedCustomers < 0)
        {
            throw new ArgumentOutOfRangeException("request.ExpectedCustomers", request.ExpectedCustomers, "A capacity hint is 0 (unknown) or more customers.");
        }

        if (request.ExpectedPurchases < 0)
        {
            throw new ArgumentOutOfRangeException("request.ExpectedPurchases", request.ExpectedPurchases, "A capacity hint is 0 (unknown) or more purchases.");
        }

        return new Capacity(request.ExpectedCustomers, request.ExpectedPurchases > 0 ? request.ExpectedPurchases : countedPurchases);
    }

    /// <summary>The scorecards' accumulator; a refusal of the periods names <c>request.Scorecards</c>, the caller's path to them.</summary>
    private static ScorecardSeriesAccumulator Series(ScorecardEngine engine, IReadOnlyList<ReportingPeriod> periods, ScorecardSettings? settings, string path)
    {
        try
        {
            return engine.NewSeries(periods, settings);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == nameof(periods))
        {
            throw new ArgumentOutOfRangeException(path, e.ActualValue, Unnamed(e));
        }
        catch (ArgumentException e) when (e.ParamName == nameof(periods) && e.GetType() == typeof(ArgumentException))
        {
            throw new ArgumentException(Unnamed(e), path, e);
        }

        static string Unnamed(ArgumentException e)
        {
            var suffix = $" (Parameter '{e.ParamName}')";
            return e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
        }
    }

    /// <summary>The kinds of record some requested analysis reads: the others are not enumerated.</summary>
    public DataSources Wanted =>
        _cards is not null ? DataSources.All
        : DataSources.Purchases | (_churn is not null ? DataSources.Complaints | DataSources.SurveyResponses | DataSources.Customers : DataSources.None);

    public static AnalysisResults Run(ScorecardEngine engine, CrmDataSet data, AnalysisRequest request, IProgress<long>? progress, IClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        using var set = new AnalysisSet(engine, request, CountOf(data.Purchases));
        try
        {
            ScorecardRunner.Fill(set, data, set.Wanted, ProgressWatch.For(progress, cancellationToken));
            set.ApplyWaiting();
        }
        catch (Exception e)
        {
            set.ThrowFirst(e);
            throw;
        }

        return set.Results(clock, engine.Options.Execution.MaxDegreeOfParallelism, cancellationToken);
    }

    public static async ValueTask<AnalysisResults> RunAsync(ScorecardEngine engine, CrmAsyncDataSet data, AnalysisRequest request, IProgress<long>? progress, IClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        using var set = new AnalysisSet(engine, request, CountOf((data.Purchases as SyncSequence<Purchase>)?.Source));
        try
        {
            await ScorecardRunner.FillAsync(set, data, set.Wanted, ProgressWatch.For(progress, cancellationToken), cancellationToken).ConfigureAwait(false);
            set.ApplyWaiting();
        }
        catch (Exception e)
        {
            set.ThrowFirst(e);
            throw;
        }

        return set.Results(clock, engine.Options.Execution.MaxDegreeOfParallelism, cancellationToken);
    }

    /// <summary>The purchases a sequence holds when it knows without being enumerated (records given as values: theirs); else 0.</summary>
    private static int CountOf(IEnumerable<Purchase>? purchases) => purchases switch
    {
        PurchaseRecordSequence { Records: var records } when records.TryGetNonEnumeratedCount(out var count) => count,
        { } any when any.TryGetNonEnumeratedCount(out var count) => count,
        _ => 0,
    };

    /// <summary>
    /// After reading or applying failed with <paramref name="reading"/>, throws the error of the first record refused in
    /// the order read, as on one thread without look-ahead: the purchases read before the failure that still wait are
    /// applied first (a refusal of one of them came before it), and an exception a per-customer analysis met on an
    /// earlier record, in the lane, comes before both. Returns when <paramref name="reading"/> is that error (it may
    /// have been met when the reading thread handed the lane a batch), for the caller to rethrow it.
    /// </summary>
    private void ThrowFirst(Exception reading)
    {
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? waiting = null;
        try
        {
            ApplyWaiting();
        }
        catch (Exception e)
        {
            waiting = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
        }

        var next = waiting?.SourceException ?? reading;
        if (_lane?.FinishAfterFailure() is { } earlier && !ReferenceEquals(earlier, next))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(earlier);
        }

        waiting?.Throw();
    }

    public void Add(Purchase purchase) => Add(new PurchaseRecord(purchase));

    public void Add(in PurchaseRecord purchase)
    {
        _read++;
        if (_ahead is null)
        {
            _cards?.Add(in purchase);
            return;
        }

        try
        {
            if (_ahead.Push(in purchase, out var due, out var customer))
            {
                if (!_laneOpen)
                {
                    // The per-customer analyses run here: fetch their maps for the purchase just looked up, and the
                    // state for the one halfway to being applied (the lane does the same in its batches).
                    var (latest, halfway) = _ahead.Waiting;
                    Ahead(latest, state: false);
                    Ahead(halfway, state: true);
                }

                Apply(in due, customer);
            }
        }
        catch
        {
            // A refusal of a purchase read before the ones waiting: those are never applied.
            _ahead.Clear();
            throw;
        }
    }

    /// <summary>
    /// Applies the purchases waiting in the look-ahead, in order: before a record of another kind, at the end of the read
    /// (in <see cref="Run"/> and <see cref="RunAsync"/>, before the results), and after a failure (<see cref="ThrowFirst"/>).
    /// </summary>
    private void ApplyWaiting()
    {
        if (_ahead is null)
        {
            return;
        }

        try
        {
            while (_ahead.TryTake(out var due, out var customer))
            {
                Apply(in due, customer);
            }
        }
        catch
        {
            _ahead.Clear();
            throw;
        }
    }

    /// <summary>A purchase, its customer numbered, into the scorecards and the per-customer analyses.</summary>
    private void Apply(in PurchaseRecord purchase, int customer)
    {
        // The scorecards buffer the index's instance of the id: a record's own is young, and the buffers are large
        // arrays, which each young collection would otherwise scan for it.
        _cards?.Add(in purchase, _index.Id(customer));
        var ticks = purchase.OccurredAt.ToUnixTimeTicks();
        var days = _laneOpen ? _lane!.Add(purchase.IsSale, purchase.Amount, customer) : _days;
        for (var z = 0; z < _zones.Length; z++)
        {
            days[z] = _zones[z].Of(ticks);
        }

        if (!_laneOpen)
        {
            ApplyByCustomer(purchase.IsSale, purchase.Amount, customer, _days);
        }
    }

    /// <summary>
    /// A purchase (a sale when <paramref name="isSale"/>, of <paramref name="amount"/>) into the per-customer analyses,
    /// with its customer's number and its local day in each zone: all those analyses read of it.
    /// </summary>
    private void ApplyByCustomer(bool isSale, in Money amount, int customer, ReadOnlySpan<int> days)
    {
        _summary?.Add(isSale, amount, customer, days[_summaryZone]);
        _rfm?.Add(isSale, amount, customer, days[_rfmZone]);
        _lifecycles?.Add(isSale, customer, days[_lifecycleZone]);
        _churn?.Add(isSale, customer, days[_churnZone]);
        if (isSale)
        {
            // Each sale's day, once per zone (the log keeps the days its analyses read): each analysis reads the days
            // it would have logged itself (its sales within its range of days) from it.
            for (var z = 0; z < days.Length; z++)
            {
                _sharedDays[z].Add(customer, days[z]);
            }
        }
    }

    /// <summary>Fetches ahead what the per-customer analyses will read for the customer numbered <paramref name="customer"/>.</summary>
    private void Ahead(int customer, bool state)
    {
        _summary?.Ahead(customer, state);
        _rfm?.Ahead(customer, state);
        _lifecycles?.Ahead(customer, state);
        _churn?.Ahead(customer, state);
    }

    /// <summary>A batch of the lane into the per-customer analyses, in order (on the lane's thread).</summary>
    private void ApplyBatch(CustomerLane.Batch batch)
    {
        var zones = _zones.Length;
        for (var i = 0; i < batch.Count; i++)
        {
            // Each analysis reads its map of shared numbers and the customer's state: both fetched ahead, the map
            // sixteen purchases ahead, the state (found through the map) eight.
            if (i + (2 * StateAhead) < batch.Count)
            {
                Ahead(batch.Customers[i + (2 * StateAhead)], state: false);
            }

            if (i + StateAhead < batch.Count)
            {
                Ahead(batch.Customers[i + StateAhead], state: true);
            }

            ApplyByCustomer(batch.Sales[i], batch.Amount(i), batch.Customers[i], batch.Days.AsSpan(i * zones, zones));
        }
    }

    /// <summary>
    /// Applies the purchases waiting in the lane before a record that the per-customer analyses read on this thread
    /// (a customer, a complaint or an answer for the churn warning), or before the results; purchases read after that
    /// are applied here. Throws what an analysis threw on a purchase.
    /// </summary>
    private void CloseLane()
    {
        // An empty lane stays open: its thread has nothing to race with (customers are read before purchases).
        if (_laneOpen && !_lane!.IsEmpty)
        {
            _laneOpen = false;
            _lane.Finish();
        }
    }

    /// <summary>Every requested analysis of the records read, side by side on up to <paramref name="threads"/> threads (each as its own entry point computes it).</summary>
    private AnalysisResults Results(IClock clock, int threads, CancellationToken cancellationToken)
    {
        CloseLane();
        foreach (var days in _sharedDays)
        {
            days.Seal(); // once, before the analyses read it side by side (and the churn warning, later, from the results)
        }

        IReadOnlyList<Scorecard>? cards = null;
        CustomerBaseSummary? summary = null;
        RfmAnalysis? rfm = null;
        IReadOnlyList<DerivedLifecycle>? lifecycles = null;
        var computedAt = clock.GetCurrentInstant();
        var work = new List<Action>(4);
        if (_cards is { } series)
        {
            work.Add(() => cards = series.Result(computedAt));
        }

        if (_summary is { } summaryAccumulator)
        {
            work.Add(() => summary = summaryAccumulator.Result());
        }

        if (_rfm is { } rfmAccumulator)
        {
            work.Add(() => rfm = rfmAccumulator.Result(threads));
        }

        if (_lifecycles is { } lifecycleAccumulator)
        {
            work.Add(() => lifecycles = lifecycleAccumulator.Result());
        }

        // Side by side; a failure is the one of the first failing analysis in the order above (as a caller calling them
        // one after the other would meet it), never an AggregateException.
        cancellationToken.ThrowIfCancellationRequested();
        var errors = new Exception?[work.Count];
        Concurrency.Partitioned.For(work.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = threads }, i =>
        {
            try
            {
                work[i]();
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });
        foreach (var error in errors)
        {
            if (error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
            }
        }

        _handedOver = true;
        return new AnalysisResults(_read, cards, summary, rfm, lifecycles, _churn, _churnDate);
    }

    public void Dispose()
    {
        _lane?.Dispose(); // first: its thread may be applying purchases to the accumulators below
        _cards?.Dispose();
        _summary?.Dispose();
        _rfm?.Dispose();
        _lifecycles?.Dispose();
        if (!_handedOver)
        {
            _churn?.Dispose();
        }

        for (var z = 0; z < _sharedDays.Count; z++)
        {
            // The churn warning handed over to the results reads its zone's days whenever it is assessed: that log is
            // left to the collector with it.
            if (!(_handedOver && _churn is not null && z == _churnZone))
            {
                _sharedDays[z].Dispose();
            }
        }
    }
}
