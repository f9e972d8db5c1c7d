namespace Crm.Metrics.States;

/// <summary>
/// The state of a <see cref="ScorecardAccumulator"/> as plain data — numbers, strings, arrays — to ship a partition's
/// partial result to wherever the partitions are merged (another process or machine) and merge it there with
/// <see cref="ScorecardAccumulator.Merge(ScorecardState)"/>. Serialise it with System.Text.Json through
/// <see cref="CrmStateJson"/> (source-generated: no reflection, trimming- and AOT-safe). Money is
/// <see cref="decimal"/>, so a round trip is exact.
/// </summary>
/// <remarks>
/// Instants are Unix ticks (100 ns since 1970-01-01T00:00Z); durations are ticks; enumerations are by name. A state
/// names the period, zone and options it was computed with, and a merge checks them. <see cref="Version"/> changes
/// whenever the layout does; a state of another version is refused rather than misread.
/// </remarks>
public sealed record ScorecardState
{
    /// <summary>The layout version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The layout version of this state.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The period's first day, ISO <c>yyyy-MM-dd</c>.</summary>
    public string From { get; init; } = string.Empty;

    /// <summary>The period's last day (inclusive), ISO <c>yyyy-MM-dd</c>.</summary>
    public string To { get; init; } = string.Empty;

    /// <summary>The period's IANA time zone id.</summary>
    public string Zone { get; init; } = string.Empty;

    /// <summary>The options the partition ran with (they must match to merge).</summary>
    public ScorecardOptionsState Options { get; init; } = new();

    /// <summary>The funnel's stages, or null without a funnel.</summary>
    public IReadOnlyList<string>? FunnelStages { get; init; }

    /// <summary>The currency amounts are in (ISO 4217), or null while no amount was seen and none was set.</summary>
    public string? Currency { get; init; }

    /// <summary>The kinds of data the partition read, by <see cref="DataSources"/> name.</summary>
    public IReadOnlyList<string> Supplied { get; init; } = [];

    /// <summary>Survey answers.</summary>
    public SatisfactionState Satisfaction { get; init; } = new();

    /// <summary>Purchases and customers: the per-customer state.</summary>
    public PurchaseState Purchases { get; init; } = new();

    /// <summary>Cost entries, day-weighted.</summary>
    public CostState Costs { get; init; } = new();

    /// <summary>Complaints.</summary>
    public ComplaintState Complaints { get; init; } = new();

    /// <summary>Suggestions and praise.</summary>
    public FeedbackState Feedback { get; init; } = new();

    /// <summary>Leads in the funnel.</summary>
    public FunnelState Funnel { get; init; } = new();

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>The options a scorecard partition ran with; partitions merge only when these match.</summary>
public sealed record ScorecardOptionsState
{
    /// <summary><see cref="CrmMetricsOptions.RetentionWindowDays"/>.</summary>
    public int RetentionWindowDays { get; init; }

    /// <summary><see cref="CrmMetricsOptions.RetentionMethod"/>, by name.</summary>
    public string RetentionMethod { get; init; } = string.Empty;

    /// <summary><see cref="CrmMetricsOptions.CsatMethod"/>, by name.</summary>
    public string CsatMethod { get; init; } = string.Empty;

    /// <summary><see cref="CrmMetricsOptions.NpsSkippedAnswers"/>, by name.</summary>
    public string NpsSkippedAnswers { get; init; } = string.Empty;

    /// <summary><see cref="CrmMetricsOptions.TreatMissingCostAsZero"/>.</summary>
    public bool TreatMissingCostAsZero { get; init; }

