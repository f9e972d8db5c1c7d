#pragma warning disable CA2208 // the parameter named is the state's, as the merge's own checks name it

using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>
/// Reads what <see cref="PackWriter"/> wrote, trusting nothing: a value that runs past the end, a varint longer
/// than ten bytes or beyond its type, a decimal with a scale above 28 or an unused bit set, or a count larger than
/// the bytes left is an <see cref="ArgumentException"/> (parameter <c>state</c>) naming the row's field by its JSON
/// path — <c>purchases.customers[3].lifetimeNet</c> — and the rule, as the merge's own checks do.
/// </summary>
/// <param name="bytes">The packed rows.</param>
/// <param name="rows">The rows' path in their owner, for messages.</param>
/// <param name="owner">What holds the rows, for messages and as the exceptions' parameter name: a state, or the coordinator's scorecard.</param>
internal ref struct PackReader(ReadOnlySpan<byte> bytes, string rows, string owner = "state")
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    /// <summary>The row being read, for messages.</summary>
    public int Row { get; set; } = -1;

    /// <summary>Whether every byte was read.</summary>
    public readonly bool AtEnd => _at == _bytes.Length;

    /// <summary>The bytes not read yet.</summary>
    public readonly int Left => _bytes.Length - _at;

    /// <summary>One byte.</summary>
    public byte Byte(string field)
    {
        if (_at >= _bytes.Length)
        {
            throw Broken(field, "ends early: the packed rows are cut");
        }

        return _bytes[_at++];
    }

    /// <summary>An unsigned varint of at most ten bytes that fits 64 bits.</summary>
    public ulong Varint(string field)
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte(field);
            if (shift == 63 && b > 1)
            {
                throw Broken(field, "is a varint beyond 64 bits");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Broken(field, "is a varint longer than ten bytes");
    }

    /// <summary>A zigzagged signed number.</summary>
    public long Signed(string field)
    {
        var raw = Varint(field);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A zigzagged number that must fit an <see cref="int"/>.</summary>
    public int Int(string field)
    {
        var value = Signed(field);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Broken(field, "is beyond the range of a 32-bit integer");
    }

    /// <summary>A decimal as <see cref="PackWriter.Decimal"/> writes it.</summary>
    public decimal Decimal(string field)
    {
        var head = Byte(field);
        var scale = head & 0x1F;
        if ((head & 0x40) != 0 || scale > 28)
        {
            throw Broken(field, "is not a packed decimal (scale above 28 or an unused bit set)");
        }

        var low = Varint(field);
        uint high = 0;
        if ((head & 0x20) != 0)
        {
            var read = Varint(field);
            high = read is > 0 and <= uint.MaxValue ? (uint)read : throw Broken(field, "is not a packed decimal (its high word is zero or beyond 32 bits)");
        }

        return new decimal((int)(uint)low, (int)(uint)(low >> 32), (int)high, (head & 0x80) != 0, (byte)scale);
    }

    /// <summary>A string, or null.</summary>
    public string? String(string field)
    {
        var count = Varint(field);
        if (count == 0)
        {
            return null;
        }

        var length = count - 1;
        if (length > (ulong)Left / 2)
        {
            throw Broken(field, "ends early: the packed rows are cut");
        }

        var source = _bytes.Slice(_at, (int)length * 2);
        _at += source.Length;
        if (BitConverter.IsLittleEndian)
        {
            return new string(MemoryMarshal.Cast<byte, char>(source));
        }

        return string.Create((int)length, source.ToArray(), static (chars, units) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(units.AsSpan(2 * i));
            }
        });
    }

    /// <summary>A list of ints as <see cref="PackWriter.Ints(ArraySegment{int})"/> writes it, read into <paramref name="buffer"/> (grown as needed); a null list is a slice of no array.</summary>
    public ArraySegment<int> Ints(string field, ref int[] buffer)
    {
        var count = Varint(field);
        if (count == 0)
        {
            return default;
        }

        // Every value takes at least one byte: a count beyond the bytes left is a lie, refused before allocating.
        var length = count - 1;
        if (length > (ulong)Left)
        {
            throw Broken(field, "counts more values than there are bytes left");
        }

        if (buffer.Length < (int)length)
        {
            buffer = new int[Math.Max((int)length, 2 * buffer.Length)];
        }

        long previous = 0;
        for (var i = 0; i < (int)length; i++)
        {
            var value = previous + Signed(field);
            buffer[i] = value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Broken(field, "holds a value beyond the range of a 32-bit integer");
            previous = value;
        }

        return new ArraySegment<int>(buffer, 0, (int)length);
    }

    /// <summary>The row count at the start: at least one byte a row must follow.</summary>
    public int Count()
    {
        var count = Varint("length");
        return count <= (ulong)Left ? (int)count : throw Broken("length", "counts more rows than there are bytes left");
    }

    /// <summary>An error naming the field of the row being read and the rule.</summary>
    public readonly ArgumentException Broken(string field, string rule) =>
        new(Row < 0
            ? string.Create(CultureInfo.InvariantCulture, $"The {owner}'s {rows}.{field} {rule}.")
            : string.Create(CultureInfo.InvariantCulture, $"The {owner}'s {rows}[{Row}].{field} {rule}."), owner);
}
