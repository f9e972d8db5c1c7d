namespace Crm.Metrics.Storage;

/// <summary>
/// A customer id as a scorecard store's table compares it without reading its string, which lies elsewhere in
/// memory: an id of at most eight ASCII characters is packed seven bits a character into one 64-bit word with its
/// length, and two such ids are equal exactly when their words are. A longer id, or one with other characters, is
/// marked not packed and compared as its string. Packing reads the id's characters once, where the record is read
/// and its string is at hand; a comparison of strings would read them again later, and those of the id kept.
/// </summary>
/// <remarks>
/// The word uses its low 60 bits: the characters in bits 0–55, the length (0–8, or 15 when not packed) in bits
/// 56–59. The top four bits are left to the holder (<see cref="Loyalty.PendingPurchase"/> keeps its flags there).
/// </remarks>
internal readonly struct PackedId : IEquatable<PackedId>
{
    /// <summary>The most characters packed.</summary>
    public const int MaxLength = 8;

    /// <summary>The bits of a word a packed id uses.</summary>
    public const ulong Bits = (1UL << 60) - 1;

    private const ulong NotPacked = 0xFUL << 56; // a length no packed id has

    private readonly ulong _word;

    private PackedId(ulong word) => _word = word;

    /// <summary>The word: the packed characters and the length (bits 0–59; the rest zero).</summary>
    public ulong Word => _word;

    /// <summary>Whether the word holds the whole id, so that <see cref="Equals(PackedId)"/> alone decides equality.</summary>
    public bool IsPacked => _word != NotPacked;

    /// <summary>The packed id a <see cref="Word"/> holds (its bits beyond <see cref="Bits"/> ignored).</summary>
    public static PackedId FromWord(ulong word) => new(word & Bits);

    /// <summary>The packed form of <paramref name="id"/>.</summary>
    public static PackedId Of(CustomerId id)
    {
        var text = id.Value;
        if (text.Length > MaxLength)
        {
            return new PackedId(NotPacked);
        }

        var word = (ulong)text.Length << 56;
        for (var i = 0; i < text.Length; i++)
        {
            ulong c = text[i];
            if (c > 0x7F)
            {
                return new PackedId(NotPacked);
            }

            word |= c << (7 * i);
        }

        return new PackedId(word);
    }

    /// <summary>
    /// Whether the two words agree: for packed ids, whether the ids are equal; two ids not packed always agree (their
    /// strings decide), and a packed id never agrees with one that is not.
    /// </summary>
    public bool Equals(PackedId other) => _word == other._word;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PackedId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _word.GetHashCode();
}
