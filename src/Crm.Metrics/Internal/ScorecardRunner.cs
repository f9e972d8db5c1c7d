using System.Runtime.CompilerServices;

namespace Crm.Metrics.Internal;

/// <summary>Feeds a data set into a record sink (a scorecard accumulator, a group router), one pass per record kind.</summary>
internal static class ScorecardRunner
{
    private const int ProgressEvery = 1 << 16;

    [Flags]
    public enum Sources
    {
        Purchases = 1,
        Surveys = 2,
        Costs = 4,
        Customers = 8,
        Complaints = 16,
        Feedback = 32,
        Leads = 64,
        All = Purchases | Surveys | Costs | Customers | Complaints | Feedback | Leads,
    }

    public static void Fill(IRecordSink accumulator, CrmDataSet data, Sources sources, IProgress<long>? progress)
    {
        ArgumentNullException.ThrowIfNull(data);
        long count = 0;
        Feed(sources, Sources.Customers, data.Customers, accumulator.Add, ref count, progress);
        Feed(sources, Sources.Purchases, data.Purchases, accumulator.Add, ref count, progress);
        Feed(sources, Sources.Surveys, data.SurveyResponses, accumulator.Add, ref count, progress);
        Feed(sources, Sources.Costs, data.Costs, accumulator.Add, ref count, progress);
        Feed(sources, Sources.Complaints, data.Complaints, accumulator.Add, ref count, progress);
        Feed(sources, Sources.Feedback, data.Feedback, accumulator.Add, ref count, progress);
        Feed(sources, Sources.Leads, data.Leads, accumulator.Add, ref count, progress);
        progress?.Report(count);
    }

    public static async ValueTask FillAsync(IRecordSink accumulator, CrmAsyncDataSet data, Sources sources, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var count = new StrongBox<long>();
        await FeedAsync(sources, Sources.Customers, data.Customers, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(sources, Sources.Purchases, data.Purchases, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(sources, Sources.Surveys, data.SurveyResponses, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(sources, Sources.Costs, data.Costs, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(sources, Sources.Complaints, data.Complaints, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(sources, Sources.Feedback, data.Feedback, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        await FeedAsync(sources, Sources.Leads, data.Leads, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(count.Value);
    }

    private static void Feed<T>(Sources wanted, Sources kind, IEnumerable<T> records, Action<T> add, ref long count, IProgress<long>? progress)
    {
        if (wanted.HasFlag(kind))
        {
            Feed(records, add, ref count, progress);
        }
    }

    private static ValueTask FeedAsync<T>(Sources wanted, Sources kind, IAsyncEnumerable<T> records, Action<T> add, StrongBox<long> count, IProgress<long>? progress, CancellationToken cancellationToken) =>
        wanted.HasFlag(kind) ? FeedAsync(records, add, count, progress, cancellationToken) : ValueTask.CompletedTask;

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
