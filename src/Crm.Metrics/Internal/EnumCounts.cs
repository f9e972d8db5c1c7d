namespace Crm.Metrics.Internal;

/// <summary>Counts per value of a small enumeration (0..n−1), merged by addition; listed in enumeration order.</summary>
internal sealed class EnumCounts<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] Values = Enum.GetValues<TEnum>();
    private readonly long[] _counts = new long[Values.Length];

    public void Add(TEnum value) => _counts[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)]++;

    public void Merge(EnumCounts<TEnum> other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    /// <summary>The non-zero counts, in enumeration order.</summary>
    public SortedDictionary<TEnum, long> ToDictionary()
    {
        var result = new SortedDictionary<TEnum, long>();
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0)
            {
                result[Values[i]] = _counts[i];
            }
        }

        return result;
    }
}
