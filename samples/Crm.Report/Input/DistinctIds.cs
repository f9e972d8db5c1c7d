using System.Numerics;

namespace Crm.Report.Input;

/// <summary>
/// Estimates how many distinct customer ids a read holds, in 16 KiB whatever their number: a HyperLogLog sketch
/// (Flajolet, Fusy, Gandouet and Meunier, 2007) of 16,384 registers over a 64-bit hash of each id's characters,
/// with linear counting for small counts. The estimate is typically within 1 % (a few ids below a few hundred are
/// counted almost exactly), which is what it is for: a capacity hint. An exact count would need a set of every id,
/// whose lookups, one per row, cost more than the hint saves.
/// </summary>
internal sealed class DistinctIds
{
    private const int Bits = 14; // 2^14 registers: a relative standard error of 1.04 / 128, about 0.8 %
    private const ulong Offset = 14695981039346656037; // FNV-1a, 64 bits
    private const ulong Prime = 1099511628211;
    private readonly byte[] _registers = new byte[1 << Bits];

    /// <summary>The estimated number of distinct ids added.</summary>
    public int Count
    {
        get
        {
            var m = (double)_registers.Length;
            var sum = 0.0;
            var zeros = 0;
            foreach (var register in _registers)
            {
                sum += Math.ScaleB(1.0, -register);
                zeros += register == 0 ? 1 : 0;
            }

            var estimate = 0.7213 / (1 + (1.079 / m)) * m * m / sum;
            if (estimate <= 2.5 * m && zeros > 0)
            {
                estimate = m * Math.Log(m / zeros); // linear counting: exact enough while most registers are empty
            }

            return (int)Math.Min(int.MaxValue, Math.Round(estimate));
        }
    }

    /// <summary>Adds an id by its <see cref="Hash"/> (computed on any thread).</summary>
    /// <param name="hash">The id's hash.</param>
    public void AddHash(ulong hash)
    {
        var register = (int)(hash >> (64 - Bits));
        var rank = (byte)(Math.Min(BitOperations.LeadingZeroCount(hash << Bits), 64 - Bits) + 1);
        if (rank > _registers[register])
        {
            _registers[register] = rank;
        }
    }

    /// <summary>The 64-bit hash an id is counted by: FNV-1a over its characters, then MurmurHash3's finalizer.</summary>
    /// <param name="id">The id.</param>
    public static ulong Hash(ReadOnlySpan<char> id)
    {
        var hash = Offset;
        foreach (var c in id)
        {
            hash = (hash ^ c) * Prime;
        }

        // FNV leaves the high bits of short keys poorly mixed; the register and the rank need every bit: MurmurHash3's finalizer.
        hash = (hash ^ (hash >> 33)) * 0xff51afd7ed558ccd;
        hash = (hash ^ (hash >> 33)) * 0xc4ceb9fe1a85ec53;
        hash ^= hash >> 33;
        return hash;
    }
}
