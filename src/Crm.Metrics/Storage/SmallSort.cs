namespace Crm.Metrics.Storage;

/// <summary>
/// Sorts one customer's days: a handful of numbers, a slice of a larger array, sorted hundreds of thousands of times
/// in a run. The framework's sort pays a fixed toll on each call (in a native build it also compares through the
/// comparer's virtual method); an insertion sort of a few numbers costs less than that toll.
/// </summary>
internal static class SmallSort
{
    /// <summary>Up to this many numbers are sorted by insertion; longer spans by the framework's sort.</summary>
    internal const int InsertionMost = 16;

    /// <summary>Sorts <paramref name="values"/> ascending.</summary>
    public static void Ascending(Span<int> values)
    {
        if (values.Length > InsertionMost)
        {
            values.Sort();
            return;
        }

        for (var i = 1; i < values.Length; i++)
        {
            var value = values[i];
            var j = i - 1;
            while (j >= 0 && values[j] > value)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = value;
        }
    }
}
