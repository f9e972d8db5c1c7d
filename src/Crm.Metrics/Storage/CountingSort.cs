namespace Crm.Metrics.Storage;

/// <summary>A stable counting sort of values by a small integer key: linear, where a comparison sort is not.</summary>
internal static class CountingSort
{
    /// <summary>
    /// Writes <paramref name="values"/> into <paramref name="sorted"/> grouped by key (0 … keyCount − 1), keeping their
    /// order within a key; afterwards <paramref name="ends"/>[k] is the end of key k's slice (its start is
    /// <paramref name="ends"/>[k − 1], or 0 for k = 0). <paramref name="ends"/> needs keyCount + 1 entries.
    /// </summary>
    public static void ByKey(ReadOnlySpan<int> keys, ReadOnlySpan<int> values, Span<int> sorted, Span<int> ends)
    {
        ends.Clear();
        foreach (var key in keys)
        {
            ends[key + 1]++;
        }

        for (var k = 1; k < ends.Length; k++)
        {
            ends[k] += ends[k - 1];
        }

        for (var i = 0; i < keys.Length; i++)
        {
            sorted[ends[keys[i]]++] = values[i];
        }
    }

    /// <summary>The slice of key <paramref name="key"/> after <see cref="ByKey"/>.</summary>
    public static Range SliceOf(ReadOnlySpan<int> ends, int key) => (key == 0 ? 0 : ends[key - 1])..ends[key];
}
