using System.Runtime.InteropServices;

namespace Crm.Metrics.Storage;

/// <summary>
/// Dense numbers for customer ids, given once per record and shared by every analysis of one read (see
/// <see cref="CustomerDayLog{TState}.IndexOf(int)"/>): the id is hashed and compared once, however many analyses
/// read the record. Customers are numbered in the order of their first record.
/// </summary>
internal sealed class CustomerIndex
{
    private readonly Dictionary<CustomerId, int> _index;
    private readonly List<CustomerId> _ids;

    /// <param name="expectedCustomers">A capacity hint.</param>
    public CustomerIndex(int expectedCustomers)
    {
        var capacity = Math.Clamp(expectedCustomers, 16, 1 << 22);
        _index = new Dictionary<CustomerId, int>(capacity);
        _ids = new List<CustomerId>(capacity);
    }

    /// <summary>How many customers have a number.</summary>
    public int Count => _ids.Count;

    /// <summary>The customer's number, given when new.</summary>
    public int IndexOf(CustomerId id)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, id, out var exists);
        if (!exists)
        {
            slot = _ids.Count;
            _ids.Add(id);
        }

        return slot;
    }

    /// <summary>The customer's number, or −1 when none was given.</summary>
    public int Find(CustomerId id) => _index.TryGetValue(id, out var index) ? index : -1;

    /// <summary>The id of a number.</summary>
    public CustomerId Id(int customer) => _ids[customer];
}
