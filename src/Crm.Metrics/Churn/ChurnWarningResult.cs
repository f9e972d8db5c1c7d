namespace Crm.Metrics.Churn;

/// <summary>The result of the churn early warning: every customer's risk, highest first.</summary>
/// <param name="AnalysisDate">The date the signals were read at (inclusive).</param>
/// <param name="UsedModel">Whether a purchase model's P(alive) was part of the signals; without one the warning runs on threshold signals only.</param>
/// <param name="Customers">Every customer assessed, by level (High first), then P(alive) (lowest first), then id.</param>
/// <remarks>
/// The counts (<see cref="CountAt"/>, <see cref="LostCount"/>, <see cref="SlippingCount"/>) are taken when the result
/// is made. A result of the churn warning keeps its customers packed and makes each <see cref="CustomerChurnRisk"/> the
/// first time it is read (then always the same instance), so counting and taking the first few of a large base cost
/// no object per customer. Immutable and thread-safe.
/// </remarks>
public sealed record ChurnWarningResult(LocalDate AnalysisDate, bool UsedModel, IReadOnlyList<CustomerChurnRisk> Customers)
{
    private readonly ChurnTally _tally = ChurnTally.Of(Crm.Internal.Checked.NotNull(Customers, nameof(Customers)), nameof(Customers));

    /// <summary>Every customer assessed, by level (High first), then P(alive) (lowest first), then id.</summary>
    /// <exception cref="ArgumentException">The list holds a null element.</exception>
    public IReadOnlyList<CustomerChurnRisk> Customers
    {
        get;
        init
        {
            var customers = Crm.Internal.Checked.NotNull(value, nameof(Customers));
            _tally = ChurnTally.Of(customers, nameof(Customers));
            field = customers;
        }
    } = Customers;

    /// <summary>The customers at Medium or High risk, highest first (not written to JSON: it follows from <see cref="Customers"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<CustomerChurnRisk> AtRisk => Filter(static (level, _) => level != ChurnRiskLevel.Low);

    /// <summary>
    /// The early warning proper: the customers at Medium or High risk who are probably still alive
    /// (<see cref="CustomerChurnRisk.IsLost"/> false), most urgent first — High before Medium, then the lowest P(alive)
    /// (not written to JSON: it follows from <see cref="Customers"/>).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<CustomerChurnRisk> Slipping => Filter(static (level, lost) => level != ChurnRiskLevel.Low && !lost);

    /// <summary>The customers who have probably left already, in the order of <see cref="Customers"/> (not written to JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<CustomerChurnRisk> Lost => Filter(static (_, lost) => lost);

    /// <summary>How many customers are in <see cref="Slipping"/>, without listing them (not written to JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int SlippingCount => _tally.Slipping;

    /// <summary>How many customers are in <see cref="Lost"/>, without listing them (not written to JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int LostCount => _tally.Lost;

    /// <summary>How many customers are at <paramref name="level"/>, without listing them; the three levels' counts add up to the customers'.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The number of customers, 0 or more.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined level.</exception>
    public int CountAt(ChurnRiskLevel level) => _tally.At(Crm.Internal.Checked.Defined(level, nameof(level)));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);

    // The customers whose level and lost flag pass: read from the packed risks when the warning made them, so that
    // those passed over are never made.
    private IEnumerable<CustomerChurnRisk> Filter(Func<ChurnRiskLevel, bool, bool> keep) =>
        Customers is ChurnRisks packed ? packed.WhereFlags(keep) : Customers.Where(c => keep(c.Level, c.IsLost));
}
