namespace Crm.Metrics.Churn;

/// <summary>The counts of a churn warning's customers: by level, lost, and slipping (at risk and not lost).</summary>
internal readonly record struct ChurnTally(int Low, int Medium, int High, int Lost, int Slipping)
{
    /// <summary>The tally with one more customer.</summary>
    public ChurnTally Add(ChurnRiskLevel level, bool lost) => new(
        Low + (level == ChurnRiskLevel.Low ? 1 : 0),
        Medium + (level == ChurnRiskLevel.Medium ? 1 : 0),
        High + (level == ChurnRiskLevel.High ? 1 : 0),
        Lost + (lost ? 1 : 0),
        Slipping + (level != ChurnRiskLevel.Low && !lost ? 1 : 0));

    /// <summary>
    /// The tally of a result's customers: kept with them when the warning made them, else counted (a null element is
    /// refused, naming <paramref name="parameterName"/>).
    /// </summary>
    public static ChurnTally Of(IReadOnlyList<CustomerChurnRisk> customers, string parameterName)
    {
        if (customers is ChurnRisks packed)
        {
            return packed.Tally;
        }

        var tally = default(ChurnTally);
        foreach (var customer in customers)
        {
            var c = Crm.Internal.Elements.NotNull(customer, parameterName);
            tally = tally.Add(c.Level, c.IsLost);
        }

        return tally;
    }

    /// <summary>The customers at <paramref name="level"/>.</summary>
    public int At(ChurnRiskLevel level) => level switch
    {
        ChurnRiskLevel.Low => Low,
        ChurnRiskLevel.Medium => Medium,
        _ => High,
    };
}
