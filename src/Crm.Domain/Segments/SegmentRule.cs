using Crm.Domain.Customers;

namespace Crm.Domain.Segments;

/// <summary>
/// A rule that a customer matches or not, over the customer's attributes and computed facts. Rules compose with
/// <see cref="And"/>, <see cref="Or"/> and <see cref="Not"/> (or <c>&amp;</c>, <c>|</c>, <c>!</c>) and obey boolean
/// algebra: a missing attribute or fact simply does not match, so <c>!rule</c> matches it.
/// </summary>
/// <remarks>Rules are immutable and thread-safe; equality is structural, and <see cref="ToString"/> reads as the rule.</remarks>
public abstract record SegmentRule
{
    /// <summary>Whether the customer matches.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="facts">The customer's computed facts; null for none.</param>
    /// <returns><c>true</c> when the customer matches.</returns>
    public abstract bool Matches(Customer customer, CustomerFacts? facts = null);

    /// <summary>Both rules.</summary>
    /// <param name="other">The other rule.</param>
    /// <returns>The conjunction.</returns>
    public SegmentRule And(SegmentRule other) => new AllOf(this, other ?? throw new ArgumentNullException(nameof(other)));

    /// <summary>Either rule.</summary>
    /// <param name="other">The other rule.</param>
    /// <returns>The disjunction.</returns>
    public SegmentRule Or(SegmentRule other) => new AnyOf(this, other ?? throw new ArgumentNullException(nameof(other)));

    /// <summary>The negation.</summary>
    /// <returns>A rule matching exactly the customers this one does not.</returns>
    public SegmentRule Not() => new NoneOf(this);

    /// <summary>Both rules.</summary>
    /// <param name="left">The first rule.</param>
    /// <param name="right">The second rule.</param>
    /// <returns>The conjunction.</returns>
    public static SegmentRule operator &(SegmentRule left, SegmentRule right) => (left ?? throw new ArgumentNullException(nameof(left))).And(right ?? throw new ArgumentNullException(nameof(right)));

    /// <summary>Either rule.</summary>
    /// <param name="left">The first rule.</param>
    /// <param name="right">The second rule.</param>
    /// <returns>The disjunction.</returns>
    public static SegmentRule operator |(SegmentRule left, SegmentRule right) => (left ?? throw new ArgumentNullException(nameof(left))).Or(right ?? throw new ArgumentNullException(nameof(right)));

    /// <summary>The negation.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>The negation.</returns>
    public static SegmentRule operator !(SegmentRule rule) => (rule ?? throw new ArgumentNullException(nameof(rule))).Not();

    /// <summary>Customers of this kind.</summary>
    /// <param name="kind">Person or organisation.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule KindIs(CustomerKind kind) => new Attribute($"kind = {kind}", (c, _) => c.Kind == kind);

