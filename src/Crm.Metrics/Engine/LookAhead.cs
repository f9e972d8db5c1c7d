using Crm.Domain.Activity;
using Crm.Metrics.Storage;

namespace Crm.Metrics.Engine;

/// <summary>
/// Purchases on their way into an <see cref="AnalysisSet"/>, a few records behind the reading, so that the two reads
/// from memory each needs overlap with the work on the purchases before it instead of waiting in turn. A purchase's
/// slot in the customer index is fetched when it is read; <see cref="Depth"/> purchases later it is looked up and the
/// place of its number's id fetched; <see cref="Depth"/> purchases after that it is handed out with its number. Every
/// purchase is looked up and handed out in the order read, so the customers are numbered as without the delay.
/// </summary>
/// <remarks>
/// Customers are interleaved in data as it arrives, so each lookup lands somewhere else in a table of megabytes: with
/// the lookups one after the other, the reading thread waited for memory twice a purchase.
/// </remarks>
/// <param name="index">The customer index of the read.</param>
/// <param name="depth">Purchases between one step and the next, a power of two (benchmarks compare others).</param>
internal sealed class LookAhead(CustomerIndex index, int depth = LookAhead.Depth)
{
    /// <summary>Purchases between one step and the next.</summary>
    public const int Depth = 8;

    private readonly int _mask = System.Numerics.BitOperations.IsPow2(depth) ? depth - 1 : throw new ArgumentOutOfRangeException(nameof(depth), depth, "The depth is a power of two.");
    private readonly (PurchaseRecord Purchase, CustomerIndex.Key Key)[] _read = new (PurchaseRecord, CustomerIndex.Key)[depth];
    private readonly (PurchaseRecord Purchase, int Customer)[] _found = new (PurchaseRecord, int)[depth];
    private int _readFirst, _readCount, _foundFirst, _foundCount;

    /// <summary>
    /// The customer numbers of two purchases looked up and waiting, for a caller that fetches what it will read for them:
    /// the latest looked up (due in <c>depth</c> purchases), and the one halfway to being due; −1 where none waits.
    /// </summary>
    public (int Latest, int Halfway) Waiting => _foundCount < _found.Length
        ? (-1, -1)
        : (_found[(_foundFirst + _foundCount - 1) & _mask].Customer, _found[(_foundFirst + (_foundCount / 2)) & _mask].Customer);

    /// <summary>
    /// Takes <paramref name="purchase"/> in; true with the oldest waiting purchase and its customer's number when one
    /// is due. A lookup's exception (the index full) leaves the purchases after it waiting: see <see cref="Clear"/>.
    /// </summary>
    public bool Push(in PurchaseRecord purchase, out PurchaseRecord due, out int customer)
    {
        var key = index.Ahead(purchase.CustomerId);
        if (_readCount < depth)
        {
            _read[(_readFirst + _readCount++) & _mask] = (purchase, key);
            due = default;
            customer = -1;
            return false;
        }

        var (next, nextKey) = _read[_readFirst];
        _read[_readFirst] = (purchase, key);
        _readFirst = (_readFirst + 1) & _mask;
        return Found(in next, in nextKey, out due, out customer);
    }

    /// <summary>The oldest waiting purchase and its customer's number (looked up now if it was not yet); false when none waits.</summary>
    public bool TryTake(out PurchaseRecord due, out int customer)
    {
        if (_foundCount > 0)
        {
            (due, customer) = _found[_foundFirst];
            _found[_foundFirst] = default;
            _foundFirst = (_foundFirst + 1) & _mask;
            _foundCount--;
            return true;
        }

        if (_readCount > 0)
        {
            var (next, key) = _read[_readFirst];
            _read[_readFirst] = default;
            _readFirst = (_readFirst + 1) & _mask;
            _readCount--;
            due = next;
            customer = index.IndexOf(in key, next.CustomerId);
            return true;
        }

        due = default;
        customer = -1;
        return false;
    }

    /// <summary>Forgets the purchases waiting (after a failure on one before them: they are never applied).</summary>
    public void Clear()
    {
        Array.Clear(_read);
        Array.Clear(_found);
        (_readFirst, _readCount, _foundFirst, _foundCount) = (0, 0, 0, 0);
    }

    /// <summary>Looks <paramref name="next"/> up and queues it; true with the oldest looked-up purchase when the queue was full.</summary>
    private bool Found(in PurchaseRecord next, in CustomerIndex.Key key, out PurchaseRecord due, out int customer)
    {
        var number = index.IndexOf(in key, next.CustomerId);
        index.AheadId(number);
        if (_foundCount < depth)
        {
            _found[(_foundFirst + _foundCount++) & _mask] = (next, number);
            due = default;
            customer = -1;
            return false;
        }

        (due, customer) = _found[_foundFirst];
        _found[_foundFirst] = (next, number);
        _foundFirst = (_foundFirst + 1) & _mask;
        return true;
    }
}
