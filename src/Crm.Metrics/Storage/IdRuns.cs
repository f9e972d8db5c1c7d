using Crm.Metrics.Internal;

namespace Crm.Metrics.Storage;

/// <summary>
/// The second half of a ranking by a key, then by customer id: after a sort by the key alone, each run of equal keys
/// is put in the order of its customers' ids (ordinal), compared by their packed first units (<see cref="IdOrder"/>)
/// and read whole only where those are equal. A long run — a churn warning's customers without repeat purchases share
/// a P(alive) of 1 — is first sorted by the packed units without comparisons (<see cref="RadixSort"/>).
/// </summary>
internal static class IdRuns
{
    /// <summary>From this many items a run is sorted by its packed ids without comparisons first.</summary>
    internal const int LongRun = 256;

    /// <summary>Orders each run of equal <paramref name="sortedKeys"/> in <paramref name="order"/> by id.</summary>
    /// <param name="sortedKeys">The keys, ascending.</param>
    /// <param name="order">The items in the order of <paramref name="sortedKeys"/>; each run of equal keys is reordered in place.</param>
    /// <param name="idOf">An item's customer id.</param>
    public static void OrderTies(ReadOnlySpan<ulong> sortedKeys, Span<int> order, Func<int, CustomerId> idOf)
    {
        IdKey[]? scratch = null;
        for (var start = 0; start < sortedKeys.Length;)
        {
            var end = start + 1;
            while (end < sortedKeys.Length && sortedKeys[end] == sortedKeys[start])
            {
                end++;
            }

            if (end - start == 2)
            {
                // A pair, the most common run among values: one comparison of the ids, without packing them.
                if (idOf(order[start]).CompareTo(idOf(order[start + 1])) > 0)
                {
                    (order[start], order[start + 1]) = (order[start + 1], order[start]);
                }
            }
            else if (end - start >= LongRun)
            {
                ByPackedIds(order[start..end], idOf, ref scratch);
            }
            else if (end - start > 2)
            {
                ById(order[start..end], idOf, ref scratch);
            }

            start = end;
        }
    }

    /// <summary>Orders <paramref name="items"/> by id, with the keys in <paramref name="scratch"/> (made or grown here, kept for the next run).</summary>
    private static void ById(Span<int> items, Func<int, CustomerId> idOf, ref IdKey[]? scratch)
    {
        if (scratch is null || scratch.Length < items.Length)
        {
            scratch = new IdKey[Math.Max(items.Length, 2 * (scratch?.Length ?? 8))];
        }

        var keys = scratch.AsSpan(0, items.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            var id = idOf(items[i]);
            keys[i] = new IdKey(new IdOrder(id), id, items[i]);
        }

        // The keys compare themselves (IComparable): the JIT inlines the comparison into the sort; a native build calls
        // it through the default comparer, which is why a long run is sorted by radix first (ByPackedIds).
        keys.Sort();
        for (var i = 0; i < keys.Length; i++)
        {
            items[i] = keys[i].Item;
        }
    }

    /// <summary>
    /// Orders <paramref name="items"/> by id: by the packed units' second word, then stably by the first, both without
    /// comparisons; then each run of equal packed units by the whole ids (<see cref="ById"/>).
    /// </summary>
    private static void ByPackedIds(Span<int> items, Func<int, CustomerId> idOf, ref IdKey[]? scratch)
    {
        var n = items.Length;
        var heads = WorkArrays<ulong>.Rent(n);
        var nexts = WorkArrays<ulong>.Rent(n);
        var keys = WorkArrays<ulong>.Rent(n);
        var places = WorkArrays<int>.Rent(n);
        var before = WorkArrays<int>.Rent(n);
        try
        {
            // Places in the run, sorted with their keys; the packed units by place.
            for (var j = 0; j < n; j++)
            {
                var packed = new IdOrder(idOf(items[j]));
                (heads[j], nexts[j]) = (packed.Head, packed.Next);
                places[j] = j;
                keys[j] = packed.Next;
            }

            RadixSort.Sort(keys.AsSpan(0, n), places.AsSpan(0, n));
            for (var j = 0; j < n; j++)
            {
                keys[j] = heads[places[j]];
            }

            RadixSort.Sort(keys.AsSpan(0, n), places.AsSpan(0, n));
            items.CopyTo(before);
            for (var j = 0; j < n; j++)
            {
                items[j] = before[places[j]];
            }

            for (var start = 0; start < n;)
            {
                var end = start + 1;
                while (end < n && heads[places[end]] == heads[places[start]] && nexts[places[end]] == nexts[places[start]])
                {
                    end++;
                }

                if (end - start > 1)
                {
                    ById(items[start..end], idOf, ref scratch);
                }

                start = end;
            }
        }
        finally
        {
            WorkArrays<ulong>.Return(heads);
            WorkArrays<ulong>.Return(nexts);
            WorkArrays<ulong>.Return(keys);
            WorkArrays<int>.Return(places);
            WorkArrays<int>.Return(before);
        }
    }

    /// <summary>An item's id, packed and whole; ordered by id.</summary>
    private readonly struct IdKey(IdOrder packed, CustomerId id, int item) : IComparable<IdKey>
    {
        private readonly IdOrder _packed = packed;

        private readonly CustomerId _id = id;

        public int Item { get; } = item;

        public int CompareTo(IdKey other) => IdOrder.Compare(in _packed, _id, in other._packed, other._id);
    }
}
