namespace Crm.Metrics.Storage;

/// <summary>
/// A customer id as a partition's owner compares it without reading the id's characters again: an id of at most 16
/// ASCII characters is packed into two 64-bit words, which compare exactly; a longer id, or one with other
/// characters, is compared as its string. The packing happens where the records are read in order, so that the
/// owner, who takes a partition's records from all over the input, never touches their strings.
/// </summary>
internal readonly struct OwnedKey : IEquatable<OwnedKey>
{
    private readonly ulong _low;
    private readonly ulong _high;
    private readonly int _length; // −1: not packed, compare Id

    private OwnedKey(CustomerId id, ulong low, ulong high, int length)
    {
        Id = id;
        _low = low;
        _high = high;
        _length = length;
    }

    /// <summary>The id.</summary>
    public CustomerId Id { get; }

    /// <summary>The first eight characters, one byte each (0 when not packed).</summary>
    public ulong Low => _low;

    /// <summary>Characters 9 to 16, one byte each (0 when not packed).</summary>
    public ulong High => _high;

    /// <summary>The id's length when packed; −1 when the id is compared as its string.</summary>
    public int Length => _length;

    /// <summary>The key of <paramref name="id"/>.</summary>
    public static OwnedKey Of(CustomerId id)
    {
        var text = id.Value;
        if (text.Length > 16)
        {
            return new OwnedKey(id, 0, 0, -1);
        }

        ulong low = 0, high = 0;
        for (var i = 0; i < text.Length; i++)
        {
            ulong c = text[i];
            if (c > 0x7F)
            {
                return new OwnedKey(id, 0, 0, -1);
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

        return new OwnedKey(id, low, high, text.Length);
    }

    /// <inheritdoc/>
    public bool Equals(OwnedKey other) =>
        Id.GetHashCode() == other.Id.GetHashCode() && _length == other._length && _low == other._low && _high == other._high && (_length >= 0 || Id.Equals(other.Id));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OwnedKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Id.GetHashCode();
}
