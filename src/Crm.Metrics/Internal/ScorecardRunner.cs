using System.Runtime.CompilerServices;

namespace Crm.Metrics.Internal;

/// <summary>Feeds a data set into a <see cref="ScorecardAccumulator"/>, one pass per record kind.</summary>
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

    public static void Fill(ScorecardAccumulator accumulator, CrmDataSet data, Sources sources, IProgress<long>? progress)
    {
        ArgumentNullException.ThrowIfNull(data);
        long count = 0;
        if (sources.HasFlag(Sources.Customers))
        {
            Feed(data.Customers, accumulator.Add, ref count, progress);
        }

        if (sources.HasFlag(Sources.Purchases))
        {
            Feed(data.Purchases, accumulator.Add, ref count, progress);
        }

        if (sources.HasFlag(Sources.Surveys))
        {
            Feed(data.SurveyResponses, accumulator.Add, ref count, progress);
        }

        if (sources.HasFlag(Sources.Costs))
        {
            Feed(data.Costs, accumulator.Add, ref count, progress);
        }

        if (sources.HasFlag(Sources.Complaints))
        {
            Feed(data.Complaints, accumulator.Add, ref count, progress);
        }

        if (sources.HasFlag(Sources.Feedback))
        {
            Feed(data.Feedback, accumulator.Add, ref count, progress);
        }

        if (sources.HasFlag(Sources.Leads))
        {
            Feed(data.Leads, accumulator.Add, ref count, progress);
        }

        progress?.Report(count);
    }

    public static async ValueTask FillAsync(ScorecardAccumulator accumulator, CrmAsyncDataSet data, Sources sources, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var count = new StrongBox<long>();
        if (sources.HasFlag(Sources.Customers))
        {
            await FeedAsync(data.Customers, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        }

        if (sources.HasFlag(Sources.Purchases))
        {
            await FeedAsync(data.Purchases, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        }

        if (sources.HasFlag(Sources.Surveys))
        {
            await FeedAsync(data.SurveyResponses, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        }

        if (sources.HasFlag(Sources.Costs))
        {
            await FeedAsync(data.Costs, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        }

        if (sources.HasFlag(Sources.Complaints))
        {
            await FeedAsync(data.Complaints, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        }

        if (sources.HasFlag(Sources.Feedback))
        {
            await FeedAsync(data.Feedback, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        }

        if (sources.HasFlag(Sources.Leads))
        {
            await FeedAsync(data.Leads, accumulator.Add, count, progress, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(count.Value);
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
