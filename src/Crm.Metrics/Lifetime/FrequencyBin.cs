namespace Crm.Metrics.Lifetime;

/// <summary>One row of the tracking table by calibration frequency: the holdout purchases of the customers with that x.</summary>
/// <param name="Frequency">The calibration x of the row; the last row holds every customer with at least this x.</param>
/// <param name="IsOpenEnded">Whether this is the last row ("7+").</param>
/// <param name="Customers">Customers in the row.</param>
/// <param name="ActualMean">Their mean actual repeat purchases in the holdout.</param>
/// <param name="ExpectedMean">Their mean expected repeat purchases over the holdout's length (the model's conditional expectation).</param>
public sealed record FrequencyBin(int Frequency, bool IsOpenEnded, int Customers, double ActualMean, double ExpectedMean)
{
    /// <summary>Their mean expected repeat purchases over the holdout's length (the model's conditional expectation).</summary>
    public double ExpectedMean { get; init => field = Crm.Internal.Finite.Of(value, nameof(ExpectedMean)); } = Crm.Internal.Finite.Of(ExpectedMean, nameof(ExpectedMean));

    /// <summary>Their mean actual repeat purchases in the holdout.</summary>
    public double ActualMean { get; init => field = Crm.Internal.Finite.Of(value, nameof(ActualMean)); } = Crm.Internal.Finite.Of(ActualMean, nameof(ActualMean));

    /// <summary>ExpectedMean − ActualMean.</summary>
    public double Error => ExpectedMean - ActualMean;

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
