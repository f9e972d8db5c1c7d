using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Metrics.Results;
using Crm.Metrics.Satisfaction;
using Crm.Metrics.ServiceEfficiency;

namespace Crm.Metrics.Experience;

/// <summary>
/// The customer-experience index: a weighted mean Σwᵢxᵢ / Σwᵢ of normalised component scores,
/// 0–100 (100 = best). Components: CSAT (its top-2-box percentage, or (mean − 1) / 4 × 100 with the mean method),
/// CES ((mean − 1) / 6 × 100) and the complaint rate (100 × (1 − min(rate, 1)): one complaint or more per active
/// customer scores 0). A component without data is left out and the weights renormalised; the index is undefined
/// when no weighted component has data.
/// </summary>
public sealed class ExperienceMetrics
{
    // Also how a JSON document is read back (see CrmJson).
    [JsonConstructor]
    internal ExperienceMetrics(IReadOnlyList<ExperienceComponent> components)
    {
        Components = ReadBack.Present(components, nameof(components));
        foreach (var c in components)
        {
            ReadBack.Present(c, nameof(components));
        }

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
