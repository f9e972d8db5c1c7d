namespace Crm.Domain.Assessments;

/// <summary>
/// An assessment framework as data: dimensions with weights, each with a checklist of items on a scale with a
/// weight. Built-ins: the 5C CRM principles, the 5C market context, 6C, 4C, the 5C situation analysis and the 5C of
/// credit; custom frameworks are built the same way and validated.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AssessmentFramework
{
    /// <summary>Creates a framework.</summary>
    /// <param name="key">A stable key, e.g. <c>6C</c>.</param>
    /// <param name="name">A display name.</param>
    /// <param name="dimensions">At least one dimension; unique keys; unique item keys within each; weights not negative, with a positive sum at each level.</param>
    /// <exception cref="ArgumentException">A rule above is broken (the message names the dimension or item).</exception>
    public AssessmentFramework(string key, string name, IEnumerable<Dimension> dimensions)
    {
        Key = string.IsNullOrWhiteSpace(key) ? throw new ArgumentException("A framework needs a key.", nameof(key)) : key;
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A framework needs a name.", nameof(name)) : name;
        ArgumentNullException.ThrowIfNull(dimensions);
        var list = dimensions.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException($"Framework '{key}' needs at least one dimension.", nameof(dimensions));
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dimension in list)
        {
            if (dimension is null || string.IsNullOrWhiteSpace(dimension.Key) || !keys.Add(dimension.Key))
            {
                throw new ArgumentException($"Framework '{key}': every dimension needs a key, unique in the framework ('{dimension?.Key}' is missing or repeated).", nameof(dimensions));
            }

            CheckWeight(dimension.Weight, $"dimension '{dimension.Key}'");
            if (dimension.Items is null || dimension.Items.Count == 0)
            {
                throw new ArgumentException($"Dimension '{dimension.Key}' needs at least one checklist item.", nameof(dimensions));
            }

            var items = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in dimension.Items)
            {
                if (item is null || string.IsNullOrWhiteSpace(item.Key) || !items.Add(item.Key) || item.Scale is null)
                {
                    throw new ArgumentException($"Dimension '{dimension.Key}': every item needs a key, unique in the dimension, and a scale ('{item?.Key}').", nameof(dimensions));
                }

                CheckWeight(item.Weight, $"item '{dimension.Key}/{item.Key}'");
            }

            if (!(dimension.Items.Sum(i => i.Weight) > 0))
            {
                throw new ArgumentException($"Dimension '{dimension.Key}': its item weights must have a positive sum.", nameof(dimensions));
            }
        }

        if (!(list.Sum(d => d.Weight) > 0))
        {
            throw new ArgumentException($"Framework '{key}': the dimension weights must have a positive sum.", nameof(dimensions));
        }

        Dimensions = list.AsReadOnly();

        void CheckWeight(double weight, string what)
        {
            if (!(weight >= 0) || !double.IsFinite(weight))
            {
                throw new ArgumentException($"Framework '{key}': the weight of {what} must be finite and not negative, not {weight}.", nameof(dimensions));
            }
        }
    }

    /// <summary>The framework's key.</summary>
    public string Key { get; }

    /// <summary>The framework's name.</summary>
    public string Name { get; }

    /// <summary>The dimensions, in order.</summary>
    public IReadOnlyList<Dimension> Dimensions { get; }

    /// <summary>The dimension with this key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The dimension.</returns>
    /// <exception cref="KeyNotFoundException">No dimension has the key.</exception>
    public Dimension this[string key] => Dimensions.FirstOrDefault(d => d.Key == key) ?? throw new KeyNotFoundException($"Framework '{Key}' has no dimension '{key}'.");

    /// <summary>5C CRM principles (SPEC §6): Customer, Communication, Knowledge, Concern, Satisfaction; Likert 1–5, equal weights.</summary>
    public static AssessmentFramework CrmPrinciples5C { get; } = Build("5C-CRM", "5C CRM principles",
        ("Customer", "Customer (客户)", ["needs-preferences-habits: we know our customers' needs, preferences and habits", "layered-management: customers are managed in layers (segments)", "customer-archive: every customer has a maintained profile"]),
        ("Communication", "Communication (沟通)", ["multi-channel: we communicate effectively on several channels", "timely-feedback: a mechanism handles feedback in time"]),
        ("Knowledge", "Knowledge (了解)", ["knowledge-base: a customer knowledge base is kept and analysed", "staff-training: staff are trained on customer knowledge"]),
        ("Concern", "Concern (关注)", ["satisfaction-evaluation: satisfaction is evaluated periodically", "special-day-care: customers are cared for on birthdays and holidays"]),
        ("Satisfaction", "Satisfaction (满足)", ["product-service-improvement: products and services improve from what customers say", "loyalty-evaluation: loyalty is evaluated"]));

    /// <summary>5C market context (project finance and lending, SPEC §6): Customer, Competitor, Company, Channel, Communication.</summary>
    public static AssessmentFramework MarketContext5C { get; } = Build("5C-Market", "5C market context",
        ("Customer", "Customer (客户)", ["classification: customers are classified", "needs-analysis: customer needs are analysed", "satisfaction-evaluation: satisfaction is evaluated"]),
        ("Competitor", "Competitor (竞争对手)", ["analysis: competitors are analysed", "monitoring: competitors are monitored", "advantage-strategy: we have a strategy for our advantage"]),
        ("Company", "Company (公司)", ["internal-management: internal management works", "organisation: the organisation fits the plan", "human-resources: people and skills are in place"]),
        ("Channel", "Channel (渠道)", ["channel-choice: channels are chosen deliberately", "channel-management: channels are managed", "partner-relations: partner relations are good"]),
        ("Communication", "Communication (沟通)", ["internal: internal communication works", "external: external communication works", "skills: communication skills are trained"]));

    /// <summary>6C analysis (SPEC §6): Customer, Cost, Convenience, Communication, Culture, Competition.</summary>
    public static AssessmentFramework SixC { get; } = Build("6C", "6C analysis",
        ("Customer", "Customer (客户)", ["segmentation: customers are segmented (region, age, gender, habits)", "value-analysis: customer value is analysed (high-value customers known)"]),
        ("Cost", "Cost (成本)", ["acquisition-cost: the cost of acquiring customers is known and managed", "retention-cost: the cost of keeping customers is known and managed", "service-cost: the cost of service is known and managed"]),
        ("Convenience", "Convenience (便利)", ["purchase-convenience: buying is easy (several channels, online, a simple flow)", "service-convenience: service is easy (fast delivery, returns, support)"]),
        ("Communication", "Communication (沟通)", ["multi-channel: customers reach us by phone, e-mail, social media and chat", "feedback-management: feedback is managed"]),
        ("Culture", "Culture (文化)", ["values: the company's values put customers first", "staff-training-incentives: staff are trained and rewarded for it"]),
        ("Competition", "Competition (竞争)", ["market-research: the market is researched", "competitor-analysis: competitors are analysed"]));

    /// <summary>4C (Lauterborn 1990): Consumer wants and needs, Cost, Convenience, Communication.</summary>
    public static AssessmentFramework FourC { get; } = Build("4C", "4C (Lauterborn)",
        ("Consumer", "Consumer wants and needs", ["wants-and-needs: we meet our consumers' wants and needs"]),
        ("Cost", "Cost", ["cost-to-satisfy: the whole cost to the customer is competitive"]),
        ("Convenience", "Convenience", ["convenience-to-buy: buying is convenient"]),
        ("Communication", "Communication", ["dialogue: we are in a dialogue with our customers"]));

    /// <summary>5C situation analysis: Company, Customers, Competitors, Collaborators, Context.</summary>
    public static AssessmentFramework SituationAnalysis5C { get; } = Build("5C-Situation", "5C situation analysis",
        ("Company", "Company", ["strengths: our strengths fit the market"]),
        ("Customers", "Customers", ["understanding: we understand our customers"]),
        ("Competitors", "Competitors", ["position: our competitive position is strong"]),
        ("Collaborators", "Collaborators", ["partners: our partners and suppliers support us"]),
        ("Context", "Context", ["environment: the economic, legal and technological context is favourable"]));

    /// <summary>5C of credit: Character, Capacity, Capital, Collateral, Conditions; each rated 1–10 with 1 = best.</summary>
    public static AssessmentFramework Credit5C { get; } = Build("5C-Credit", "5C of credit", new Scale(1, 10, ScaleDirection.LowerIsBetter),
        ("Character", "Character", ["track-record: the borrower's track record and reputation"]),
        ("Capacity", "Capacity", ["repayment-capacity: cash flow covers the repayments"]),
        ("Capital", "Capital", ["own-funds: the borrower's own capital at stake"]),
        ("Collateral", "Collateral", ["security: the collateral covers the exposure"]),
        ("Conditions", "Conditions", ["conditions: the purpose, terms and economic conditions"]));

    /// <summary>Every built-in framework.</summary>
    public static IReadOnlyList<AssessmentFramework> BuiltIn { get; } = [CrmPrinciples5C, MarketContext5C, SixC, FourC, SituationAnalysis5C, Credit5C];

    private static AssessmentFramework Build(string key, string name, params (string Key, string Name, string[] Items)[] dimensions) =>
        Build(key, name, Scale.Likert(), dimensions);

    private static AssessmentFramework Build(string key, string name, Scale scale, params (string Key, string Name, string[] Items)[] dimensions) =>
        new(key, name, dimensions.Select(d => new Dimension(d.Key, d.Name, d.Items.Select(i =>
        {
            var colon = i.IndexOf(':', StringComparison.Ordinal);
            return new ChecklistItem(i[..colon], i[(colon + 2)..], scale);
        }).ToList())));

    /// <summary>The framework's key.</summary>
    /// <returns>The key and name.</returns>
    public override string ToString() => $"{Key} ({Name})";
}
