using System.Text.Json.Serialization;

namespace Crm.Metrics.Results;

/// <summary>
/// A summary of elapsed times: count, mean, median and 90th percentile, minimum and maximum, as
/// <see cref="Duration"/>s and in hours. Empty: count 0 and every statistic <c>null</c>.
/// </summary>
/// <remarks>Immutable value type.</remarks>
public readonly record struct DurationDistribution
{
    // Also how a JSON document is read back: elapsed times are not negative.
    [JsonConstructor]
    internal DurationDistribution(Distribution inSeconds)
    {
        if (inSeconds.Minimum < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inSeconds), "Elapsed times are not negative.");
        }

        InSeconds = inSeconds;
    }

    /// <summary>The empty distribution.</summary>
    public static DurationDistribution Empty => default;

    /// <summary>The statistics in seconds.</summary>
    public Distribution InSeconds { get; }

    /// <summary>Number of values.</summary>
    [JsonIgnore]
    public long Count => InSeconds.Count;

    /// <summary>Mean, or <c>null</c> when empty.</summary>
    [JsonIgnore]
    public Duration? Mean => ToDuration(InSeconds.Mean);

    /// <summary>Median, or <c>null</c> when empty.</summary>
    [JsonIgnore]
    public Duration? Median => ToDuration(InSeconds.Median);

    /// <summary>90th percentile, or <c>null</c> when empty.</summary>
    [JsonIgnore]
    public Duration? P90 => ToDuration(InSeconds.P90);

    /// <summary>Mean in hours, or <c>null</c> when empty.</summary>
    public double? MeanHours => InSeconds.Mean / 3600;

    /// <summary>Median in hours, or <c>null</c> when empty.</summary>
    public double? MedianHours => InSeconds.Median / 3600;

    /// <summary>90th percentile in hours, or <c>null</c> when empty.</summary>
    public double? P90Hours => InSeconds.P90 / 3600;

    /// <summary>Summarises elapsed times.</summary>
    /// <param name="durations">The durations, not negative.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">A duration is negative.</exception>
    public static DurationDistribution Of(IEnumerable<Duration> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var seconds = new List<double>();
        foreach (var d in durations)
        {
            if (d < Duration.Zero)
            {
                throw new ArgumentException("Elapsed times are not negative.", nameof(durations));
            }

            seconds.Add(d.TotalSeconds);
        }

        return new(Distribution.Of([.. seconds]));
    }

    /// <summary>Formats as hours: <c>n=…, median=…h, p90=…h</c>, or <c>empty</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => Count == 0
        ? "empty"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"n={Count}, mean={MeanHours:0.##}h, median={MedianHours:0.##}h, p90={P90Hours:0.##}h");

    private static Duration? ToDuration(double? seconds) =>
        seconds is { } s ? Duration.FromTicks((long)Math.Round(s * NodaConstants.TicksPerSecond)) : null;
}
