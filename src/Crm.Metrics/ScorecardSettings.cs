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

    /// <summary>
    /// Which scorecards keep their customer-value rows; <see cref="ScorecardCustomerRows.Every"/> by default. Declining
    /// them saves about 80 bytes per customer with a record in each period declined, and changes no figure.
    /// </summary>
    /// <remarks>Must be a defined value (checked when the settings are used: <see cref="ArgumentOutOfRangeException"/> naming <c>settings</c>).</remarks>
    public ScorecardCustomerRows CustomerRows { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);

    /// <summary>Throws when a member breaks its rule; returns the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="CustomerRows"/> is not a defined value (named <paramref name="parameterName"/>).</exception>
    internal ScorecardSettings Checked(string parameterName) => Enum.IsDefined(CustomerRows)
        ? this
        : throw new ArgumentOutOfRangeException(parameterName, CustomerRows, "ScorecardSettings.CustomerRows is not a defined choice.");

    /// <summary>Whether the scorecard of period <paramref name="index"/> of <paramref name="count"/> keeps its customer rows.</summary>
    internal bool KeepsRows(int index, int count) => CustomerRows switch
    {
        ScorecardCustomerRows.None => false,
        ScorecardCustomerRows.LastPeriod => index == count - 1,
        _ => true,
    };
}
