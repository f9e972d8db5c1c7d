namespace Crm.Metrics.Orleans.Wire;

/// <summary>
/// How one family's customer rows pack (see <see cref="PackedRows"/>): the row as a value and as the state's object,
/// the fields after the flags byte, and what the flags byte may hold.
/// </summary>
/// <typeparam name="TRow">The row as a value, as the accumulators write and read it.</typeparam>
/// <typeparam name="TItem">The row as the public state's list holds it.</typeparam>
internal abstract class RowFormat<TRow, TItem>
    where TRow : struct
    where TItem : class
{
    /// <summary>The rows' JSON path in the state, for messages: <c>purchases.customers</c>.</summary>
    public abstract string Prefix { get; }

    /// <summary>The flag bits a row may set.</summary>
    public virtual byte Flags => 0;

    /// <summary>About how many bytes a row takes, to size the buffer.</summary>
    public abstract int BytesPerRow { get; }

    /// <summary>
    /// The fewest bytes a row that its rules accept can take (a one-character id, every number in one byte, every list
    /// with one element): bytes announcing more rows than this allows cannot hold them, so a reader reserves no more.
    /// </summary>
    public abstract int MinBytesPerRow { get; }

    /// <summary>The id of a state object, to fetch its characters ahead.</summary>
    public abstract string? IdOf(TItem item);

    /// <summary>The value of a state object.</summary>
    public abstract TRow Of(TItem item);

    /// <summary>The state object of a value (its lists copied).</summary>
    public abstract TItem ToItem(in TRow row);

    /// <summary>Writes one row: its flags byte, then its fields.</summary>
    public abstract void Write(PackWriter writer, in TRow row);

    /// <summary>Reads one row's fields after its flags byte; lists go into <paramref name="buffer"/>, grown as needed.</summary>
    public abstract TRow Read(ref PackReader reader, byte flags, ref int[] buffer);
}
