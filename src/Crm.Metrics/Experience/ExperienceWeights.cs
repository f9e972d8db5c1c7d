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
