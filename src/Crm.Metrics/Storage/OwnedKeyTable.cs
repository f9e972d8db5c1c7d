namespace Crm.Metrics.Storage;

/// <summary>
/// Numbers the customers of a partition fed by <see cref="OwnedPartitions"/>: each key gets the next dense number
/// when first met. An open-addressing table (linear probing, at most half full) of 8-byte slots, each a key's hash
/// and number, beside the keys in number order. Neither holds a reference: doubling moves plain values (no write
/// barriers, nothing for the collector to scan), the slots are placed again from the hashes they hold, and only keys
/// that are not packed (longer than 16 characters, or not ASCII) are compared through their ids, which the caller
/// keeps. About 40 to 60 bytes per customer, where a <see cref="Dictionary{TKey, TValue}"/> of the keys takes 60 to
/// 120 with references in them.
/// </summary>
internal sealed class OwnedKeyTable
{
    private ulong[] _slots; // the hash in the high half, the number + 1 in the low half; 0: empty
    private Key[] _keys; // per number, the key as compared
    private int _mask;
    private int _count;

    /// <param name="capacity">About how many keys; the slots double beyond.</param>
    /// <param name="most">The most keys expected, or less than <paramref name="capacity"/> when unknown: the keys (written in number order) are made that large at the start, their pages unwritten.</param>
    public OwnedKeyTable(int capacity, int most = 0)
    {
        capacity = Math.Clamp(capacity, 8, Capacity.MaxCustomers);
        _slots = FreshPages.New<ulong>((int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2));
        _mask = _slots.Length - 1;
        _keys = most > capacity ? FreshPages.Unwritten<Key>(Math.Min(most, Capacity.MaxCustomers)) : FreshPages.New<Key>(capacity);
    }

    /// <summary>How many keys the table numbers.</summary>
    public int Count => _count;

    /// <summary>
    /// The number of <paramref name="key"/>, the key of <paramref name="id"/>; when new, the next number
    /// (<see cref="Count"/> before the call), and <paramref name="added"/> true: the caller then keeps the id at that
    /// number in <paramref name="ids"/>, where later lookups of an unpacked key compare it. The id is read only for an
    /// unpacked key that agrees with one already numbered.
    /// </summary>
    public int IndexOf(in OwnedKey key, in CustomerId id, List<CustomerId> ids, out bool added)
    {
        var hash = key.GetHashCode();
        var slots = _slots;
        var i = hash & _mask;
        while (true)
        {
            var slot = slots[i];
            if (slot == 0)
            {
                added = true;
                return Add(in key, hash, i);
            }

            if ((int)(slot >> 32) == hash)
            {
                var number = (int)(uint)slot - 1;
                ref readonly var known = ref _keys[number];
                if (known.Length == key.Length && known.Low == key.Low && known.High == key.High && (key.IsPacked || ids[number].Equals(id)))
                {
                    added = false;
                    return number;
                }
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>
    /// Asks the processor to fetch what <see cref="IndexOf"/> will read for <paramref name="key"/>, a few entries
    /// ahead: with <paramref name="number"/> false, the key's first slot (the first step); with it true, the key and
    /// the number found in that slot when its hash matches (the second step, once the slot has arrived), or −1.
    /// </summary>
    /// <returns>With <paramref name="number"/>, the number in the key's first slot when the hashes match; else −1.</returns>
    public int Ahead(in OwnedKey key, bool number)
    {
        var hash = key.GetHashCode();
        ref var slot = ref _slots[hash & _mask];
        if (!number)
        {
            Prefetch.Line(ref slot);
            return -1;
        }

        if (slot != 0 && (int)(slot >> 32) == hash && (int)(uint)slot - 1 is var found && found < _count)
        {
            Prefetch.Line(ref _keys[found]);
            return found;
        }

        return -1;
    }

    /// <summary>Numbers a new key in the empty slot <paramref name="at"/> (the table doubles first when it would be more than half full).</summary>
    private int Add(in OwnedKey key, int hash, int at)
    {
        var number = _count;
        if (number == _keys.Length)
        {
            FreshPages.Resize(ref _keys, number * 2);
        }

        _keys[number] = new Key(key.Low, key.High, key.Length);
        _count++;
        if (_count * 2 > _slots.Length)
        {
            Grow();
            at = hash & _mask;
            while (_slots[at] != 0)
            {
                at = (at + 1) & _mask;
            }
        }

        _slots[at] = ((ulong)(uint)hash << 32) | (uint)(number + 1);
        return number;
    }

    /// <summary>Twice the slots, each placed again by the hash it holds (no key is compared: all are distinct).</summary>
    private void Grow()
    {
        var larger = FreshPages.New<ulong>(_slots.Length * 2);
        var mask = larger.Length - 1;
        foreach (var slot in _slots)
        {
            if (slot == 0)
            {
                continue;
            }

            var i = (int)(slot >> 32) & mask;
            while (larger[i] != 0)
            {
                i = (i + 1) & mask;
            }

            larger[i] = slot;
        }

        _slots = larger;
        _mask = mask;
    }

    /// <summary>A key as compared (see <see cref="OwnedKey"/>).</summary>
    private readonly record struct Key(ulong Low, ulong High, int Length);
}
