using Crm.Metrics.Results;
using Crm.Metrics.Satisfaction;
using Crm.Metrics.Service;

namespace Crm.Metrics.Experience;

/// <summary>
/// Weights of the customer-experience index. Non-negative and finite, with a positive sum; a weight of 0 leaves
/// a component out. Only the ratios matter: (1, 1, 1) and (2, 2, 2) give the same index.
/// </summary>
public sealed class ExperienceWeights
{
    /// <summary>Weight of CSAT; 1 by default.</summary>
    public double Csat { get; set; } = 1;

    /// <summary>Weight of CES; 1 by default.</summary>
    public double Ces { get; set; } = 1;

    /// <summary>Weight of the complaint rate; 1 by default.</summary>
    public double Complaints { get; set; } = 1;

    /// <summary>Checks the weights.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite, or all are zero.</exception>
    public void Validate()
    {
        foreach (var (name, weight) in new[] { (nameof(Csat), Csat), (nameof(Ces), Ces), (nameof(Complaints), Complaints) })
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentOutOfRangeException(name, weight, $"ExperienceWeights.{name} must be a finite number ≥ 0.");
            }
        }

        if (Csat + Ces + Complaints <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Csat), Csat, "At least one ExperienceWeights weight must be positive.");
        }
    }

    /// <summary>A copy of these weights.</summary>
    /// <returns>A new instance with the same values.</returns>
    public ExperienceWeights Clone() => (ExperienceWeights)MemberwiseClone();
}

/// <summary>One component of the customer-experience index: its score on 0–100, or why it is missing.</summary>
public sealed class ExperienceComponent
{
    internal ExperienceComponent(string name, double weight, MetricValue<double> score)
    {
        Name = name;
        Weight = weight;
        Score = score;
    }

    /// <summary>"CSAT", "CES" or "Complaints".</summary>
    public string Name { get; }

    /// <summary>The configured weight.</summary>
    public double Weight { get; }

    /// <summary>The normalised score 0–100 (100 = best), or undefined with the reason.</summary>
    public MetricValue<double> Score { get; }
}

/// <summary>
/// The customer-experience index: a weighted mean Σwᵢxᵢ / Σwᵢ of normalised component scores,
/// 0–100 (100 = best). Components: CSAT (its top-2-box percentage, or (mean − 1) / 4 × 100 with the mean method),
/// CES ((mean − 1) / 6 × 100) and the complaint rate (100 × (1 − min(rate, 1)): one complaint or more per active
/// customer scores 0). A component without data is left out and the weights renormalised; the index is undefined
/// when no weighted component has data.
/// </summary>
public sealed class ExperienceMetrics
{
    internal ExperienceMetrics(IReadOnlyList<ExperienceComponent> components)
    {
        Components = components;
        double sum = 0, weights = 0;
        foreach (var c in components)
        {
            if (c.Weight > 0 && c.Score.Value is { } score)
            {
                sum += c.Weight * score;
                weights += c.Weight;
            }
        }

        Index = weights > 0 ? MetricValue.Of(sum / weights) : MetricValue.Undefined<double>("no component of the index has data in the period");
    }

    /// <summary>The index 0–100, or undefined.</summary>
    public MetricValue<double> Index { get; }

    /// <summary>The components, with their weights and scores.</summary>
    public IReadOnlyList<ExperienceComponent> Components { get; }

    internal static ExperienceMetrics From(SatisfactionMetrics satisfaction, ServiceEfficiencyMetrics service, ExperienceWeights weights)
    {
        var csat = satisfaction.Csat.Value is not { } c
            ? MetricValue.Undefined<double>(satisfaction.Csat.UndefinedReason!)
            : MetricValue.Of(satisfaction.Csat.Method == CsatMethod.TopTwoBox ? c : (c - 1) / 4 * 100);
        var ces = satisfaction.Ces.Value is { } e
            ? MetricValue.Of((e - 1) / 6 * 100)
            : MetricValue.Undefined<double>(satisfaction.Ces.UndefinedReason!);
        var complaints = service.ComplaintRate.Value is { } r
            ? MetricValue.Of(100 * (1 - Math.Min(r, 1)))
            : MetricValue.Undefined<double>(service.ComplaintRate.UndefinedReason!);
        return new ExperienceMetrics(
        [
            new ExperienceComponent("CSAT", weights.Csat, csat),
            new ExperienceComponent("CES", weights.Ces, ces),
            new ExperienceComponent("Complaints", weights.Complaints, complaints),
        ]);
    }
}
