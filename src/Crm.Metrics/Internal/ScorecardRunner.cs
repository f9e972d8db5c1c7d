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
        All = Purchases | Surveys | Costs | Customers,
    }

    public static void Fill(ScorecardAccumulator accumulator, CrmDataSet data, Sources sources, IProgress<long>? progress)
    {
        ArgumentNullException.ThrowIfNull(data);
        long count = 0;
        if (sources.HasFlag(Sources.Customers))
        {
            foreach (var customer in data.Customers)
            {
                accumulator.Add(customer);
                Tick(ref count, progress);
            }
        }

        if (sources.HasFlag(Sources.Purchases))
        {
            foreach (var purchase in data.Purchases)
            {
                accumulator.Add(purchase);
                Tick(ref count, progress);
            }
        }

        if (sources.HasFlag(Sources.Surveys))
        {
            foreach (var response in data.SurveyResponses)
            {
                accumulator.Add(response);
                Tick(ref count, progress);
            }
        }

        if (sources.HasFlag(Sources.Costs))
        {
            foreach (var entry in data.Costs)
            {
                accumulator.Add(entry);
                Tick(ref count, progress);
            }
        }

        progress?.Report(count);
    }

    public static async ValueTask FillAsync(ScorecardAccumulator accumulator, CrmAsyncDataSet data, Sources sources, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        long count = 0;
        if (sources.HasFlag(Sources.Customers))
        {
            await foreach (var customer in data.Customers.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                accumulator.Add(customer);
                Tick(ref count, progress, cancellationToken);
            }
        }

        if (sources.HasFlag(Sources.Purchases))
        {
            await foreach (var purchase in data.Purchases.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                accumulator.Add(purchase);
                Tick(ref count, progress, cancellationToken);
            }
        }

        if (sources.HasFlag(Sources.Surveys))
        {
            await foreach (var response in data.SurveyResponses.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                accumulator.Add(response);
                Tick(ref count, progress, cancellationToken);
            }
        }

        if (sources.HasFlag(Sources.Costs))
        {
            await foreach (var entry in data.Costs.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                accumulator.Add(entry);
                Tick(ref count, progress, cancellationToken);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(count);
    }

    private static void Tick(ref long count, IProgress<long>? progress)
    {
        if (++count % ProgressEvery == 0)
        {
            progress?.Report(count);
        }
    }

    private static void Tick(ref long count, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        if (++count % ProgressEvery == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(count);
        }
    }
}
