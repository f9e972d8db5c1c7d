using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>
/// Writes the packed form of a state's customer rows (see <see cref="PackedRows"/>): unsigned LEB128 varints,
/// zigzag for signed numbers, decimals as sign, scale and magnitude, strings as UTF-16 code units (exact, lone
/// surrogates included). Writes into a buffer from the shared pool, grown by doubling; <see cref="ToArray"/> copies
/// out what was written and gives the buffer back (a state of 250,000 customers is some 10 MB: a fresh buffer each
/// time would be one more large block for the collector to clear and reclaim).
/// </summary>
internal sealed class PackWriter(int capacity)
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 64));
    private int _length;

    /// <summary>The bytes written, as a new array; the writer is done.</summary>
    public byte[] ToArray()
    {
        var bytes = _buffer.AsSpan(0, _length).ToArray();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
        return bytes;
    }

    /// <summary>Gives the buffer back without copying what was written (copied already from <see cref="Written"/>); the writer is done.</summary>
    public void Return()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    /// <summary>The bytes written so far, in the writer's buffer (valid until the next write).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>One byte.</summary>
    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    /// <summary>An unsigned number in 1 to 10 bytes, seven bits a byte, low bits first.</summary>
    public void Varint(ulong value)
    {
        Ensure(10);
        var buffer = _buffer;
        var at = _length;
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[at++] = (byte)value;
        _length = at;
    }

    /// <summary>A signed number, zigzagged so that small magnitudes of either sign are short.</summary>
    public void Signed(long value) => Varint((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>
    /// A decimal, exactly (the sign of a zero and trailing zeros of the scale included): one byte with the scale (bits
    /// 0–4), whether the high 32 bits of the magnitude are non-zero (bit 5) and the sign (bit 7); then the low 64 bits
    /// of the magnitude as a varint, then the high 32 when bit 5 is set.
    /// </summary>
    public void Decimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var high = (uint)bits[2];
        Byte((byte)(scale | (high != 0 ? 0x20 : 0) | (bits[3] < 0 ? 0x80 : 0)));
        Varint(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        if (high != 0)
        {
            Varint(high);
        }
    }

    /// <summary>A string: its length plus one as a varint (0 for null), then its UTF-16 code units, little-endian.</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Varint(0);
            return;
        }

        Varint((ulong)value.Length + 1);
        var bytes = checked(value.Length * 2);
        Ensure(bytes);
        var target = _buffer.AsSpan(_length, bytes);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(value.AsSpan()).CopyTo(target);
        }
        else
        {
            for (var i = 0; i < value.Length; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(target[(2 * i)..], value[i]);
            }
        }

        _length += bytes;
    }

    /// <summary>A list of ints: its count plus one (0 for a slice of no array), the first value, then each difference from the one before.</summary>
    public void Ints(ArraySegment<int> values)
    {
        if (values.Array is null)
        {
            Varint(0);
            return;
        }

        Varint((ulong)values.Count + 1);
        long previous = 0;
        foreach (var value in values)
        {
            Signed(value - previous);
            previous = value;
        }
    }

    private void Ensure(int more)
    {
        if (_buffer.Length - _length >= more)
        {
            return;
        }

        var size = Math.Max(checked(_length + more), (int)Math.Min(Array.MaxLength, 2L * _buffer.Length));
        var grown = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
