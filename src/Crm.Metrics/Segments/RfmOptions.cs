namespace Crm.Metrics.Segments;

/// <summary>How RFM is computed: at <see cref="AnalysisDate"/> (inclusive, a local date in <see cref="Zone"/>), over a look-back window.</summary>
/// <param name="AnalysisDate">The day RFM is read at; later sales are not counted.</param>
/// <remarks>Immutable; the rules are checked when the analysis runs.</remarks>
public sealed record RfmOptions(LocalDate AnalysisDate)
{
    /// <summary>The zone of the local dates; default UTC.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    /// <summary>The look-back window in days ending on the analysis date; null (default) for all history.</summary>
    public int? LookBackDays { get; init; }

    /// <summary>What M measures; default the mean per purchase day.</summary>
    public RfmMonetaryBasis Monetary { get; init; } = RfmMonetaryBasis.MeanPerPurchaseDay;

    /// <summary>The names of the R × F cells; default <see cref="RfmSegmentMap.Standard"/>.</summary>
    public RfmSegmentMap SegmentMap { get; init; } = RfmSegmentMap.Standard;

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
