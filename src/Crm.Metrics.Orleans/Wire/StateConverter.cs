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

/// <summary>
/// Orleans' compact binary form of the accumulator states (the core packages know nothing of Orleans): one surrogate
/// per state type with the same members, lists as arrays, except the customer rows, which travel packed in one byte
/// array each (<see cref="PackedRows"/>). A state read back is exactly the state written, and is
/// validated field by field when it is merged, as a state read from JSON is. The layout version travels as in JSON.
/// </summary>
[RegisterConverter]
internal sealed partial class StateConverter :
    IConverter<ScorecardState, StateConverter.ScorecardStateSurrogate>,
    IConverter<ScorecardOptionsState, StateConverter.ScorecardOptionsStateSurrogate>,
    IConverter<SatisfactionState, StateConverter.SatisfactionStateSurrogate>,
    IConverter<PurchaseState, StateConverter.PurchaseStateSurrogate>,
    IConverter<CostState, StateConverter.CostStateSurrogate>,
    IConverter<WeightedCostState, StateConverter.WeightedCostStateSurrogate>,
    IConverter<ComplaintState, StateConverter.ComplaintStateSurrogate>,
    IConverter<FeedbackState, StateConverter.FeedbackStateSurrogate>,
    IConverter<FunnelState, StateConverter.FunnelStateSurrogate>,
    IConverter<CustomerBaseSummaryState, StateConverter.CustomerBaseSummaryStateSurrogate>,
    IConverter<RfmState, StateConverter.RfmStateSurrogate>
{
    /// <inheritdoc/>
    public ScorecardStateSurrogate ConvertToSurrogate(in ScorecardState value) => new()
    {
        Version = value.Version,
        From = value.From,
        To = value.To,
        Zone = value.Zone,
        Options = value.Options,
        FunnelStages = value.FunnelStages is null ? null : Array(value.FunnelStages),
        Currency = value.Currency,
        Supplied = Array(value.Supplied),
        Satisfaction = value.Satisfaction,
        Purchases = value.Purchases,
        Costs = value.Costs,
        Complaints = value.Complaints,
        Feedback = value.Feedback,
        Funnel = value.Funnel,
    };

    /// <inheritdoc/>
    public ScorecardState ConvertFromSurrogate(in ScorecardStateSurrogate surrogate) => new()
    {
        Version = surrogate.Version,
        From = surrogate.From!,
        To = surrogate.To!,
        Zone = surrogate.Zone!,
        Options = surrogate.Options!,
        FunnelStages = surrogate.FunnelStages,
        Currency = surrogate.Currency,
        Supplied = surrogate.Supplied!,
        Satisfaction = surrogate.Satisfaction!,
        Purchases = surrogate.Purchases!,
        Costs = surrogate.Costs!,
        Complaints = surrogate.Complaints!,
        Feedback = surrogate.Feedback!,
        Funnel = surrogate.Funnel!,
    };

    /// <inheritdoc/>
    public ScorecardOptionsStateSurrogate ConvertToSurrogate(in ScorecardOptionsState value) => new()
    {
        RetentionWindowDays = value.RetentionWindowDays,
        RetentionMethod = value.RetentionMethod,
        CsatMethod = value.CsatMethod,
        NpsSkippedAnswers = value.NpsSkippedAnswers,
        TreatMissingCostAsZero = value.TreatMissingCostAsZero,
        CohortMonths = value.CohortMonths,
    };

    /// <inheritdoc/>
    public ScorecardOptionsState ConvertFromSurrogate(in ScorecardOptionsStateSurrogate surrogate) => new()
    {
        RetentionWindowDays = surrogate.RetentionWindowDays,
        RetentionMethod = surrogate.RetentionMethod!,
        CsatMethod = surrogate.CsatMethod!,
        NpsSkippedAnswers = surrogate.NpsSkippedAnswers!,
        TreatMissingCostAsZero = surrogate.TreatMissingCostAsZero,
        CohortMonths = surrogate.CohortMonths,
    };

    /// <inheritdoc/>
    public SatisfactionStateSurrogate ConvertToSurrogate(in SatisfactionState value) => new()
    {
        Csat = Array(value.Csat),
        Nps = Array(value.Nps),
        Ces = Array(value.Ces),
        Skipped = Array(value.Skipped),
        OutsidePeriod = value.OutsidePeriod,
    };

    /// <inheritdoc/>
    public SatisfactionState ConvertFromSurrogate(in SatisfactionStateSurrogate surrogate) => new()
    {
        Csat = surrogate.Csat!,
        Nps = surrogate.Nps!,
        Ces = surrogate.Ces!,
        Skipped = surrogate.Skipped!,
        OutsidePeriod = surrogate.OutsidePeriod,
    };

    /// <inheritdoc/>
    public PurchaseStateSurrogate ConvertToSurrogate(in PurchaseState value) => new()
    {
        Customers = PackedRows.Pack(value.Customers),
        PriorPeriodNet = value.PriorPeriodNet,
        AfterPeriod = value.AfterPeriod,
        Segments = PackedRows.MarksOf(value.Customers, PurchaseRowFormat.Instance),
    };

    /// <inheritdoc/>
    public PurchaseState ConvertFromSurrogate(in PurchaseStateSurrogate surrogate) => new()
    {
        Customers = PackedRows.PurchaseList(surrogate.Customers, surrogate.Segments)!,
        PriorPeriodNet = surrogate.PriorPeriodNet,
        AfterPeriod = surrogate.AfterPeriod,
    };

    /// <inheritdoc/>
    public CostStateSurrogate ConvertToSurrogate(in CostState value) => new()
    {
        Weighted = Array(value.Weighted),
        OutsidePeriod = value.OutsidePeriod,
    };

    /// <inheritdoc/>
    public CostState ConvertFromSurrogate(in CostStateSurrogate surrogate) => new()
    {
        Weighted = surrogate.Weighted!,
        OutsidePeriod = surrogate.OutsidePeriod,
    };

    /// <inheritdoc/>
    public WeightedCostStateSurrogate ConvertToSurrogate(in WeightedCostState value) => new()
    {
        Kind = value.Kind,
        LengthDays = value.LengthDays,
        Sum = value.Sum,
    };

    /// <inheritdoc/>
    public WeightedCostState ConvertFromSurrogate(in WeightedCostStateSurrogate surrogate) => new()
    {
        Kind = surrogate.Kind!,
        LengthDays = surrogate.LengthDays,
        Sum = surrogate.Sum,
    };

    /// <inheritdoc/>
    public ComplaintStateSurrogate ConvertToSurrogate(in ComplaintState value) => new()
    {
        Opened = value.Opened,
        ByChannel = Dictionary(value.ByChannel),
        UnknownChannel = value.UnknownChannel,
        FirstResponseTicks = Array(value.FirstResponseTicks),
        ResolutionTicks = Array(value.ResolutionTicks),
        Met = value.Met,
        Breached = value.Breached,
        Pending = value.Pending,
        WithoutTarget = value.WithoutTarget,
        ResolvedWithoutReply = value.ResolvedWithoutReply,
        OutsidePeriod = value.OutsidePeriod,
    };

    /// <inheritdoc/>
    public ComplaintState ConvertFromSurrogate(in ComplaintStateSurrogate surrogate) => new()
    {
        Opened = surrogate.Opened,
        ByChannel = surrogate.ByChannel!,
        UnknownChannel = surrogate.UnknownChannel,
        FirstResponseTicks = surrogate.FirstResponseTicks!,
        ResolutionTicks = surrogate.ResolutionTicks!,
        Met = surrogate.Met,
        Breached = surrogate.Breached,
        Pending = surrogate.Pending,
        WithoutTarget = surrogate.WithoutTarget,
        ResolvedWithoutReply = surrogate.ResolvedWithoutReply,
        OutsidePeriod = surrogate.OutsidePeriod,
    };

    /// <inheritdoc/>
    public FeedbackStateSurrogate ConvertToSurrogate(in FeedbackState value) => new()
    {
        Suggestions = Dictionary(value.Suggestions),
        Praise = Dictionary(value.Praise),
        OutsidePeriod = value.OutsidePeriod,
    };

    /// <inheritdoc/>
    public FeedbackState ConvertFromSurrogate(in FeedbackStateSurrogate surrogate) => new()
    {
        Suggestions = surrogate.Suggestions!,
        Praise = surrogate.Praise!,
        OutsidePeriod = surrogate.OutsidePeriod,
    };

    /// <inheritdoc/>
    public FunnelStateSurrogate ConvertToSurrogate(in FunnelState value) => new()
    {
        Cohort = value.Cohort,
        Reached = Array(value.Reached),
        TimesToConvertTicks = Array(value.TimesToConvertTicks),
        OutsidePeriod = value.OutsidePeriod,
    };

    /// <inheritdoc/>
    public FunnelState ConvertFromSurrogate(in FunnelStateSurrogate surrogate) => new()
    {
        Cohort = surrogate.Cohort,
        Reached = surrogate.Reached!,
        TimesToConvertTicks = surrogate.TimesToConvertTicks!,
        OutsidePeriod = surrogate.OutsidePeriod,
    };

    /// <inheritdoc/>
    public CustomerBaseSummaryStateSurrogate ConvertToSurrogate(in CustomerBaseSummaryState value) => new()
    {
        Version = value.Version,
        CalibrationEnd = value.CalibrationEnd,
        HoldoutEnd = value.HoldoutEnd,
        Zone = value.Zone,
        TimeUnit = value.TimeUnit,
        Currency = value.Currency,
        Refunds = value.Refunds,
        Customers = PackedRows.Pack(value.Customers),
    };

    /// <inheritdoc/>
    public CustomerBaseSummaryState ConvertFromSurrogate(in CustomerBaseSummaryStateSurrogate surrogate) => new()
    {
        Version = surrogate.Version,
        CalibrationEnd = surrogate.CalibrationEnd!,
        HoldoutEnd = surrogate.HoldoutEnd,
        Zone = surrogate.Zone!,
        TimeUnit = surrogate.TimeUnit!,
        Currency = surrogate.Currency,
        Refunds = surrogate.Refunds,
        Customers = PackedRows.DaysList(surrogate.Customers)!,
    };

    /// <inheritdoc/>
    public RfmStateSurrogate ConvertToSurrogate(in RfmState value) => new()
    {
        Version = value.Version,
        AnalysisDate = value.AnalysisDate,
        Zone = value.Zone,
        LookBackDays = value.LookBackDays,
        Currency = value.Currency,
        Customers = PackedRows.Pack(value.Customers),
    };

    /// <inheritdoc/>
    public RfmState ConvertFromSurrogate(in RfmStateSurrogate surrogate) => new()
    {
        Version = surrogate.Version,
        AnalysisDate = surrogate.AnalysisDate!,
        Zone = surrogate.Zone!,
        LookBackDays = surrogate.LookBackDays,
        Currency = surrogate.Currency,
        Customers = PackedRows.RfmList(surrogate.Customers)!,
    };

    private static T[] Array<T>(IReadOnlyList<T> list) => list as T[] ?? [.. list];

    private static Dictionary<string, long> Dictionary(IReadOnlyDictionary<string, long> map) =>
        map as Dictionary<string, long> ?? map.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
