using Crm.Domain.Activity;
using Crm.Metrics.CustomerValue;

namespace Crm.Metrics;

/// <summary>Per-call settings of a scorecard.</summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed record ScorecardSettings
{
    /// <summary>The scorecard's currency. When <c>null</c>: the first currency met in the data, or <see cref="FallbackCurrency"/> with no amounts at all.</summary>
    public Currency? Currency { get; init; }

    /// <summary>The currency of money results when the data holds no amount and <see cref="Currency"/> is not set; USD by default.</summary>
    public Currency FallbackCurrency { get; init; } = Domain.Currency.Usd;

    /// <summary>The value basis for LTV:CAC; none by default (LTV:CAC undefined).</summary>
    public ValueBasis? ValueBasis { get; init; }

    /// <summary>The conversion funnel leads are read against; none by default (the funnel metrics are undefined).</summary>
    public Funnel? Funnel { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