    /// <summary>Customers in this country (ISO code), and region when given.</summary>
    /// <param name="countryCode">The country code, compared ignoring case.</param>
    /// <param name="region">The region, compared ignoring case; null for any.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule LocatedIn(string countryCode, string? region = null) =>
        new Attribute($"country = {countryCode}{(region is null ? string.Empty : $", region = {region}")}", (c, _) =>
            string.Equals(c.CountryCode, countryCode, StringComparison.OrdinalIgnoreCase) && (region is null || string.Equals(c.Region, region, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Organisations in this industry (ignoring case).</summary>
    /// <param name="industry">The industry.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule IndustryIs(string industry) =>
        new Attribute($"industry = {industry}", (c, _) => string.Equals(c.Organisation?.Industry, industry, StringComparison.OrdinalIgnoreCase));

    /// <summary>Organisations of this size.</summary>
    /// <param name="size">The size.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule SizeIs(OrganisationSize size) => new Attribute($"size = {size}", (c, _) => c.Organisation?.Size == size);

    /// <summary>Customers with this tag (ordinal, as tags are stored).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule HasTag(string tag) => new Attribute($"tag {tag}", (c, _) => c.Tags.Contains(tag));

    /// <summary>Customers in this lifecycle stage.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule StageIs(LifecycleStage stage) => new Attribute($"stage = {stage}", (c, _) => c.Stage == stage);

    /// <summary>Customers acquired through this channel (ignoring case).</summary>
    /// <param name="channel">The acquisition channel.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule AcquiredThrough(string channel) =>
        new Attribute($"acquired through {channel}", (c, _) => string.Equals(c.AcquisitionChannel, channel, StringComparison.OrdinalIgnoreCase));

    /// <summary>Customers acquired in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <param name="from">The first instant; null for no lower bound.</param>
    /// <param name="to">The instant after the last; null for no upper bound.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule AcquiredBetween(Instant? from, Instant? to) =>
        new Attribute(Invariant($"acquired in [{(object?)from ?? "…"}, {(object?)to ?? "…"})"), (c, _) => c.AcquiredAt is { } at && (from is null || at >= from) && (to is null || at < to));

    /// <summary>Customers who consented to marketing on this kind of channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule ConsentedTo(ContactPointKind channel) => new Attribute($"consented to {channel}", (c, _) => c.HasMarketingConsent(channel));

    /// <summary>Customers with an open need whose description contains the text (ignoring case).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule HasOpenNeed(string text) =>
        new Attribute($"open need '{text}'", (c, _) => c.Needs.Any(n => n.Status == NeedStatus.Open && n.Description.Contains(text, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Customers whose last purchase is at most this many days before the analysis date (RFM recency).</summary>
    /// <param name="days">The most days.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule RecencyAtMost(int days) => new Attribute(Invariant($"recency <= {days} days"), (_, f) => f?.RecencyDays <= days);

    /// <summary>Customers with at least this many purchase days (RFM frequency).</summary>
    /// <param name="purchaseDays">The fewest purchase days.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule FrequencyAtLeast(int purchaseDays) => new Attribute(Invariant($"frequency >= {purchaseDays}"), (_, f) => f?.Frequency >= purchaseDays);

    /// <summary>Customers with at least this monetary value.</summary>
    /// <param name="value">The least value.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule MonetaryAtLeast(decimal value) => new Attribute(Invariant($"monetary >= {value}"), (_, f) => f?.Monetary >= value);

    /// <summary>Customers whose RFM scores are all at least these.</summary>
    /// <param name="r">The least R.</param>
    /// <param name="f">The least F.</param>
    /// <param name="m">The least M.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule RfmAtLeast(int r, int f, int m) =>
        new Attribute(Invariant($"RFM >= {r}{f}{m}"), (_, facts) => facts?.RfmScore is { } s && s.R >= r && s.F >= f && s.M >= m);

    /// <summary>Customers in this value tier (ignoring case).</summary>
    /// <param name="tier">The tier, e.g. "A".</param>
    /// <returns>The rule.</returns>
    public static SegmentRule ValueTierIs(string tier) => new Attribute($"tier = {tier}", (_, f) => string.Equals(f?.ValueTier, tier, StringComparison.OrdinalIgnoreCase));

    /// <summary>Customers with a predicted CLV of at least this.</summary>
    /// <param name="value">The least CLV.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule ClvAtLeast(decimal value) => new Attribute(Invariant($"CLV >= {value}"), (_, f) => f?.Clv >= value);

    /// <summary>Customers at this churn risk (ignoring case).</summary>
    /// <param name="level">The level, e.g. "High".</param>
    /// <returns>The rule.</returns>
    public static SegmentRule ChurnRiskIs(string level) => new Attribute($"churn risk = {level}", (_, f) => string.Equals(f?.ChurnRisk, level, StringComparison.OrdinalIgnoreCase));

    /// <summary>A rule of the caller's own, with a name for display.</summary>
    /// <param name="name">What the rule says, e.g. "bought in the spring sale".</param>
    /// <param name="predicate">The test.</param>
    /// <returns>The rule.</returns>
    public static SegmentRule Where(string name, Func<Customer, CustomerFacts?, bool> predicate) =>
        new Attribute(string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A rule needs a name.", nameof(name)) : name, predicate ?? throw new ArgumentNullException(nameof(predicate)));

    /// <summary>A rule's text with its numbers and instants in the invariant culture.</summary>
    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed record Attribute(string Name, Func<Customer, CustomerFacts?, bool> Test) : SegmentRule
    {
        public override bool Matches(Customer customer, CustomerFacts? facts = null) => Test(customer ?? throw new ArgumentNullException(nameof(customer)), facts);

        public override string ToString() => Name;
    }

    private sealed record AllOf(SegmentRule Left, SegmentRule Right) : SegmentRule
    {
        public override bool Matches(Customer customer, CustomerFacts? facts = null) => Left.Matches(customer, facts) && Right.Matches(customer, facts);

        public override string ToString() => $"({Left} and {Right})";
    }

    private sealed record AnyOf(SegmentRule Left, SegmentRule Right) : SegmentRule
    {
        public override bool Matches(Customer customer, CustomerFacts? facts = null) => Left.Matches(customer, facts) || Right.Matches(customer, facts);

        public override string ToString() => $"({Left} or {Right})";
    }

    private sealed record NoneOf(SegmentRule Inner) : SegmentRule
    {
        public override bool Matches(Customer customer, CustomerFacts? facts = null) => !Inner.Matches(customer, facts);

        public override string ToString() => $"not {Inner}";
    }
}
