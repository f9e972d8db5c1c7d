using System.Text.Json.Serialization;

namespace Crm.Metrics.Results;

/// <summary>
/// A summary of a set of values: count, mean, median and 90th percentile, minimum and maximum. Percentiles
/// interpolate linearly between closest ranks (R-7, Excel PERCENTILE.INC); the median of an even count is the
/// mean of the two middle values. Empty: count 0 and every statistic <c>null</c>.
/// </summary>
/// <remarks>Immutable value type; statistics are finite when defined.</remarks>
public readonly record struct Distribution
{
    // Also how a JSON document is read back, so the figures are checked: all or none, finite and in order.
    [JsonConstructor]
    internal Distribution(long count, double? mean, double? median, double? p90, double? minimum, double? maximum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            if (mean is not null || median is not null || p90 is not null || minimum is not null || maximum is not null)
            {
                throw new ArgumentException("An empty distribution has no mean, median, p90, minimum or maximum.", nameof(count));
            }
        }
        else if (mean is not { } m || median is not { } q50 || p90 is not { } q90 || minimum is not { } lo || maximum is not { } hi
            || !double.IsFinite(lo) || !double.IsFinite(hi))
        {
            throw new ArgumentException("A distribution of one or more values has a finite mean, median, p90, minimum and maximum.", nameof(count));
        }
        else if (!(lo <= q50 && q50 <= q90 && q90 <= hi && lo <= m && m <= hi))
        {
            throw new ArgumentException("A distribution's figures are in order: minimum ≤ median ≤ p90 ≤ maximum, and the mean between minimum and maximum.", nameof(count));
        }

        Count = count;
        Mean = mean;
        Median = median;
        P90 = p90;
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The empty distribution.</summary>
    public static Distribution Empty => default;

    /// <summary>Number of values.</summary>
    public long Count { get; }

    /// <summary>Arithmetic mean, or <c>null</c> when empty.</summary>
    public double? Mean { get; }

    /// <summary>Median (R-7 at 0.5), or <c>null</c> when empty.</summary>
    public double? Median { get; }

    /// <summary>90th percentile, or <c>null</c> when empty.</summary>
    public double? P90 { get; }

    /// <summary>Smallest value, or <c>null</c> when empty.</summary>
    public double? Minimum { get; }

    /// <summary>Largest value, or <c>null</c> when empty.</summary>
    public double? Maximum { get; }

    /// <summary>Summarises values (copied; the input is not changed).</summary>
    /// <param name="values">The values; each finite.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static Distribution Of(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return Empty;
        }

        var sorted = values.ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (!double.IsFinite(sorted[i]))
            {
                throw new ArgumentException("Distribution values must be finite.", nameof(values));
            }

            sorted[i] += 0.0; // −0 becomes +0: a decimal −0 (from 20 − 20 in some order) must not print as "-0".
        }

        // Summed in sorted order, so the mean depends on the values only, not on the order they came in.
        Array.Sort(sorted);
        var sum = 0.0;
        foreach (var v in sorted)
        {
            sum += v;
        }

        return new Distribution(sorted.Length, sum / sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.9), sorted[0], sorted[^1]);
    }

    /// <summary>The R-7 percentile of sorted values (linear interpolation between closest ranks).</summary>
    /// <param name="sorted">Values in ascending order; not empty.</param>
    /// <param name="p">The percentile as a fraction 0..1.</param>
    /// <returns>The percentile.</returns>
    /// <exception cref="ArgumentException"><paramref name="sorted"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside 0..1.</exception>
    public static double Percentile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("The percentile of no values is undefined.", nameof(sorted));
        }

        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A percentile is a fraction between 0 and 1.");
        }

        var h = (sorted.Length - 1) * p;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((h - lower) * (sorted[upper] - sorted[lower]));
    }

    /// <summary>Formats as <c>n=…, mean=…, median=…, p90=…</c> or <c>empty</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => Count == 0
        ? "empty"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"n={Count}, mean={Mean:0.####}, median={Median:0.####}, p90={P90:0.####}");
}
