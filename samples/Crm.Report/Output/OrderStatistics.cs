using System.Numerics;

namespace Crm.Report.Output;

/// <summary>
/// Order statistics without ordering everything: an element of an array put at its rank (Hoare's selection, its pivot
/// the median of three values, and a sort of what is left once a range is small or the partitions have not shrunk it
/// fast enough, so that no input costs more than a sort), and the first few of a sequence in one pass.
/// </summary>
internal static class OrderStatistics
{
    private const int SortBelow = 16;

    /// <summary>
    /// Rearranges <paramref name="values"/>[<paramref name="start"/>..<paramref name="end"/>) so that the element at
    /// <paramref name="rank"/> is the one a sort of that range would put there, those before it no greater and those
    /// after it no smaller.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not within the array, or the rank not within the range.</exception>
    public static void Select(decimal[] values, int start, int end, int rank)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, values.Length);
        if (rank < start || rank >= end)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, "The rank is within the range.");
        }

        var partitions = (2 * BitOperations.Log2((uint)(end - start))) + 4;
        while (end - start > SortBelow && partitions-- > 0)
        {
            var pivot = MedianOfThree(values[start], values[start + ((end - start) >> 1)], values[end - 1]);
            int low = start, high = end - 1;
            while (low <= high)
            {
                while (values[low] < pivot)
                {
                    low++;
                }

                while (values[high] > pivot)
                {
                    high--;
                }

                if (low <= high)
                {
                    (values[low], values[high]) = (values[high], values[low]);
                    low++;
                    high--;
                }
            }

            // [start, high] holds no value above the pivot, [low, end) none below, and what lies between equals it.
            if (rank <= high)
            {
                end = high + 1;
            }
            else if (rank >= low)
            {
                start = low;
            }
            else
            {
                return;
            }
        }

        Array.Sort(values, start, end - start);
    }

    /// <summary>
    /// The first <paramref name="take"/> of the indexes 0 .. <paramref name="count"/> − 1 in the order
    /// <paramref name="compare"/> gives (negative when its first index comes first), in that order, indexes that
    /// compare equal in their own order: what a stable sort's first <paramref name="take"/> are, in one pass that keeps
    /// only those.
    /// </summary>
    public static List<int> First(int count, int take, Comparison<int> compare)
    {
        ArgumentNullException.ThrowIfNull(compare);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        var first = new List<int>(take + 1);
        for (var i = 0; i < count && take > 0; i++)
        {
            if (first.Count == take && compare(i, first[^1]) >= 0)
            {
                continue;
            }

            var at = first.Count;
            while (at > 0 && compare(i, first[at - 1]) < 0)
            {
                at--;
            }

            first.Insert(at, i);
            if (first.Count > take)
            {
                first.RemoveAt(take);
            }
        }

        return first;
    }

    private static decimal MedianOfThree(decimal a, decimal b, decimal c) =>
        a < b
            ? (b < c ? b : a < c ? c : a)
            : (a < c ? a : b < c ? c : b);
}
