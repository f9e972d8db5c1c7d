namespace Crm.Metrics.Results;

/// <summary>
/// One metric of a scorecard as a flat row (see <see cref="Scorecard.ToRows"/>): for tables, spreadsheets and CSV.
/// </summary>
/// <remarks>
/// Values keep their scorecard scale — CSAT 0–100, NPS −100…100, other rates as fractions — and <see cref="Unit"/>
/// says which (one of <see cref="MetricUnits"/>). Numbers are <see cref="double"/>, money included (exact amounts are
/// the scorecard's <see cref="Money"/> values). An undefined metric has no value and says why.
/// </remarks>
public sealed class MetricRow
{
    internal MetricRow(string family, string key, string label, double? value, string unit, string? currency, double? numerator, double? denominator, string? undefinedReason)
    {
        Family = family;
        Key = key;
        Label = label;
        Value = value;
        Unit = unit;
        Currency = currency;
        Numerator = numerator;
        Denominator = denominator;
        UndefinedReason = value is null ? undefinedReason ?? "undefined" : null;
    }

    /// <summary>The scorecard family: <c>Satisfaction</c>, <c>Loyalty</c>, <c>AcquisitionCost</c>, <c>CostBenefit</c>, <c>ServiceEfficiency</c>, <c>Experience</c> or <c>Conversion</c>.</summary>
    public string Family { get; }

    /// <summary>The metric's key, stable across versions (camelCase, as the report's JSON names it).</summary>
    public string Key { get; }

    /// <summary>A label for people (English).</summary>
    public string Label { get; }

    /// <summary>The value on the unit's scale; <c>null</c> when undefined.</summary>
    public double? Value { get; }

    /// <summary>What the value counts: one of <see cref="MetricUnits"/>.</summary>
    public string Unit { get; }

    /// <summary>The ISO currency code of a money value or of the amounts a fraction divides; otherwise <c>null</c>.</summary>
    public string? Currency { get; }

    /// <summary>The numerator of a rate or average (a count, or an amount in <see cref="Currency"/>); <c>null</c> when the metric is not a quotient.</summary>
    public double? Numerator { get; }

    /// <summary>The denominator of a rate or average; <c>null</c> when the metric is not a quotient.</summary>
    public double? Denominator { get; }

    /// <summary>Why the metric is undefined; <c>null</c> when it has a value.</summary>
    public string? UndefinedReason { get; }

    /// <inheritdoc/>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
