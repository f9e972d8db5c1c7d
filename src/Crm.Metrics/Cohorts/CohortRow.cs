namespace Crm.Metrics.Cohorts;

/// <summary>One acquisition cohort: the customers acquired in a month, and who of them bought in each month after.</summary>
public sealed class CohortRow
{
    internal CohortRow(YearMonth month, long size, long?[] active)
    {
        Month = month;
        Size = size;
        Active = active;
        Retention = [.. active.Select(a => a is { } n && size > 0 ? (double?)((double)n / size) : null)];
    }

    /// <summary>The acquisition month, in the period's zone.</summary>
    public YearMonth Month { get; }

    /// <summary>Customers acquired in the month.</summary>
    public long Size { get; }

    /// <summary>
    /// Index k: customers of the cohort with a sale in month k after acquisition (k = 0 is the acquisition month);
    /// <c>null</c> where that month lies after the period's end — absent, never 0.
    /// </summary>
    public IReadOnlyList<long?> Active { get; }

    /// <summary>Index k: <see cref="Active"/>[k] / <see cref="Size"/>, 0..1; <c>null</c> in the future or when the cohort is empty.</summary>
    public IReadOnlyList<double?> Retention { get; }
}
