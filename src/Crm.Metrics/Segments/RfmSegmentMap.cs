namespace Crm.Metrics.Segments;

/// <summary>
/// Names for the cells of the R × F score grid (5 = best). A map must name each of the 25 cells exactly once, so
/// every customer falls in exactly one segment. <see cref="Standard"/> is the default; callers can build their own.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RfmSegmentMap
{
    private readonly string[,] _cells = new string[5, 5];

    /// <summary>Builds a map from rectangles of the grid.</summary>
    /// <param name="rules">Rectangles that together cover each (R, F) cell exactly once.</param>
    /// <exception cref="ArgumentException">A score is outside 1..5, a rectangle is empty, a name is blank, or a cell is named twice or not at all (the message names the cell).</exception>
    public RfmSegmentMap(IEnumerable<RfmSegmentRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.Select(r => Crm.Internal.Elements.NotNull(r, nameof(rules))).ToList();
        foreach (var rule in list)
        {
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                throw new ArgumentException("A segment needs a name.", nameof(rules));
            }

            if (rule.MinRecencyScore < 1 || rule.MaxRecencyScore > 5 || rule.MinFrequencyScore < 1 || rule.MaxFrequencyScore > 5
                || rule.MinRecencyScore > rule.MaxRecencyScore || rule.MinFrequencyScore > rule.MaxFrequencyScore)
            {
                throw new ArgumentException($"Segment '{rule.Name}' must span scores within 1..5, minimum not above maximum.", nameof(rules));
            }

            for (var r = rule.MinRecencyScore; r <= rule.MaxRecencyScore; r++)
            {
                for (var f = rule.MinFrequencyScore; f <= rule.MaxFrequencyScore; f++)
                {
                    if (_cells[r - 1, f - 1] is { } other)
                    {
                        throw new ArgumentException($"Cell R{r} F{f} is in both '{other}' and '{rule.Name}': a map names each cell once.", nameof(rules));
                    }

                    _cells[r - 1, f - 1] = rule.Name;
                }
            }
        }

        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                if (_cells[r - 1, f - 1] is null)
                {
                    throw new ArgumentException($"Cell R{r} F{f} has no segment: a map names all 25 cells.", nameof(rules));
                }
            }
        }

        Rules = list.AsReadOnly();
        Names = list.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList().AsReadOnly();
    }

    /// <summary>
    /// The standard map (R first, F second): Champions R5 F4–5; Loyal R3–4 F4–5; Potential loyalist R4–5 F2–3;
    /// New R5 F1; Promising R4 F1; Need attention R3 F3; About to sleep R3 F1–2; At risk R1–2 F3–4; Cannot lose
    /// them R1–2 F5; Hibernating R1–2 F1–2 except R1 F1; Lost R1 F1.
    /// </summary>
    public static RfmSegmentMap Standard { get; } = new(
    [
        new("Champions", 5, 5, 4, 5),
        new("Loyal", 3, 4, 4, 5),
        new("Potential loyalist", 4, 5, 2, 3),
        new("New", 5, 5, 1, 1),
        new("Promising", 4, 4, 1, 1),
        new("Need attention", 3, 3, 3, 3),
        new("About to sleep", 3, 3, 1, 2),
        new("At risk", 1, 2, 3, 4),
        new("Cannot lose them", 1, 2, 5, 5),
        new("Hibernating", 1, 1, 2, 2),
        new("Hibernating", 2, 2, 1, 2),
        new("Lost", 1, 1, 1, 1),
    ]);

    /// <summary>The rectangles, as given.</summary>
    public IReadOnlyList<RfmSegmentRule> Rules { get; }

    /// <summary>The distinct segment names, in the order first given.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The segment of an (R, F) cell.</summary>
    /// <param name="recencyScore">R, 1..5.</param>
    /// <param name="frequencyScore">F, 1..5.</param>
    /// <returns>The segment's name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1..5.</exception>
    public string SegmentOf(int recencyScore, int frequencyScore)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recencyScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recencyScore, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequencyScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequencyScore, 5);
        return _cells[recencyScore - 1, frequencyScore - 1];
    }
}
