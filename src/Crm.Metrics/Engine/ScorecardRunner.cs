using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Internal;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Engine;

/// <summary>
/// Feeds a data set into a record sink (a scorecard accumulator, a group router), one pass per record kind; with a
/// watch, counts the records into it (progress every <see cref="ProgressWatch.Every"/> records, and the token checked
/// as often) and reports the total at the end.
/// </summary>
internal static class ScorecardRunner
{
    /// <summary>Feeds every record of <paramref name="data"/> of the wanted kinds; a null record is an error naming <paramref name="parameterName"/>, the caller's parameter that holds the records.</summary>
    public static void Fill(IRecordSink accumulator, CrmDataSet data, DataSources sources, ProgressWatch? watch, string parameterName = "data")
    {
        ArgumentNullException.ThrowIfNull(data);
        FillKinds(accumulator, data, sources, watch, parameterName);
        watch?.Finish();
    }

    /// <summary>As <see cref="Fill"/>, without reporting the total: for a part of a larger operation.</summary>
    public static void FillKinds(IRecordSink accumulator, CrmDataSet data, DataSources sources, ProgressWatch? watch, string parameterName = "data")
    {
        Feed(accumulator, sources, DataSources.Customers, data.Customers, NotNull<Customer>(accumulator.Add, parameterName), watch);
        FeedPurchases(accumulator, sources, data.Purchases, watch, parameterName);

        Feed(accumulator, sources, DataSources.SurveyResponses, data.SurveyResponses, NotNull<SurveyResponse>(accumulator.Add, parameterName), watch);
        Feed(accumulator, sources, DataSources.Costs, data.Costs, NotNull<CostEntry>(accumulator.Add, parameterName), watch);
        Feed(accumulator, sources, DataSources.Complaints, data.Complaints, NotNull<Complaint>(accumulator.Add, parameterName), watch);
        Feed(accumulator, sources, DataSources.Feedback, data.Feedback, NotNull<Domain.Activity.Feedback>(accumulator.Add, parameterName), watch);
        Feed(accumulator, sources, DataSources.Leads, data.Leads, NotNull<Lead>(accumulator.Add, parameterName), watch);
    }

