namespace Crm.Metrics.Churn;

/// <summary>The result of the churn early warning: every customer's risk, highest first.</summary>
/// <param name="AnalysisDate">The date the signals were read at (inclusive).</param>
/// <param name="UsedModel">Whether a purchase model's P(alive) was part of the signals; without one the warning runs on threshold signals only.</param>
/// <param name="Customers">Every customer assessed, by level (High first), then P(alive) (lowest first), then id.</param>
public sealed record ChurnWarningResult(LocalDate AnalysisDate, bool UsedModel, IReadOnlyList<CustomerChurnRisk> Customers)
{
    /// <summary>Every customer assessed, by level (High first), then P(alive) (lowest first), then id.</summary>
    public IReadOnlyList<CustomerChurnRisk> Customers { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Customers)); } = Crm.Internal.Checked.NotNull(Customers, nameof(Customers));

    /// <summary>The customers at Medium or High risk, highest first (not written to JSON: it follows from <see cref="Customers"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<CustomerChurnRisk> AtRisk => Customers.Where(c => c.Level != ChurnRiskLevel.Low);

    /// <summary>
    /// The early warning proper: the customers at Medium or High risk who are probably still alive
    /// (<see cref="CustomerChurnRisk.IsLost"/> false), most urgent first — High before Medium, then the lowest P(alive)
    /// (not written to JSON: it follows from <see cref="Customers"/>).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<CustomerChurnRisk> Slipping => Customers.Where(c => c.Level != ChurnRiskLevel.Low && !c.IsLost);

    /// <summary>The customers who have probably left already, in the order of <see cref="Customers"/> (not written to JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<CustomerChurnRisk> Lost => Customers.Where(c => c.IsLost);

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
