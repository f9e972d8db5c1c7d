using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Cohorts;

/// <summary>One acquisition cohort: the customers acquired in a month, and who of them bought in each month after.</summary>
public sealed class CohortRow
{
    // How a JSON document is read back: the counts as written; the retention shares follow from them.
    [JsonConstructor]
    internal CohortRow(YearMonth month, long size, IReadOnlyList<long?> active)
        : this(month, ReadBack.Count(size, nameof(size)), Cells(active))
    {
    }

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

    private static long?[] Cells(IReadOnlyList<long?>? active)
    {
        var cells = ReadBack.Present(active, nameof(active)).ToArray();
        foreach (var cell in cells)
        {
            if (cell < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(active), cell, "A cohort cell counts customers; it cannot be negative.");
            }
        }

        return cells;
    }
}
