namespace Crm.Metrics.Storage;

/// <summary>
/// A stable sort of items by unsigned 64-bit keys, one byte of the keys at a time from the lowest (a least-significant-
/// digit radix sort): linear in the items, and without comparisons. A comparison sort makes n log n of them, and in a
/// native build the framework's sort makes each through its comparer's virtual method. Bytes that all the keys share
/// are skipped, so keys that differ in few bytes take few passes. Keys of other types are mapped to order as they do
/// (<see cref="Descending(long)"/>, <see cref="Ascending(double)"/>).
/// </summary>
internal static class RadixSort
{
    /// <summary>
    /// Sorts <paramref name="keys"/> ascending and moves <paramref name="items"/> with them; items of equal keys keep
    /// their order.
    /// </summary>
    /// <param name="keys">The keys, sorted in place.</param>
    /// <param name="items">One item per key, moved with it.</param>
    public static void Sort(Span<ulong> keys, Span<int> items)
    {
        if (keys.Length != items.Length)
        {
            throw new ArgumentException("Each key needs one item.", nameof(items));
        }

        var n = keys.Length;
        var differ = 0UL;
        foreach (var key in keys)
        {
            differ |= key ^ keys[0];
        }

        if (differ == 0)
        {
            return; // no keys, one, or all equal: in order already
        }

        var keyBuffer = WorkArrays<ulong>.Rent(n);
        var itemBuffer = WorkArrays<int>.Rent(n);
        try
        {
            Span<ulong> fromKeys = keys, toKeys = keyBuffer.AsSpan(0, n);
            Span<int> fromItems = items, toItems = itemBuffer.AsSpan(0, n);
            Span<int> starts = stackalloc int[256];
            var moved = false;
            for (var shift = 0; shift < 64; shift += 8)
            {
                if (((differ >> shift) & 0xFF) == 0)
                {
                    continue;
                }

                starts.Clear();
                foreach (var key in fromKeys)
                {
                    starts[(int)((key >> shift) & 0xFF)]++;
                }

                for (int digit = 0, start = 0; digit < starts.Length; digit++)
                {
                    (starts[digit], start) = (start, start + starts[digit]);
                }

                for (var i = 0; i < n; i++)
                {
                    var key = fromKeys[i];
                    var at = starts[(int)((key >> shift) & 0xFF)]++;
                    toKeys[at] = key;
                    toItems[at] = fromItems[i];
                }

                var keysWritten = toKeys;
                toKeys = fromKeys;
                fromKeys = keysWritten;
                var itemsWritten = toItems;
                toItems = fromItems;
                fromItems = itemsWritten;
                moved = !moved;
            }

            if (moved)
            {
                fromKeys.CopyTo(keys);
                fromItems.CopyTo(items);
            }
        }
        finally
        {
            WorkArrays<ulong>.Return(keyBuffer);
            WorkArrays<int>.Return(itemBuffer);
        }
    }

    /// <summary>A key that sorts the largest <paramref name="value"/> first.</summary>
    public static ulong Descending(long value) => (ulong)value ^ long.MaxValue;

    /// <summary>A key that sorts as <paramref name="value"/> does, smallest first (not NaN; −0 just before +0).</summary>
    public static ulong Ascending(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & (1UL << 63)) != 0 ? ~bits : bits | (1UL << 63);
    }
}
