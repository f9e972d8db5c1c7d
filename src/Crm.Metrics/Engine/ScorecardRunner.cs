using System.Runtime.CompilerServices;
using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Engine;

/// <summary>Feeds a data set into a record sink (a scorecard accumulator, a group router), one pass per record kind.</summary>
internal static class ScorecardRunner
{
    private const int ProgressEvery = 1 << 16;

    /// <summary>Feeds every record of <paramref name="data"/> of the wanted kinds; a null record is an error naming <paramref name="parameterName"/>, the caller's parameter that holds the records.</summary>
    public static void Fill(IRecordSink accumulator, CrmDataSet data, DataSources sources, IProgress<long>? progress, string parameterName = "data")
    {
        ArgumentNullException.ThrowIfNull(data);
        long count = 0;
        Feed(accumulator, sources, DataSources.Customers, data.Customers, NotNull<Customer>(accumulator.Add, parameterName), ref count, progress);
        if (!FeedIndexed(accumulator, sources, data.Purchases, ref count, progress, parameterName))
        {
            Feed(accumulator, sources, DataSources.Purchases, data.Purchases, NotNull<Purchase>(accumulator.Add, parameterName), ref count, progress);
        }

        Feed(accumulator, sources, DataSources.SurveyResponses, data.SurveyResponses, NotNull<SurveyResponse>(accumulator.Add, parameterName), ref count, progress);
        Feed(accumulator, sources, DataSources.Costs, data.Costs, NotNull<CostEntry>(accumulator.Add, parameterName), ref count, progress);
        Feed(accumulator, sources, DataSources.Complaints, data.Complaints, NotNull<Complaint>(accumulator.Add, parameterName), ref count, progress);
        Feed(accumulator, sources, DataSources.Feedback, data.Feedback, NotNull<Domain.Activity.Feedback>(accumulator.Add, parameterName), ref count, progress);
        Feed(accumulator, sources, DataSources.Leads, data.Leads, NotNull<Lead>(accumulator.Add, parameterName), ref count, progress);
        if (count == 0 || count % ProgressEvery != 0)
        {
            // A multiple of ProgressEvery was reported when it was reached.
            progress?.Report(count);
        }
    }

