using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Crm.Metrics.Storage;

/// <summary>
/// Dense numbers for customer ids, given once per record and shared by every analysis of one read (see
/// <see cref="CustomerDayLog{TState}.IndexOf(int)"/>): the id is hashed and compared once, however many analyses
/// read the record. Customers are numbered in the order of their first record.
/// </summary>
/// <remarks>
/// <para>Numbers are given on one thread. <see cref="Id"/> may be read on another thread for a number handed to it after
/// the number was given (through a collection or a task, which orders the two): the ids are kept in blocks that never
/// move once written, so giving later numbers does not disturb such a read.</para>
/// <para>The numbers are found in an open-addressing table (linear probing) whose slots hold each id's hash, its length
/// and its first seven characters: an id of up to seven characters is compared without reading its string, which
/// lies elsewhere in memory. One lookup a record made this the reading thread's costliest step with a dictionary,
/// whose entry and key string are two more reads from memory.</para>
/// </remarks>
internal sealed class CustomerIndex
{
    private const int BlockBits = 12;
    private const int BlockSize = 1 << BlockBits; // 4,096 ids, 64 KiB: a young object, below the large-object heap
    private const int InlineChars = 7;            // compared in the slot: ids up to this long never read their string
    private Slot[] _slots;
    private int _mask;
    private readonly Func<CustomerId, int>? _hashOf; // tests only: a hash that collides on purpose
    private CustomerId[][] _blocks;
    private int _count;

    /// <param name="expectedCustomers">A capacity hint.</param>
    public CustomerIndex(int expectedCustomers)
        : this(expectedCustomers, null)
    {
    }

    /// <param name="expectedCustomers">A capacity hint.</param>
    /// <param name="hashOf">The ids' hash instead of their own, for tests that make ids collide; null: their own.</param>
    internal CustomerIndex(int expectedCustomers, Func<CustomerId, int>? hashOf)
    {
        _hashOf = hashOf;
        var capacity = Math.Clamp(expectedCustomers, 16, Capacity.MaxCustomers);
        _slots = FreshPages.New<Slot>(SlotsFor(capacity));
        _mask = _slots.Length - 1;
        _blocks = new CustomerId[(capacity + BlockSize - 1) >> BlockBits][];
    }

    /// <summary>How many customers have a number.</summary>
    public int Count => _count;

    /// <summary>
    /// The key of <paramref name="id"/>, to look it up a little later with <see cref="IndexOf(in Key, CustomerId)"/>;
    /// meanwhile the processor fetches the slot where its probe starts. The key stays valid when the table grows.
    /// </summary>
    public Key Ahead(CustomerId id)
    {
        var key = KeyOf(id);
        Prefetch.Line(ref _slots[key.Hash & _mask]);
        return key;
    }

    /// <summary>Asks the processor to fetch where the id of <paramref name="customer"/>, a number given, lies, for a later <see cref="Id"/>.</summary>
    public void AheadId(int customer) => Prefetch.Line(ref _blocks[customer >> BlockBits][customer & (BlockSize - 1)]);

    /// <summary>The customer's number, given when new.</summary>
    public int IndexOf(CustomerId id)
    {
        var key = KeyOf(id);
        return IndexOf(in key, id);
    }

    /// <summary>The customer's number, given when new, for the key <see cref="Ahead"/> made of <paramref name="id"/>.</summary>
    public int IndexOf(in Key key, CustomerId id)
    {
        ref var slot = ref Probe(in key, id);
        if (slot.Number != 0)
        {
            return slot.Number - 1;
        }

        var number = _count;
        slot = new Slot(key, number);
        Append(id);
        if (_count > MaxLoad(_slots.Length))
        {
            Grow();
        }

        return number;
    }

    /// <summary>The customer's number, or −1 when none was given.</summary>
    public int Find(CustomerId id)
    {
        var key = KeyOf(id);
        return Probe(in key, id).Number - 1; // an empty slot's number is 0
    }

