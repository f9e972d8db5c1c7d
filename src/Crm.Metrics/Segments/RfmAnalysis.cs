using Crm.Domain.Activity;
using Crm.Domain.Segments;
using Crm.Metrics.Internal;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Segments;

/// <summary>
/// RFM analysis: per customer R (days since the last sale), F (sale days) and M (mean or total value) over a
/// look-back window, each scored 1..5 by quintile of its percent rank with 5 = best: score = 1 + ⌊5 · (customers with
/// a worse value) / (customers)⌋. Equal values always share a score, so skewed data leaves some scores empty; every
/// bin is reported with the raw values it spans. Every customer falls in exactly one named segment of the map.
/// </summary>
/// <remarks>Customers are those with a sale in the window. Refunds are not purchases and are not counted. Immutable and thread-safe.</remarks>
public sealed class RfmAnalysis
{
    private readonly int[] _cells; // customers per (R, F) score pair, R − 1 major

    private RfmAnalysis(RfmOptions options, RfmCustomers customers, int[] cells, IReadOnlyList<RfmBin>[] bins, IReadOnlyList<RfmSegment> segments)
    {
        Options = options;
        Packed = customers;
        _cells = cells;
        RecencyBins = bins[0];
        FrequencyBins = bins[1];
        MonetaryBins = bins[2];
        Segments = segments;
    }

    /// <summary>The options used.</summary>
    public RfmOptions Options { get; }

    /// <summary>Every customer with a sale in the window, in the order of their first sale record.</summary>
    /// <remarks>
    /// Made as they are read: the counts (<see cref="Segments"/>, <see cref="CountAt"/>), the bins and the analyses built
    /// on RFM (<see cref="ValueTierAnalysis.FromRfm"/>, <see cref="RfmClustering"/>) need no customer object. Each place
    /// returns the same instance every time.
    /// </remarks>
    public IReadOnlyList<CustomerRfm> Customers => Packed;

    /// <summary>The customers, packed, for the analyses built on RFM.</summary>
    internal RfmCustomers Packed { get; }

    /// <summary>R's five bins (raw values in days).</summary>
    public IReadOnlyList<RfmBin> RecencyBins { get; }

    /// <summary>F's five bins (raw values in purchase days).</summary>
    public IReadOnlyList<RfmBin> FrequencyBins { get; }

    /// <summary>M's five bins (raw values in money).</summary>
    public IReadOnlyList<RfmBin> MonetaryBins { get; }

    /// <summary>Every segment of the map, in its order, with its customers (0 when none) and revenue.</summary>
    public IReadOnlyList<RfmSegment> Segments { get; }

