using Crm.Metrics.Conversion;
using Crm.Metrics.Costs;
using Crm.Metrics.Feedback;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Satisfaction;
using Crm.Metrics.Segments;
using Crm.Metrics.ServiceEfficiency;
using Crm.Metrics.States;
using Orleans;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>The surrogates: the states' members, lists as arrays, each field with its wire id.</summary>
internal sealed partial class StateConverter
{
    /// <summary>The wire form of <see cref="ScorecardState"/>.</summary>
    [GenerateSerializer]
    [Alias("Crm.Metrics.Orleans.ScorecardState")]
    internal struct ScorecardStateSurrogate
    {
        [Id(0)]
        public int Version;
        [Id(1)]
        public string From;
        [Id(2)]
        public string To;
        [Id(3)]
        public string Zone;
        [Id(4)]
        public ScorecardOptionsState Options;
        [Id(5)]
        public string[]? FunnelStages;
        [Id(6)]
        public string? Currency;
        [Id(7)]
        public string[] Supplied;
        [Id(8)]
        public SatisfactionState Satisfaction;
        [Id(9)]
        public PurchaseState Purchases;
        [Id(10)]
        public CostState Costs;
        [Id(11)]
        public ComplaintState Complaints;
        [Id(12)]
        public FeedbackState Feedback;
        [Id(13)]
        public FunnelState Funnel;
    }

    /// <summary>The wire form of <see cref="ScorecardOptionsState"/>.</summary>
    [GenerateSerializer]
    [Alias("Crm.Metrics.Orleans.ScorecardOptionsState")]
    internal struct ScorecardOptionsStateSurrogate
    {
        [Id(0)]
        public int RetentionWindowDays;
        [Id(1)]
        public string RetentionMethod;
        [Id(2)]
        public string CsatMethod;
        [Id(3)]
        public string NpsSkippedAnswers;
        [Id(4)]
        public bool TreatMissingCostAsZero;
        [Id(5)]
        public int CohortMonths;
    }

    /// <summary>The wire form of <see cref="SatisfactionState"/>.</summary>
    [GenerateSerializer]
    [Alias("Crm.Metrics.Orleans.SatisfactionState")]
    internal struct SatisfactionStateSurrogate
    {
        [Id(0)]
        public long[] Csat;
        [Id(1)]
        public long[] Nps;
        [Id(2)]
        public long[] Ces;
        [Id(3)]
        public long[] Skipped;
        [Id(4)]
        public long OutsidePeriod;
    }

    /// <summary>The wire form of <see cref="PurchaseState"/>.</summary>
    [GenerateSerializer]
    [Alias("Crm.Metrics.Orleans.PurchaseState")]
    internal struct PurchaseStateSurrogate
    {
        // The customer rows, packed (PackedRows); an earlier layout sent them as an array of objects under another id.
        [Id(3)]
        public byte[] Customers;
        [Id(1)]
        public decimal PriorPeriodNet;
        [Id(2)]
        public long AfterPeriod;

        // Where the segments of rows packed in segments begin (row index, byte offset), or null: a hint to read them
        // side by side (PackedRows.UsableMarks).
        [Id(4)]
        public int[]? Segments;
    }

    /// <summary>The wire form of <see cref="CostState"/>.</summary>
    [GenerateSerializer]
    [Alias("Crm.Metrics.Orleans.CostState")]
    internal struct CostStateSurrogate
    {
        [Id(0)]
        public WeightedCostState[] Weighted;
        [Id(1)]
        public long OutsidePeriod;
    }

    /// <summary>The wire form of <see cref="WeightedCostState"/>.</summary>
    [GenerateSerializer]
    [Alias("Crm.Metrics.Orleans.WeightedCostState")]
    internal struct WeightedCostStateSurrogate
    {
        [Id(0)]
        public string Kind;
        [Id(1)]
        public int LengthDays;
        [Id(2)]
        public decimal Sum;
    }

    /// <summary>The wire form of <see cref="ComplaintState"/>.</summary>
    [GenerateSerializer]
    [Alias("Crm.Metrics.Orleans.ComplaintState")]
    internal struct ComplaintStateSurrogate
    {
        [Id(0)]
        public long Opened;
        [Id(1)]
        public Dictionary<string, long> ByChannel;
        [Id(2)]
        public long UnknownChannel;
        [Id(3)]
        public long[] FirstResponseTicks;
        [Id(4)]
        public long[] ResolutionTicks;
        [Id(5)]
        public long Met;
        [Id(6)]
        public long Breached;
        [Id(7)]
        public long Pending;
        [Id(8)]
        public long WithoutTarget;
        [Id(9)]
        public long ResolvedWithoutReply;
        [Id(10)]
        public long OutsidePeriod;
    }

    /// <summary>The wire form of <see cref="FeedbackState"/>.</summary>
    [GenerateSerializer]
    [Alias("Crm.Metrics.Orleans.FeedbackState")]
    internal struct FeedbackStateSurrogate
    {
        [Id(0)]
        public Dictionary<string, long> Suggestions;
        [Id(1)]
        public Dictionary<string, long> Praise;
        [Id(2)]
        public long OutsidePeriod;
    }

    /// <summary>The wire form of <see cref="FunnelState"/>.</summary>
    [GenerateSerializer]
    [Alias("Crm.Metrics.Orleans.FunnelState")]
    internal struct FunnelStateSurrogate
    {
        [Id(0)]
        public long Cohort;
        [Id(1)]
        public long[] Reached;
        [Id(2)]
        public long[] TimesToConvertTicks;
        [Id(3)]
        public long OutsidePeriod;
    }

    /// <summary>The wire form of <see cref="CustomerBaseSummaryState"/>.</summary>
    [GenerateSerializer]
    [Alias("Crm.Metrics.Orleans.CustomerBaseSummaryState")]
    internal struct CustomerBaseSummaryStateSurrogate
    {
        [Id(0)]
        public int Version;
        [Id(1)]
        public string CalibrationEnd;
        [Id(2)]
        public string? HoldoutEnd;
        [Id(3)]
        public string Zone;
        [Id(4)]
        public string TimeUnit;
        [Id(5)]
        public string? Currency;
        [Id(6)]
        public long Refunds;
        // The customer rows, packed (PackedRows); an earlier layout sent them as an array of objects under another id.
        [Id(8)]
        public byte[] Customers;
    }

    /// <summary>The wire form of <see cref="RfmState"/>.</summary>
    [GenerateSerializer]
    [Alias("Crm.Metrics.Orleans.RfmState")]
    internal struct RfmStateSurrogate
    {
        [Id(0)]
        public int Version;
        [Id(1)]
        public string AnalysisDate;
        [Id(2)]
        public string Zone;
        [Id(3)]
        public int? LookBackDays;
        [Id(4)]
        public string? Currency;
        // The customer rows, packed (PackedRows); an earlier layout sent them as an array of objects under another id.
        [Id(6)]
        public byte[] Customers;
    }

}
