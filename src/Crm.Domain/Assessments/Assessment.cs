namespace Crm.Domain.Assessments;

/// <summary>
/// An assessment of a subject with a framework, at an instant, by an assessor: per-item answers normalised to 0–100
/// (<see cref="Scale.Normalise"/>), combined into dimension scores by item weights and an overall score by
/// dimension weights — each a weighted mean over what is answered (unanswered items and unscored dimensions are
/// left out and the weights renormalised, never counted as zero).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class Assessment
{
    /// <summary>Creates an assessment.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="subject">What is assessed.</param>
    /// <param name="at">When.</param>
    /// <param name="assessor">Who assessed; not blank.</param>
    /// <param name="answers">The answers: each item of the framework at most once, on its scale.</param>
    /// <exception cref="ArgumentException">An answer names no item of the framework, repeats an item, or is outside its scale; or the assessor is blank.</exception>
    public Assessment(AssessmentFramework framework, AssessmentSubject subject, Instant at, string assessor, IEnumerable<Answer> answers)
    {
        Framework = framework ?? throw new ArgumentNullException(nameof(framework));
        Subject = subject ?? throw new ArgumentNullException(nameof(subject));
        At = at;
        Assessor = string.IsNullOrWhiteSpace(assessor) ? throw new ArgumentException("An assessment needs an assessor.", nameof(assessor)) : assessor;
        ArgumentNullException.ThrowIfNull(answers);
        var list = answers.ToList();
        var seen = new HashSet<(string, string)>();
        foreach (var answer in list)
        {
            ArgumentNullException.ThrowIfNull(answer, nameof(answers));
            var item = framework.Dimensions.FirstOrDefault(d => d.Key == answer.Dimension)?.Items.FirstOrDefault(i => i.Key == answer.Item)
                ?? throw new ArgumentException($"Framework '{framework.Key}' has no item '{answer.Dimension}/{answer.Item}'.", nameof(answers));
            if (!seen.Add((answer.Dimension, answer.Item)))
            {
                throw new ArgumentException($"Item '{answer.Dimension}/{answer.Item}' is answered twice.", nameof(answers));
            }

            if (answer.Value < item.Scale.Minimum || answer.Value > item.Scale.Maximum)
            {
                throw new ArgumentException($"The answer to '{answer.Dimension}/{answer.Item}' must be within {item.Scale.Minimum}..{item.Scale.Maximum}, not {answer.Value}.", nameof(answers));
            }
        }

        Answers = list.AsReadOnly();
        Dimensions = framework.Dimensions.Select(d =>
        {
            double weighted = 0, weights = 0;
            var answered = 0;
            foreach (var item in d.Items)
            {
                if (list.FirstOrDefault(a => a.Dimension == d.Key && a.Item == item.Key) is { } answer)
                {
                    answered++;
                    weighted += item.Weight * item.Scale.Normalise(answer.Value);
                    weights += item.Weight;
                }
            }

            return new DimensionScore(d.Key, weights > 0 ? weighted / weights : null, answered, d.Items.Count);
        }).ToList().AsReadOnly();

        double total = 0, totalWeight = 0;
        foreach (var (dimension, score) in framework.Dimensions.Zip(Dimensions))
        {
            if (score.Score is { } s && dimension.Weight > 0)
            {
                total += dimension.Weight * s;
                totalWeight += dimension.Weight;
            }
        }

        Overall = totalWeight > 0 ? total / totalWeight : null;
    }

    /// <summary>The framework.</summary>
    public AssessmentFramework Framework { get; }

    /// <summary>What was assessed.</summary>
    public AssessmentSubject Subject { get; }

    /// <summary>When.</summary>
    public Instant At { get; }

    /// <summary>Who assessed.</summary>
    public string Assessor { get; }

    /// <summary>The answers, as given.</summary>
    public IReadOnlyList<Answer> Answers { get; }

    /// <summary>Each dimension's score, in the framework's order.</summary>
    public IReadOnlyList<DimensionScore> Dimensions { get; }

    /// <summary>The overall score 0–100 over the scored dimensions (by their weights); null when none is scored.</summary>
    public double? Overall { get; }

    /// <summary>Items answered, of all the framework's items.</summary>
    public (int Answered, int Items) Coverage => (Dimensions.Sum(d => d.Answered), Dimensions.Sum(d => d.Items));

    /// <summary>The weakest scored dimensions, lowest first (ties in the framework's order).</summary>
    /// <param name="count">How many; at least 1.</param>
    /// <returns>Up to <paramref name="count"/> dimensions.</returns>
    public IReadOnlyList<DimensionScore> Weakest(int count = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Dimensions.Where(d => d.Score is not null).OrderBy(d => d.Score).Take(count).ToList().AsReadOnly();
    }

    /// <summary>Each dimension's gap to a target profile: target − score (positive: below target).</summary>
    /// <param name="target">Target scores 0–100 by dimension key; dimensions without a target get none.</param>
    /// <returns>The gaps, in the framework's order; null where the dimension is unscored or has no target.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A target is NaN or infinite.</exception>
    public IReadOnlyList<DimensionDifference> GapsTo(IReadOnlyDictionary<string, double> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Values.Any(value => !double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(nameof(target), "Every target score must be a finite number, not NaN or infinity.");
        }

        return Dimensions.Select(d => new DimensionDifference(d.Key, d.Score is { } s && target.TryGetValue(d.Key, out var t) ? t - s : null)).ToList().AsReadOnly();
    }

    /// <summary>The change since an earlier assessment of the same framework and subject: score − earlier score.</summary>
    /// <param name="earlier">The earlier assessment.</param>
    /// <returns>Per dimension and overall; null where either is unscored.</returns>
    /// <exception cref="ArgumentException">The earlier assessment is of another framework or subject, or not earlier.</exception>
    public (IReadOnlyList<DimensionDifference> Dimensions, double? Overall) ChangeSince(Assessment earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (earlier.Framework.Key != Framework.Key || earlier.Subject != Subject || earlier.At >= At)
        {
            throw new ArgumentException("The change is measured against an earlier assessment of the same framework and subject.", nameof(earlier));
        }

        var dimensions = Dimensions.Zip(earlier.Dimensions, (now, then) => new DimensionDifference(now.Key, now.Score - then.Score)).ToList().AsReadOnly();
        return (dimensions, Overall - earlier.Overall);
    }
}