    /// <summary>The id of a number.</summary>
    public CustomerId Id(int customer)
    {
        if ((uint)customer >= (uint)Volatile.Read(ref _count))
        {
            throw new ArgumentOutOfRangeException(nameof(customer), customer, "No customer has this number.");
        }

        return Volatile.Read(ref _blocks)[customer >> BlockBits][customer & (BlockSize - 1)];
    }

    /// <summary>The key the slots compare for <paramref name="id"/>.</summary>
    private Key KeyOf(CustomerId id) => new(id, _hashOf is null ? id.GetHashCode() : _hashOf(id));

    /// <summary>The slot that holds <paramref name="id"/>, or the empty slot where it would go.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Slot Probe(in Key key, CustomerId id)
    {
        var slots = _slots;
        for (var i = key.Hash & _mask; ; i = (i + 1) & _mask)
        {
            ref var slot = ref slots[i];
            if (slot.Number == 0 || Matches(in slot, in key, id))
            {
                return ref slot;
            }
        }
    }

    /// <summary>The slots for <paramref name="customers"/>: a power of two, filled to at most four fifths.</summary>
    private static int SlotsFor(int customers) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, (customers * 5L / 4) + 1));

    private static int MaxLoad(int slots) => (int)(slots * 4L / 5);

    /// <summary>Whether the slot holds <paramref name="id"/>: the hash and the packed head first, the string only for a long id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Matches(in Slot slot, in Key key, CustomerId id) =>
        slot.Hash == key.Hash && slot.Head == key.Head && slot.Tail == key.Tail
        && (id.Value.Length <= InlineChars || string.Equals(_blocks[(slot.Number - 1) >> BlockBits][(slot.Number - 1) & (BlockSize - 1)].Value, id.Value, StringComparison.Ordinal));

    /// <summary>Twice the slots, every number placed again from the hashes the slots keep (no id is read).</summary>
    private void Grow()
    {
        var old = _slots;
        var slots = FreshPages.New<Slot>(old.Length * 2);
        var mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Number == 0)
            {
                continue;
            }

            var i = slot.Hash & mask;
            while (slots[i].Number != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = slot;
        }

        _slots = slots;
        _mask = mask;
    }

    private void Append(CustomerId id)
    {
        var block = _count >> BlockBits;
        if (block == _blocks.Length)
        {
            // A larger table of the same blocks: a reader holding the old table still finds every id given before.
            var grown = new CustomerId[Math.Max(4, _blocks.Length * 2)][];
            Array.Copy(_blocks, grown, _blocks.Length);
            Volatile.Write(ref _blocks, grown);
        }

        var ids = _blocks[block] ??= new CustomerId[BlockSize];
        ids[_count & (BlockSize - 1)] = id;
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>
    /// An id as the slots compare it: its hash, its first four UTF-16 units, and the next three with the length (up to
    /// 65,535) in the top sixteen bits; units past the end are zero, so two ids of up to seven units are equal exactly
    /// when these are.
    /// </summary>
    internal readonly struct Key
    {
        public readonly int Hash;
        public readonly ulong Head;
        public readonly ulong Tail;

        public Key(CustomerId id, int hash)
        {
            var value = id.Value;
            Hash = hash & int.MaxValue;
            Span<ulong> packed = [0, 0];
            var units = MemoryMarshal.Cast<ulong, char>(packed);
            value.AsSpan(0, Math.Min(value.Length, InlineChars)).CopyTo(units);
            Head = packed[0];
            Tail = packed[1] | ((ulong)Math.Min(value.Length, ushort.MaxValue) << 48);
        }
    }

    /// <summary>A slot: the key of the id numbered <see cref="Number"/> − 1; <see cref="Number"/> 0 when empty.</summary>
    private readonly struct Slot(Key key, int number)
    {
        public readonly int Hash = key.Hash;
        public readonly int Number = number + 1;
        public readonly ulong Head = key.Head;
        public readonly ulong Tail = key.Tail;
    }
}
