namespace Crm.Metrics.Internal;

/// <summary>Counts per value of a small enumeration (0..n−1), merged by addition; listed in enumeration order.</summary>
internal sealed class EnumCounts<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] Values = Enum.GetValues<TEnum>();
    private readonly long[] _counts = new long[Values.Length];

    public void Add(TEnum value) => _counts[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)]++;

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="field"/> when a merged count would leave its range.</summary>
    public void CheckMerge(EnumCounts<TEnum> other, string field, string parameter) => Sums.RequireCountsFit(_counts, other._counts, field, parameter);

    public void Merge(EnumCounts<TEnum> other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    /// <summary>The non-zero counts by name (a state's form).</summary>
    public Dictionary<string, long> ToNames()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (value, count) in ToDictionary())
        {
            result[value.ToString()] = count;
        }

        return result;
    }

    /// <summary>Adds counts by name (a state's form) to an empty set; an unknown name or a count out of range is an error naming <paramref name="field"/>.</summary>
    public void Add(IReadOnlyDictionary<string, long>? counts, string field)
    {
        foreach (var (name, count) in counts ?? throw StateChecks.Missing(field))
        {
            var value = StateChecks.Name<TEnum>(name, field);
            _counts[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] += StateChecks.Count(count, field);
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
