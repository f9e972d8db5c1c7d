namespace Crm.Metrics.Internal;

/// <summary>
/// The first eight UTF-16 units of a customer id packed big-endian into two words, 0 past its end, so that a sort by
/// id reads no string for most comparisons: two ids whose packed units differ order (ordinally) as those words do —
/// by their first differing unit, or the shorter first when one is the other's beginning. Ids with equal packed units
/// are compared whole (<see cref="Compare"/>).
/// </summary>
internal readonly struct IdOrder
{
    private readonly ulong _head;
    private readonly ulong _next;

    /// <summary>The packed units of <paramref name="id"/>.</summary>
    public IdOrder(CustomerId id)
    {
        var units = id.Value.AsSpan();
        _head = Units(units, 0);
        _next = Units(units, 4);
    }

    /// <summary>The first four units, the first in the highest bits: ids order first by this word, unsigned.</summary>
    public ulong Head => _head;

    /// <summary>Units five to eight: ids with equal <see cref="Head"/> order by this word, unsigned.</summary>
    public ulong Next => _next;

    /// <summary>
    /// The ordinal order of the ids <paramref name="x"/> and <paramref name="y"/>, whose packed units are
    /// <paramref name="xOrder"/> and <paramref name="yOrder"/>.
    /// </summary>
    public static int Compare(in IdOrder xOrder, CustomerId x, in IdOrder yOrder, CustomerId y)
    {
        var order = xOrder.ComparePacked(in yOrder);
        return order != 0 ? order : x.CompareTo(y);
    }

    /// <summary>
    /// The order of two ids by their packed units alone: theirs when those differ, 0 when they are equal (the ids are
    /// then compared whole), so that a caller reads the ids only when it must.
    /// </summary>
    public int ComparePacked(in IdOrder other)
    {
        var order = _head.CompareTo(other._head);
        return order != 0 ? order : _next.CompareTo(other._next);
    }

    /// <summary>Four units from <paramref name="start"/>, the first in the highest bits, 0 past the end.</summary>
    private static ulong Units(ReadOnlySpan<char> units, int start)
    {
        ulong packed = 0;
        for (var k = start; k < start + 4; k++)
        {
            packed = (packed << 16) | (k < units.Length ? units[k] : 0u);
        }

        return packed;
    }
}
