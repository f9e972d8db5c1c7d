using System.Numerics;

namespace Crm.Metrics.Storage;

/// <summary>
/// Order statistics of unsigned 64-bit keys without sorting them: the keys at a few ranks of their ascending order (a
/// most-significant-digit radix select). Each step counts the keys by their next 8 to 16 bits below those that all of
/// them share, finds the digit that holds each rank asked for, and goes on with that digit's keys alone; so it reads all
/// the keys once, then a fraction of them, where a sort moves every key several times and writes all over memory.
/// </summary>
internal static class RadixSelect
{
    /// <summary>At most this many keys are sorted instead of counted.</summary>
    private const int SortedBelow = 64;

    /// <summary>The widest digit counted: 65,536 counters.</summary>
    private const int MostDigitBits = 16;

    /// <summary>
    /// The keys at <paramref name="ranks"/> of <paramref name="keys"/>' ascending order (rank 0 the smallest) into
    /// <paramref name="results"/>, one per rank. <paramref name="keys"/> and <paramref name="scratch"/> (at least as long) are
    /// overwritten.
    /// </summary>
    /// <param name="keys">The keys; left in no particular order.</param>
    /// <param name="scratch">Room for as many keys.</param>
    /// <param name="ranks">Ascending (repeats allowed), each in [0, keys' length).</param>
    /// <param name="results">One per rank.</param>
    public static void Select(Span<ulong> keys, Span<ulong> scratch, ReadOnlySpan<int> ranks, Span<ulong> results)
    {
        if (scratch.Length < keys.Length || results.Length != ranks.Length)
        {
            throw new ArgumentException("The scratch must hold the keys, and each rank needs one result.", nameof(scratch));
        }

        for (var i = 0; i < ranks.Length; i++)
        {
            if ((uint)ranks[i] >= (uint)keys.Length || (i > 0 && ranks[i] < ranks[i - 1]))
            {
                throw new ArgumentOutOfRangeException(nameof(ranks), "Ranks must be ascending and each below the number of keys.");
            }
        }

        if (ranks.Length > 0)
        {
            SelectIn(keys, scratch[..keys.Length], ranks, results);
        }
    }

    /// <summary>
    /// One step: the keys of <paramref name="data"/> counted by a digit, the keys of each digit that holds a rank moved
    /// into <paramref name="scratch"/> at that digit's place in the ascending order (the digits' places do not overlap),
    /// then each such digit's keys selected from in turn, with the two spans' roles swapped over the same places.
    /// </summary>
    private static void SelectIn(Span<ulong> data, Span<ulong> scratch, ReadOnlySpan<int> ranks, Span<ulong> results)
    {
        if (data.Length <= SortedBelow)
        {
            data.Sort();
            for (var i = 0; i < ranks.Length; i++)
            {
                results[i] = data[ranks[i]];
            }

            return;
        }

        var differ = 0UL;
        var first = data[0];
        foreach (var key in data)
        {
            differ |= key ^ first;
        }

        if (differ == 0)
        {
            results.Fill(first); // all the keys are equal
            return;
        }

        // The digit: the highest bits in which the keys differ, as many as the keys call for (8 to 16).
        var top = 63 - BitOperations.LeadingZeroCount(differ);
        var width = Math.Clamp(BitOperations.Log2((uint)data.Length), 8, MostDigitBits);
        var shift = Math.Max(0, top + 1 - width);
        var digits = 1 << (top + 1 - shift);
        var mask = (ulong)(digits - 1);
        var starts = WorkArrays<int>.Rent(digits + 1);
        try
        {
            var counts = starts.AsSpan(0, digits + 1);
            counts.Clear();
            foreach (var key in data)
            {
                counts[(int)((key >> shift) & mask) + 1]++;
            }

            for (var d = 1; d <= digits; d++)
            {
                counts[d] += counts[d - 1]; // counts[d]: the keys below digit d, where its keys start
            }

            // The digits that hold a rank (at most one per rank), ascending with the ranks.
            Span<int> wanted = ranks.Length <= 16 ? stackalloc int[ranks.Length] : new int[ranks.Length];
            var distinct = 0;
            var digit = 0;
            foreach (var rank in ranks)
            {
                while (counts[digit + 1] <= rank)
                {
                    digit++;
                }

                if (distinct == 0 || wanted[distinct - 1] != digit)
                {
                    wanted[distinct++] = digit;
                }
            }

            wanted = wanted[..distinct];
            Span<int> next = distinct <= 16 ? stackalloc int[distinct] : new int[distinct];
            for (var w = 0; w < distinct; w++)
            {
                next[w] = counts[wanted[w]];
            }

            if (distinct == 1)
            {
                var only = (ulong)wanted[0];
                var at = next[0];
                foreach (var key in data)
                {
                    if (((key >> shift) & mask) == only)
                    {
                        scratch[at++] = key;
                    }
                }
            }
            else
            {
                // Per digit, 1 + its place among the wanted ones (0: not wanted): one look-up per key.
                var slots = WorkArrays<int>.Rent(digits);
                try
                {
                    var slotOf = slots.AsSpan(0, digits);
                    slotOf.Clear();
                    for (var w = 0; w < distinct; w++)
                    {
                        slotOf[wanted[w]] = w + 1;
                    }

                    foreach (var key in data)
                    {
                        var w = slotOf[(int)((key >> shift) & mask)] - 1;
                        if (w >= 0)
                        {
                            scratch[next[w]++] = key;
                        }
                    }
                }
                finally
                {
                    WorkArrays<int>.Return(slots);
                }
            }

            // Each wanted digit's keys, with the ranks that fall in it made relative to its start.
            Span<int> relative = ranks.Length <= 16 ? stackalloc int[ranks.Length] : new int[ranks.Length];
            var from = 0;
            foreach (var d in wanted)
            {
                var (start, end) = (counts[d], counts[d + 1]);
                var to = from;
                while (to < ranks.Length && ranks[to] < end)
                {
                    to++;
                }

                for (var i = from; i < to; i++)
                {
                    relative[i] = ranks[i] - start;
                }

                SelectIn(scratch[start..end], data[start..end], relative[from..to], results[from..to]);
                from = to;
            }
        }
        finally
        {
            WorkArrays<int>.Return(starts);
        }
    }
}
