namespace Crm.Metrics.Storage;

/// <summary>
/// A customer id as a partition's owner compares it without reading the id's characters again: an id of at most 16
/// ASCII characters is packed into two 64-bit words, which compare exactly; a longer id, or one with other
/// characters, is told apart by its string, which the owner reads beside the entry (see <see cref="OwnedKeyTable"/>).
/// The packing happens where the records are read in order, so that the owner, who takes a partition's records from
/// all over the input, never touches their strings. The key holds no reference: the entries that carry it are plain
/// values, which the collector neither scans nor tracks when they are written.
/// </summary>
internal readonly struct OwnedKey
{
    private readonly ulong _low;
    private readonly ulong _high;
    private readonly int _hash;
    private readonly int _length; // −1: not packed, compare the ids

    private OwnedKey(int hash, ulong low, ulong high, int length)
    {
        _hash = hash;
        _low = low;
        _high = high;
        _length = length;
    }

    /// <summary>The first eight characters, one byte each (0 when not packed).</summary>
    public ulong Low => _low;

    /// <summary>Characters 9 to 16, one byte each (0 when not packed).</summary>
    public ulong High => _high;

    /// <summary>The id's length when packed; −1 when the id is compared as its string.</summary>
    public int Length => _length;

    /// <summary>Whether the id is packed, so that equal keys mean equal ids.</summary>
    public bool IsPacked => _length >= 0;

    /// <summary>The key of <paramref name="id"/>.</summary>
    public static OwnedKey Of(CustomerId id)
    {
        var text = id.Value;
        var hash = id.GetHashCode();
        if (text.Length > 16)
        {
            return new OwnedKey(hash, 0, 0, -1);
        }

        ulong low = 0, high = 0;
        for (var i = 0; i < text.Length; i++)
        {
            ulong c = text[i];
            if (c > 0x7F)
            {
                return new OwnedKey(hash, 0, 0, -1);
            }

            if (i < 8)
            {
                low |= c << (8 * i);
            }
            else
            {
                high |= c << (8 * (i - 8));
            }
        }

        return new OwnedKey(hash, low, high, text.Length);
    }

    /// <summary>
    /// Whether the two keys may be of one id: their hash codes, lengths and packed words agree. For packed keys that
    /// settles it; two unpacked keys that agree are of one id exactly when their ids' strings are equal.
    /// </summary>
    public bool Agrees(in OwnedKey other) =>
        _hash == other._hash && _length == other._length && _low == other._low && _high == other._high;

    /// <summary>The id's hash code (<see cref="CustomerId.GetHashCode"/>).</summary>
    public override int GetHashCode() => _hash;
}