    /// <summary>
    /// The customers whose R score is <paramref name="recencyScore"/> and whose F score is
    /// <paramref name="frequencyScore"/>: a cell of the 5 × 5 R × F grid that the segment map divides. Counted when the
    /// analysis is made, without making the customers; the 25 cells add up to the number of customers.
    /// </summary>
    /// <param name="recencyScore">R, 1..5.</param>
    /// <param name="frequencyScore">F, 1..5.</param>
    /// <returns>The customers in the cell, 0 or more.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1..5.</exception>
    public int CountAt(int recencyScore, int frequencyScore)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recencyScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recencyScore, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequencyScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequencyScore, 5);
        return _cells[((recencyScore - 1) * 5) + frequencyScore - 1];
    }

    /// <summary>
    /// Each customer's RFM as the <see cref="CustomerFacts"/> that segment rules read (recency, frequency, monetary,
    /// scores), with the value tier when <paramref name="tiers"/> is given.
    /// </summary>
    /// <param name="tiers">Value tiers of the same customers; optional.</param>
    /// <returns>Customer id → facts.</returns>
    public IReadOnlyDictionary<CustomerId, CustomerFacts> ToFacts(ValueTierAnalysis? tiers = null)
    {
        var tierOf = tiers?.Customers.ToDictionary(c => c.CustomerId, c => c.Tier.ToString());
        return Customers.ToDictionary(
            c => c.CustomerId,
            c => new CustomerFacts
            {
                RecencyDays = (int)c.Recency.Days,
                Frequency = c.Frequency,
                Monetary = c.Monetary.Amount,
                RfmScore = (c.RecencyScore, c.FrequencyScore, c.MonetaryScore),
                ValueTier = tierOf?.GetValueOrDefault(c.CustomerId),
            });
    }

    /// <summary>Computes RFM from purchases.</summary>
    /// <param name="purchases">The purchases, in any order; sales in one currency.</param>
    /// <param name="options">The analysis date, zone, window, monetary basis and segment map.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The analysis; with no sale in the window, no customers and empty bins.</returns>
    /// <exception cref="ArgumentException">The options break a rule (the message names it).</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static RfmAnalysis Compute(IEnumerable<Purchase> purchases, RfmOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        Validate(options);
        var watch = ProgressWatch.For(progress, cancellationToken);
        if (Storage.OwnedPartitions.Indexed([purchases]) is { } parts)
        {
            return RfmAccumulator.Analyse(parts, options, watch, Environment.ProcessorCount, nameof(purchases));
        }

        using var accumulator = new RfmAccumulator(options, purchases.TryGetNonEnumeratedCount(out var count) ? Capacity.ForPurchases(count, 10) : default);
        accumulator.AddRange(ProgressWatch.Watched(purchases, watch));
        watch?.Finish();
        return accumulator.Result();
    }

    /// <summary>Computes RFM from an asynchronous stream of purchases (a database cursor, a file reader).</summary>
    /// <param name="purchases">The purchases, in any order; sales in one currency.</param>
    /// <param name="options">The analysis date, zone, window, monetary basis and segment map.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The analysis; with no sale in the window, no customers and empty bins.</returns>
    /// <exception cref="ArgumentException">The options break a rule (the message names it).</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<RfmAnalysis> ComputeAsync(IAsyncEnumerable<Purchase> purchases, RfmOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        Validate(options);
        var watch = ProgressWatch.For(progress, cancellationToken);
        using var accumulator = new RfmAccumulator(options);
        await foreach (var purchase in ProgressWatch.Watched(purchases, watch, cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(purchase, nameof(purchases)));
        }

        watch?.Finish();
        return accumulator.Result();
    }

    /// <summary>
    /// RFM over purchases given in partitions, one <see cref="RfmAccumulator"/> per partition on the thread pool,
    /// merged in partition order: the same analysis as one pass over the partitions one after another.
    /// </summary>
    /// <param name="partitions">The partitions (a customer's purchases may be spread over several).</param>
    /// <param name="options">The analysis date, window, zone, monetary basis and segment map.</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException">An argument, a partition or a purchase is null.</exception>
    /// <exception cref="ArgumentException">The options break a rule, or there is no partition.</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static RfmAnalysis ComputeFromPartitions(IReadOnlyList<IEnumerable<Purchase>> partitions, RfmOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        Validate(options);
        if (partitions.Count == 0)
        {
            throw new ArgumentException("Give at least one partition.", nameof(partitions));
        }

        return ComputeFromPartitions(partitions, options, ProgressWatch.For(progress, cancellationToken));
    }

    private static RfmAnalysis ComputeFromPartitions(IReadOnlyList<IEnumerable<Purchase>> partitions, RfmOptions options, ProgressWatch? watch)
    {
        if (Storage.OwnedPartitions.Indexed(partitions) is { } parts)
        {
            return RfmAccumulator.Analyse(parts, options, watch, Environment.ProcessorCount, nameof(partitions));
        }

        using var merged = Concurrency.Partitioned.Run(
            partitions,
            () => new RfmAccumulator(options),
            (accumulator, part) => accumulator.AddRange(ProgressWatch.Watched(part, watch)),
            (into, from) => into.Merge(from));
        watch?.Finish();
        return merged.Result();
    }

    internal static void Validate(RfmOptions options, string parameter = "options")
    {
        ArgumentNullException.ThrowIfNull(options, parameter);
        if (options.Zone is null || options.SegmentMap is null)
        {
            throw new ArgumentException("RfmOptions.Zone and SegmentMap must not be null.", parameter);
        }

        if (options.LookBackDays is < 1)
        {
            throw new ArgumentOutOfRangeException(parameter, options.LookBackDays, "RfmOptions.LookBackDays must be at least 1 (or null for all history).");
        }

        if (!Enum.IsDefined(options.Monetary))
        {
            throw new ArgumentOutOfRangeException(parameter, options.Monetary, "RfmOptions.Monetary is not defined.");
        }
    }

    /// <summary>Customers per chunk of the scoring's passes, which run in parallel (each customer's figures depend on it alone).</summary>
    private const int ChunkSize = 1 << 16;

    /// <summary>Scores customers given their last purchase day, revenue and distinct purchase days.</summary>
    /// <param name="options">The analysis's options.</param>
    /// <param name="today">The analysis date's day number.</param>
    /// <param name="order">The customers, in the analysis's order.</param>
    /// <param name="lastDays">Per customer, the last sale day.</param>
    /// <param name="totals">Per customer, the revenue in the window.</param>
    /// <param name="distinctDays">Per customer, the sale days.</param>
    /// <param name="currency">The sales' currency.</param>
    /// <param name="parallel">The threads of the passes over the customers (null: every core).</param>
    internal static RfmAnalysis Score(RfmOptions options, int today, CustomerId[] order, int[] lastDays, decimal[] totals, int[] distinctDays, Currency currency, ParallelOptions? parallel = null)
    {
        try
        {
            return ScoreCustomers(options, today, order, lastDays, totals, distinctDays, currency, parallel);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("summing the revenue of the RFM segments", currency, e);
        }
    }

    private static RfmAnalysis ScoreCustomers(RfmOptions options, int today, CustomerId[] order, int[] lastDays, decimal[] totals, int[] distinctDays, Currency currency, ParallelOptions? parallel)
    {
        var n = order.Length;
        var recency = new double[n];
        var values = new decimal[n];
        var scratch = WorkArrays<double>.Rent(Math.Max(n, 1)); // F's values, then M's: only scored, not kept
        var mean = options.Monetary != RfmMonetaryBasis.Total;
        int[] rScores, fScores, mScores;
        IReadOnlyList<RfmBin> rBins, fBins, mBins;
        try
        {
            Chunked(n, parallel, (from, to) =>
            {
                for (var i = from; i < to; i++)
                {
                    recency[i] = today - lastDays[i];
                    scratch[i] = distinctDays[i];
                    values[i] = mean ? totals[i] / distinctDays[i] : totals[i];
                }
            });

            // Better is lower for R, higher for F and M: rank on the negated recency.
            (rScores, rBins) = Score(recency, n, lowerIsBetter: true, parallel);
            (fScores, fBins) = Score(scratch, n, lowerIsBetter: false, parallel);
            Chunked(n, parallel, (from, to) =>
            {
                for (var i = from; i < to; i++)
                {
                    scratch[i] = (double)values[i];
                }
            });
            (mScores, mBins) = Score(scratch, n, lowerIsBetter: false, parallel);
        }
        finally
        {
            WorkArrays<double>.Return(scratch);
        }

        // Per (R, F) cell its customers; per segment its customers and revenue, summed in customer order. The segment of
        // each of the 25 cells is looked up once.
        var names = options.SegmentMap.Names;
        var segmentOfCell = new int[25];
        for (var cell = 0; cell < segmentOfCell.Length; cell++)
        {
            segmentOfCell[cell] = IndexOf(names, options.SegmentMap.SegmentOf((cell / 5) + 1, (cell % 5) + 1));
        }

        var cells = new int[25];
        var segmentCustomers = new int[names.Count];
        var segmentRevenue = new decimal[names.Count];
        var total = 0m;
        for (var i = 0; i < n; i++)
        {
            var cell = ((rScores[i] - 1) * 5) + fScores[i] - 1;
            cells[cell]++;
            segmentCustomers[segmentOfCell[cell]]++;
            segmentRevenue[segmentOfCell[cell]] += totals[i];
            total += totals[i];
        }

        var segments = names.Select((name, k) =>
        {
            var revenue = segmentRevenue[k];
            return new RfmSegment(name, segmentCustomers[k], new Money(revenue, currency == default ? Currency.Usd : currency), total > 0 ? (double)(revenue / total) : null);
        }).ToList();
        var customers = new RfmCustomers(order, recency, distinctDays, values, totals, (rScores, fScores, mScores), currency, options.SegmentMap);
        return new RfmAnalysis(options, customers, cells, [rBins, fBins, mBins], segments.AsReadOnly());
    }

    /// <summary>Runs <paramref name="body"/> over [0, <paramref name="n"/>) in chunks of <paramref name="chunkSize"/>, on the threads of <paramref name="parallel"/>; one chunk on this thread.</summary>
    private static void Chunked(int n, ParallelOptions? parallel, Action<int, int> body, int chunkSize = ChunkSize)
    {
        var chunks = (int)(((long)n + chunkSize - 1) / chunkSize);
        if (chunks <= 1)
        {
            body(0, n);
            return;
        }

        Concurrency.Partitioned.For(chunks, parallel, chunk => body(chunk * chunkSize, (int)Math.Min(n, (long)(chunk + 1) * chunkSize)));
    }

    /// <summary>The place of <paramref name="name"/> among the map's <paramref name="names"/> (each a cell's segment).</summary>
    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var k = 0; k < names.Count; k++)
        {
            if (string.Equals(names[k], name, StringComparison.Ordinal))
            {
                return k;
            }
        }

        throw new InvalidOperationException("The segment map gives a cell a segment that is not among its names.");
    }

    /// <summary>Scores 1..5 by the percent rank of each value (ties share it); the five bins with their raw ranges.</summary>
    /// <param name="values">The values.</param>
    /// <param name="lowerIsBetter">Whether a lower value is better (recency).</param>
    /// <param name="chunkSize">Values per chunk of the passes (tests lower it to cut few values into many chunks).</param>
    internal static (int[] Scores, IReadOnlyList<RfmBin> Bins) Score(double[] values, bool lowerIsBetter, int chunkSize = ChunkSize) => Score(values, values.Length, lowerIsBetter, null, chunkSize);

    /// <summary>Scores 1..5 by the percent rank of each of the first <paramref name="n"/> values (ties share it); the five bins with their raw ranges.</summary>
    /// <remarks>
    /// A value's score is 1 + ⌊5w/n⌋, w the values worse than it. It exceeds s exactly when w ≥ t_s = ⌈sn/5⌉, that is
    /// when the value is better than the one at rank t_s − 1 from the worst: so four order statistics
    /// (<see cref="RadixSelect"/>) score every value, without sorting them. The passes over the values run in chunks on
    /// the threads of <paramref name="parallel"/>; each chunk's bins (counts, lowest and highest values) are combined
    /// after, which gives what one pass gives.
    /// </remarks>
    private static (int[] Scores, IReadOnlyList<RfmBin> Bins) Score(double[] values, int n, bool lowerIsBetter, ParallelOptions? parallel, int chunkSize = ChunkSize)
    {
        var scores = new int[n];
        var chunks = (int)(((long)n + chunkSize - 1) / chunkSize);
        var counts = new int[chunks * 5];
        var lows = new double[chunks * 5];
        var highs = new double[chunks * 5];
        if (n > 0)
        {
            var keys = WorkArrays<ulong>.Rent(n);
            var scratch = WorkArrays<ulong>.Rent(n);
            try
            {
                Chunked(n, parallel, (from, to) =>
                {
                    for (var i = from; i < to; i++)
                    {
                        keys[i] = Key(values[i], lowerIsBetter);
                    }
                }, chunkSize);

                Span<int> ranks = stackalloc int[4];
                for (var s = 1; s <= 4; s++)
                {
                    ranks[s - 1] = (int)((((long)s * n) + 4) / 5) - 1; // t_s − 1
                }

                var bounds = new ulong[4];
                RadixSelect.Select(keys.AsSpan(0, n), scratch, ranks, bounds);
                var (b1, b2, b3, b4) = (bounds[0], bounds[1], bounds[2], bounds[3]);
                Chunked(n, parallel, (from, to) =>
                {
                    var bin = from / chunkSize * 5;
                    for (var i = from; i < to; i++)
                    {
                        var value = values[i];
                        var key = Key(value, lowerIsBetter); // made again: the select left the keys out of order
                        var score = 1 + (key > b1 ? 1 : 0) + (key > b2 ? 1 : 0) + (key > b3 ? 1 : 0) + (key > b4 ? 1 : 0);
                        scores[i] = score;
                        var at = bin + score - 1;
                        (lows[at], highs[at]) = counts[at]++ == 0 ? (value, value) : (Math.Min(lows[at], value), Math.Max(highs[at], value));
                    }
                }, chunkSize);
            }
            finally
            {
                WorkArrays<ulong>.Return(keys);
                WorkArrays<ulong>.Return(scratch);
            }
        }

        var bins = new RfmBin[5];
        for (var s = 0; s < 5; s++)
        {
            var (count, low, high) = (0, 0.0, 0.0);
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                var at = (chunk * 5) + s;
                if (counts[at] > 0)
                {
                    (low, high) = count == 0 ? (lows[at], highs[at]) : (Math.Min(low, lows[at]), Math.Max(high, highs[at]));
                    count += counts[at];
                }
            }

            bins[s] = count == 0 ? new RfmBin(s + 1, 0, null, null) : new RfmBin(s + 1, count, low, high);
        }

        return (scores, Array.AsReadOnly(bins));

        // Worse values have smaller keys; −0 as +0, so that equal values have equal keys.
        static ulong Key(double value, bool lowerIsBetter)
        {
            var key = lowerIsBetter ? -value : value;
            return Storage.RadixSort.Ascending(key == 0 ? 0.0 : key);
        }
    }
}