    /// <summary><see cref="CrmMetricsOptions.CohortMonths"/>.</summary>
    public int CohortMonths { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>Counts of survey answers per score in the period.</summary>
public sealed record SatisfactionState
{
    /// <summary>CSAT answers scored 1..5 (index 0 = score 1).</summary>
    public IReadOnlyList<long> Csat { get; init; } = [];

    /// <summary>NPS answers scored 0..10 (index = score).</summary>
    public IReadOnlyList<long> Nps { get; init; } = [];

    /// <summary>CES answers scored 1..7 (index 0 = score 1).</summary>
    public IReadOnlyList<long> Ces { get; init; } = [];

    /// <summary>Skipped answers per survey kind: CSAT, NPS, CES.</summary>
    public IReadOnlyList<long> Skipped { get; init; } = [];

    /// <summary>Answers outside the period.</summary>
    public long OutsidePeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>The purchase accumulator's state: one row per customer seen, and the period-level totals.</summary>
public sealed record PurchaseState
{
    /// <summary>Every customer seen (in a purchase before the period's end, or with an acquisition instant).</summary>
    public IReadOnlyList<CustomerPurchaseState> Customers { get; init; } = [];

    /// <summary>Net revenue in the previous period of equal length.</summary>
    public decimal PriorPeriodNet { get; init; }

    /// <summary>Purchases after the period (not counted).</summary>
    public long AfterPeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>One customer's purchase history as far as the scorecard needs it.</summary>
public sealed record CustomerPurchaseState
{
    /// <summary>The customer id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The first sale's instant in Unix ticks, or null without a sale before the period's end.</summary>
    public long? FirstSaleTicks { get; init; }

    /// <summary>Sales minus refunds, all history up to the period's end.</summary>
    public decimal LifetimeNet { get; init; }

    /// <summary>Cost of goods sold, all history (refunds reverse theirs).</summary>
    public decimal LifetimeCost { get; init; }

    /// <summary>Sales without a recorded cost, all history.</summary>
    public int LifetimeSalesWithoutCost { get; init; }

    /// <summary>Whether the customer bought in the activity window before the period (a customer at start).</summary>
    public bool SaleInWindowBefore { get; init; }

    /// <summary>Bit m set: a sale in cohort month m (0 = the oldest of the options' cohort months).</summary>
    public ulong SaleMonths { get; init; }

    /// <summary>The customer's acquisition instant in Unix ticks, when given with the customer.</summary>
    public long? AcquiredTicks { get; init; }

    /// <summary>Whether the customer has a sale or refund in the period.</summary>
    public bool HasPeriodRecord { get; init; }

    /// <summary>Sales in the period.</summary>
    public int PeriodSales { get; init; }

    /// <summary>The first day with a sale in the period (1 = the period's first day), or 0.</summary>
    public int FirstSaleDay { get; init; }

    /// <summary>Whether the customer bought on more than one day of the period.</summary>
    public bool SalesOnSeveralDays { get; init; }

    /// <summary>Sales in the period.</summary>
    public decimal PeriodSalesAmount { get; init; }

    /// <summary>Refunds in the period.</summary>
    public decimal PeriodRefundAmount { get; init; }

    /// <summary>Cost of goods in the period.</summary>
    public decimal PeriodCost { get; init; }

    /// <summary>Sales in the period without a recorded cost.</summary>
    public int PeriodSalesWithoutCost { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>Cost entries, each kind summed by entry length: Σ amount × days inside the period, per length in days.</summary>
public sealed record CostState
{
    /// <summary>The sums.</summary>
    public IReadOnlyList<WeightedCostState> Weighted { get; init; } = [];

    /// <summary>Entries with no day in the period.</summary>
    public long OutsidePeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>Σ amount × days inside the period over the entries of one kind and length.</summary>
public sealed record WeightedCostState
{
    /// <summary>The cost kind, by name.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The entries' length in days.</summary>
    public int LengthDays { get; init; }

    /// <summary>Σ amount × days inside the period.</summary>
    public decimal Sum { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>Complaints opened in the period.</summary>
public sealed record ComplaintState
{
    /// <summary>Complaints opened in the period.</summary>
    public long Opened { get; init; }

    /// <summary>Complaints per channel, by name.</summary>
    public IReadOnlyDictionary<string, long> ByChannel { get; init; } = new Dictionary<string, long>();

    /// <summary>Complaints without a channel.</summary>
    public long UnknownChannel { get; init; }

    /// <summary>First-response times in ticks, of those answered before the period's end.</summary>
    public IReadOnlyList<long> FirstResponseTicks { get; init; } = [];

    /// <summary>Resolution times in ticks, of those resolved before the period's end.</summary>
    public IReadOnlyList<long> ResolutionTicks { get; init; } = [];

    /// <summary>Resolved within target.</summary>
    public long Met { get; init; }

    /// <summary>Resolved late, or unresolved past the deadline.</summary>
    public long Breached { get; init; }

    /// <summary>Unresolved, deadline not yet passed.</summary>
    public long Pending { get; init; }

    /// <summary>Without a resolution target.</summary>
    public long WithoutTarget { get; init; }

    /// <summary>Complaints opened outside the period.</summary>
    public long OutsidePeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>Suggestions and praise received in the period, per channel by name.</summary>
public sealed record FeedbackState
{
    /// <summary>Suggestions per channel.</summary>
    public IReadOnlyDictionary<string, long> Suggestions { get; init; } = new Dictionary<string, long>();

    /// <summary>Praise per channel.</summary>
    public IReadOnlyDictionary<string, long> Praise { get; init; } = new Dictionary<string, long>();

    /// <summary>Feedback outside the period.</summary>
    public long OutsidePeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>Leads that entered the funnel in the period.</summary>
public sealed record FunnelState
{
    /// <summary>Leads entering the funnel in the period.</summary>
    public long Cohort { get; init; }

    /// <summary>Leads reaching each stage (in the funnel's order).</summary>
    public IReadOnlyList<long> Reached { get; init; } = [];

    /// <summary>Times to convert in ticks.</summary>
    public IReadOnlyList<long> TimesToConvertTicks { get; init; } = [];

    /// <summary>Leads outside the period (or without a funnel).</summary>
    public long OutsidePeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
