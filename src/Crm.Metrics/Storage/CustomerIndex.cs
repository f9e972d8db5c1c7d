using System.Runtime.InteropServices;

namespace Crm.Metrics.Storage;

/// <summary>
/// Dense numbers for customer ids, given once per record and shared by every analysis of one read (see
/// <see cref="CustomerDayLog{TState}.IndexOf(int)"/>): the id is hashed and compared once, however many analyses
/// read the record. Customers are numbered in the order of their first record.
/// </summary>
/// <remarks>
/// Numbers are given on one thread. <see cref="Id"/> may be read on another thread for a number handed to it after
/// the number was given (through a collection or a task, which orders the two): the ids are kept in blocks that never
/// move once written, so giving later numbers does not disturb such a read.
/// </remarks>
internal sealed class CustomerIndex
{
    private const int BlockBits = 12;
    private const int BlockSize = 1 << BlockBits; // 4,096 ids, 64 KiB: a young object, below the large-object heap
    private readonly Dictionary<CustomerId, int> _index;
    private CustomerId[][] _blocks;
    private int _count;

    /// <param name="expectedCustomers">A capacity hint.</param>
    public CustomerIndex(int expectedCustomers)
    {
        var capacity = Math.Clamp(expectedCustomers, 16, Capacity.MaxCustomers);
        _index = new Dictionary<CustomerId, int>(capacity);
        _blocks = new CustomerId[(capacity + BlockSize - 1) >> BlockBits][];
    }

    /// <summary>How many customers have a number.</summary>
    public int Count => _count;

    /// <summary>The customer's number, given when new.</summary>
    public int IndexOf(CustomerId id)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, id, out var exists);
        if (!exists)
        {
            slot = _count;
            Append(id);
        }

        return slot;
    }

    /// <summary>The customer's number, or −1 when none was given.</summary>
    public int Find(CustomerId id) => _index.TryGetValue(id, out var index) ? index : -1;

    /// <summary>The id of a number.</summary>
    public CustomerId Id(int customer)
    {
        if ((uint)customer >= (uint)Volatile.Read(ref _count))
        {
            throw new ArgumentOutOfRangeException(nameof(customer), customer, "No customer has this number.");
        }

        return Volatile.Read(ref _blocks)[customer >> BlockBits][customer & (BlockSize - 1)];
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
}
