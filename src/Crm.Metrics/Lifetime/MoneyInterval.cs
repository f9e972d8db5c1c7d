namespace Crm.Metrics.Lifetime;

/// <summary>
/// An amount predicted with the interval that its models' parameter uncertainty gives it (see
/// <see cref="PredictionInterval"/>): the prediction at the estimates and two percentiles of the predictions under
/// drawn parameters, in one currency.
/// </summary>
/// <param name="Estimate">The prediction at the estimates.</param>
/// <param name="Lower">The lower percentile, (1 − level)/2, of the predictions under the drawn parameters.</param>
/// <param name="Upper">The upper percentile, (1 + level)/2.</param>
public sealed record MoneyInterval(Money Estimate, Money Lower, Money Upper)
{
    /// <summary>Whether <paramref name="value"/> lies in [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    /// <param name="value">The amount, in the interval's currency.</param>
    /// <returns>True when it does.</returns>
    /// <exception cref="CurrencyMismatchException"><paramref name="value"/> is in another currency.</exception>
    public bool Contains(Money value) =>
        value.Currency == Estimate.Currency
            ? value.Amount >= Lower.Amount && value.Amount <= Upper.Amount
            : throw new CurrencyMismatchException(Estimate.Currency, value.Currency, nameof(value));

    /// <summary>The members, amounts in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