    public static async ValueTask FillAsync(IRecordSink accumulator, CrmAsyncDataSet data, DataSources sources, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var count = new StrongBox<long>();
        const string parameterName = "data";
        await FeedAsync(accumulator, sources, DataSources.Customers, data.Customers, NotNull<Customer>(accumulator.Add, parameterName), count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(accumulator, sources, DataSources.Purchases, data.Purchases, NotNull<Purchase>(accumulator.Add, parameterName), count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(accumulator, sources, DataSources.SurveyResponses, data.SurveyResponses, NotNull<SurveyResponse>(accumulator.Add, parameterName), count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(accumulator, sources, DataSources.Costs, data.Costs, NotNull<CostEntry>(accumulator.Add, parameterName), count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(accumulator, sources, DataSources.Complaints, data.Complaints, NotNull<Complaint>(accumulator.Add, parameterName), count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(accumulator, sources, DataSources.Feedback, data.Feedback, NotNull<Domain.Activity.Feedback>(accumulator.Add, parameterName), count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(accumulator, sources, DataSources.Leads, data.Leads, NotNull<Lead>(accumulator.Add, parameterName), count, progress, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (count.Value == 0 || count.Value % ProgressEvery != 0)
        {
            progress?.Report(count.Value);
        }
    }

    /// <summary>Feeds one kind of record when it is wanted and supplied (a null sequence is not supplied).</summary>
    private static void Feed<T>(IRecordSink sink, DataSources wanted, DataSources kind, IEnumerable<T>? records, Action<T> add, ref long count, IProgress<long>? progress)
    {
        if (records is not null && (wanted & kind) != 0)
        {
            sink.MarkSupplied(kind);
            Feed(records, add, ref count, progress);
        }
    }

    /// <summary>An add that refuses a null record first, naming the caller's parameter that holds the records.</summary>
    private static Action<T> NotNull<T>(Action<T> add, string parameterName)
        where T : class =>
        record => add(Crm.Internal.Elements.NotNull(record, parameterName));

    /// <summary>
    /// Feeds the purchases of a large array, list or array segment to a scorecard accumulator that reads them on several threads;
    /// false (nothing fed) otherwise.
    /// </summary>
    private static bool FeedIndexed(IRecordSink sink, DataSources wanted, IEnumerable<Purchase>? purchases, ref long count, IProgress<long>? progress, string parameterName)
    {
        if (sink is not ScorecardAccumulator accumulator || (wanted & DataSources.Purchases) == 0)
        {
            return false;
        }

        if (!RecordSource<Purchase>.TryIndexed(purchases, out var slice, out var length))
        {
            return false;
        }

        var store = accumulator.Purchases.Store;
        if (store.Execution.ReadThreads(length) < 2)
        {
            return false;
        }

        var counted = count;
        ReadIndexed(accumulator, length, slice, parameterName, read =>
        {
            var before = counted;
            counted += read;
            if (counted / ProgressEvery != before / ProgressEvery)
            {
                // As one pass reports: at the multiple of ProgressEvery passed (the end is reported once, by Fill).
                progress?.Report(counted / ProgressEvery * ProgressEvery);
            }
        });
        count = counted;
        return true;
    }

    /// <summary>
    /// Adds the purchases of an indexed source (unchanged meanwhile) on several threads, in chunks each thread takes in
    /// turn. The scorecard's currency, when not given, is still the first one met in input order: this thread reads
    /// until it is known. Purchases become supplied.
    /// </summary>
    /// <param name="accumulator">The accumulator.</param>
    /// <param name="count">The number of purchases.</param>
    /// <param name="slice">The purchases [start, start + length) as a span.</param>
    /// <param name="parameterName">The caller's parameter that holds the purchases, named when one of them is null.</param>
    /// <param name="advanced">Called on the caller's thread, about every 65,536 purchases, with how many more were read.</param>
    internal static void ReadIndexed(ScorecardAccumulator accumulator, int count, SpanSlice<Purchase> slice, string parameterName, Action<long>? advanced)
    {
        accumulator.MarkSupplied(DataSources.Purchases);
        var store = accumulator.Purchases.Store;
        var threads = store.Execution.ReadThreads(count);
        var first = 0;
        var head = slice(0, count);
        while (accumulator.Currency is null && first < count)
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(head[first++], parameterName));
        }

        var sources = new List<RecordSource<Purchase>>();
        RecordSource<Purchase>.AddChunks(sources, slice, first, count - first);
        long reported = 0; // told to advanced so far, the purchases read before the threads start included
        store.AddConcurrently(
            sources,
            threads,
            read =>
            {
                advanced?.Invoke(first + read - reported);
                reported = first + read;
            },
            parameterName,
            CancellationToken.None);
        advanced?.Invoke(count - reported);
    }

    private static ValueTask FeedAsync<T>(IRecordSink sink, DataSources wanted, DataSources kind, IAsyncEnumerable<T>? records, Action<T> add, StrongBox<long> count, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        if (records is null || (wanted & kind) == 0)
        {
            return ValueTask.CompletedTask;
        }

        sink.MarkSupplied(kind);
        return FeedAsync(records, add, count, progress, cancellationToken);
    }

    private static void Feed<T>(IEnumerable<T> records, Action<T> add, ref long count, IProgress<long>? progress)
    {
        ArgumentNullException.ThrowIfNull(records);
        switch (records)
        {
            // Arrays and lists (the common case) are read as spans: no interface call per record.
            case T[] array:
                Feed(array.AsSpan(), add, ref count, progress);
                return;
            case List<T> list:
                Feed(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list), add, ref count, progress);
                return;
        }

        foreach (var record in records)
        {
            add(record);
            Tick(ref count, progress);
        }
    }

    private static void Feed<T>(ReadOnlySpan<T> records, Action<T> add, ref long count, IProgress<long>? progress)
    {
        foreach (var record in records)
        {
            add(record);
            Tick(ref count, progress);
        }
    }

    private static void Tick(ref long count, IProgress<long>? progress)
    {
        if (++count % ProgressEvery == 0)
        {
            progress?.Report(count);
        }
    }

    private static async ValueTask FeedAsync<T>(IAsyncEnumerable<T> records, Action<T> add, StrongBox<long> count, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            add(record);
            if (++count.Value % ProgressEvery == 0)
            {
                // Streams that ignore the token still stop here.
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(count.Value);
            }
        }
    }
}