    /// <summary>
    /// Feeds every record of an async data set; a sequence that wraps a synchronous one
    /// (<see cref="CrmAsyncDataSet.From"/>) is read as that one, without awaiting per record.
    /// </summary>
    public static async ValueTask FillAsync(IRecordSink accumulator, CrmAsyncDataSet data, DataSources sources, ProgressWatch? watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        const string parameterName = "data";
        await FeedAsync(accumulator, sources, DataSources.Customers, data.Customers, NotNull<Customer>(accumulator.Add, parameterName), watch, cancellationToken).ConfigureAwait(false);
        if (data.Purchases is SyncSequence<Purchase> { Source: PurchaseRecordSequence records })
        {
            // Records given as values are read as the synchronous read reads them.
            FeedPurchases(accumulator, sources, records, watch, parameterName);
        }
        else if (data.Purchases is AsyncPurchaseRecordSequence { Records: var streamed })
        {
            await FeedAsync(accumulator, sources, DataSources.Purchases, streamed, (PurchaseRecord record) => accumulator.Add(in PurchaseValues.Checked(in record, parameterName)), watch, cancellationToken).ConfigureAwait(false);
        }
        else if (!(data.Purchases is SyncSequence<Purchase> purchases && FeedIndexed<Purchase, PurchaseObjects>(accumulator, sources, purchases.Source, watch, parameterName)))
        {
            // An array or list wrapped is read on several threads, as the synchronous scorecard reads it; anything else here.
            await FeedAsync(accumulator, sources, DataSources.Purchases, data.Purchases, NotNull<Purchase>(accumulator.Add, parameterName), watch, cancellationToken).ConfigureAwait(false);
        }

        await FeedAsync(accumulator, sources, DataSources.SurveyResponses, data.SurveyResponses, NotNull<SurveyResponse>(accumulator.Add, parameterName), watch, cancellationToken).ConfigureAwait(false);
        await FeedAsync(accumulator, sources, DataSources.Costs, data.Costs, NotNull<CostEntry>(accumulator.Add, parameterName), watch, cancellationToken).ConfigureAwait(false);
        await FeedAsync(accumulator, sources, DataSources.Complaints, data.Complaints, NotNull<Complaint>(accumulator.Add, parameterName), watch, cancellationToken).ConfigureAwait(false);
        await FeedAsync(accumulator, sources, DataSources.Feedback, data.Feedback, NotNull<Domain.Activity.Feedback>(accumulator.Add, parameterName), watch, cancellationToken).ConfigureAwait(false);
        await FeedAsync(accumulator, sources, DataSources.Leads, data.Leads, NotNull<Lead>(accumulator.Add, parameterName), watch, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        watch?.Finish();
    }

    /// <summary>Feeds one kind of record when it is wanted and supplied (a null sequence is not supplied).</summary>
    private static void Feed<T>(IRecordSink sink, DataSources wanted, DataSources kind, IEnumerable<T>? records, Action<T> add, ProgressWatch? watch)
    {
        if (records is not null && (wanted & kind) != 0)
        {
            sink.MarkSupplied(kind);
            Feed(records, add, watch);
        }
    }

    /// <summary>
    /// Feeds the purchases when wanted and supplied: records given as values (<see cref="CrmDataSet.PurchasesOf"/>)
    /// as they are, a large array or list on several threads, anything else one purchase at a time.
    /// </summary>
    private static void FeedPurchases(IRecordSink sink, DataSources wanted, IEnumerable<Purchase>? purchases, ProgressWatch? watch, string parameterName)
    {
        if (purchases is PurchaseRecordSequence { Records: var records })
        {
            if ((wanted & DataSources.Purchases) != 0 && !FeedIndexed<PurchaseRecord, PurchaseValues>(sink, wanted, records, watch, parameterName))
            {
                sink.MarkSupplied(DataSources.Purchases);
                Feed(records, (PurchaseRecord record) => sink.Add(in PurchaseValues.Checked(in record, parameterName)), watch);
            }
        }
        else if (!FeedIndexed<Purchase, PurchaseObjects>(sink, wanted, purchases, watch, parameterName))
        {
            Feed(sink, wanted, DataSources.Purchases, purchases, NotNull<Purchase>(sink.Add, parameterName), watch);
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
    private static bool FeedIndexed<TSource, TReader>(IRecordSink sink, DataSources wanted, IEnumerable<TSource>? purchases, ProgressWatch? watch, string parameterName)
        where TReader : IRecordReader<TSource, PurchaseRecord>
    {
        if (sink is not IIndexedPurchaseSink accumulator || (wanted & DataSources.Purchases) == 0)
        {
            return false;
        }

        if (!RecordSource<TSource>.TryIndexed(purchases, out var slice, out var length))
        {
            return false;
        }

        if (accumulator.PurchaseExecution.ReadThreads(length) < 2)
        {
            return false;
        }

        ReadIndexed<TSource, TReader>(accumulator, length, slice, parameterName, watch is null ? null : watch.Advance, watch?.CancellationToken ?? CancellationToken.None);
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
    /// <param name="cancellationToken">Stops the readers between chunks.</param>
    internal static void ReadIndexed<TSource, TReader>(IIndexedPurchaseSink accumulator, int count, SpanSlice<TSource> slice, string parameterName, Action<long>? advanced, CancellationToken cancellationToken = default)
        where TReader : IRecordReader<TSource, PurchaseRecord>
    {
        accumulator.MarkSupplied(DataSources.Purchases);
        var threads = accumulator.PurchaseExecution.ReadThreads(count);
        var first = 0;
        var head = slice(0, count);
        while (accumulator.Currency is null && first < count)
        {
            accumulator.Add(TReader.Read(head[first++], parameterName));
        }

        var sources = new List<RecordSource<TSource>>();
        RecordSource<TSource>.AddChunks(sources, slice, first, count - first);
        long reported = 0; // told to advanced so far, the purchases read before the threads start included
        accumulator.AddPurchasesConcurrently<TSource, TReader>(
            sources,
            threads,
            read =>
            {
                advanced?.Invoke(first + read - reported);
                reported = first + read;
            },
            parameterName,
            cancellationToken);
        advanced?.Invoke(count - reported);
    }

    private static ValueTask FeedAsync<T>(IRecordSink sink, DataSources wanted, DataSources kind, IAsyncEnumerable<T>? records, Action<T> add, ProgressWatch? watch, CancellationToken cancellationToken)
    {
        if (records is null || (wanted & kind) == 0)
        {
            return ValueTask.CompletedTask;
        }

        sink.MarkSupplied(kind);
        if (records is SyncSequence<T> sync)
        {
            Feed(sync.Source, add, watch);
            return ValueTask.CompletedTask;
        }

        return FeedAsync(records, add, watch, cancellationToken);
    }

    private static void Feed<T>(IEnumerable<T> records, Action<T> add, ProgressWatch? watch)
    {
        ArgumentNullException.ThrowIfNull(records);
        switch (records)
        {
            // Arrays and lists (the common case) are read as spans: no interface call per record.
            case T[] array:
                Feed(array.AsSpan(), add, watch);
                return;
            case List<T> list:
                Feed(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list), add, watch);
                return;
        }

        var pending = 0;
        foreach (var record in records)
        {
            add(record);
            if (++pending == ProgressWatch.Every)
            {
                watch?.Advance(pending);
                pending = 0;
            }
        }

        watch?.Advance(pending);
    }

    private static void Feed<T>(ReadOnlySpan<T> records, Action<T> add, ProgressWatch? watch)
    {
        if (watch is null)
        {
            foreach (var record in records)
            {
                add(record);
            }

            return;
        }

        for (var start = 0; start < records.Length; start += ProgressWatch.Every)
        {
            var chunk = records.Slice(start, Math.Min(ProgressWatch.Every, records.Length - start));
            foreach (var record in chunk)
            {
                add(record);
            }

            watch.Advance(chunk.Length);
        }
    }

    private static async ValueTask FeedAsync<T>(IAsyncEnumerable<T> records, Action<T> add, ProgressWatch? watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await foreach (var record in ProgressWatch.Watched(records, watch, cancellationToken).ConfigureAwait(false))
        {
            add(record);
        }
    }
}
