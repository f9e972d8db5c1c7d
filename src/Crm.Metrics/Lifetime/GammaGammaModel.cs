using System.Globalization;
using Crm.Metrics.Lifetime.GammaGamma;
using Crm.Metrics.Lifetime.Numerics;
using static Crm.Metrics.Lifetime.Numerics.SpecialFunctions;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The Gamma-Gamma model of spend per purchase (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; after Colombo &amp;
/// Jiang 1999): a customer's purchase values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, so the
/// expected mean spend of a customer is a weighted mean of the population mean and the customer's own m̄:
/// E[Z | x, m̄] = p (γ + x m̄) / (p x + q − 1).
/// </summary>
/// <remarks>
/// <para>It is fitted on the customers with repeat purchases (x &gt; 0) — their m̄ is the mean of the x repeat
/// purchase values — and assumes that spend per purchase is independent of purchase frequency
/// (<see cref="SpendFrequencyCorrelation"/> checks it).</para>
/// <para>Per-customer log-likelihood: ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄).</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record GammaGammaModel
{
    /// <summary>Creates the model from its parameters.</summary>
    /// <param name="p">Shape of the purchase-value distribution; positive.</param>
    /// <param name="q">Shape of the distribution of ν across customers; positive (above 1 for a finite mean spend).</param>
    /// <param name="gamma">Scale of the distribution of ν, in units of <paramref name="currency"/>; positive.</param>
    /// <param name="currency">The currency of the spend.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is the default value.</exception>
    public GammaGammaModel(double p, double q, double gamma, Currency currency)
    {
        P = ModelParameters.Positive(p, nameof(p));
        Q = ModelParameters.Positive(q, nameof(q));
        Gamma = ModelParameters.Positive(gamma, nameof(gamma));
        Currency = currency != default ? currency : throw new ArgumentException("The model's currency must not be the default value.", nameof(currency));
    }

    /// <summary>p: shape of each customer's purchase-value distribution.</summary>
    public double P { get; }

    /// <summary>q: shape of the distribution of the customers' scale ν.</summary>
    public double Q { get; }

    /// <summary>γ: scale of the distribution of ν.</summary>
    public double Gamma { get; }

    /// <summary>The currency of the spend.</summary>
    public Currency Currency { get; }

    /// <summary>
    /// The population mean spend per purchase, γ p / (q − 1); null when q ≤ 1, where the fitted spend distribution
    /// has so heavy a tail that its mean is infinite (undefined).
    /// </summary>
    /// <exception cref="AmountOverflowException">The mean is beyond the range of <see cref="decimal"/>.</exception>
    public Money? PopulationMeanSpend => Q > 1 ? new Money(ToMoney(Gamma * P / (Q - 1), Currency), Currency) : null;

    /// <summary>Fits the model by maximum likelihood to the summary's customers with repeat purchases.</summary>
    /// <param name="summary">The customers; those with x = 0 are not used (they have no repeat purchase value).</param>
    /// <param name="options">Iteration limit and tolerance; null for the defaults.</param>
    /// <param name="progress">Told after each iteration; optional.</param>
    /// <param name="cancellationToken">Stops the fit between iterations.</param>
    /// <returns>The fitted model; <see cref="ModelFit{TModel}.Customers"/> is the number of customers used.</returns>
    /// <exception cref="ArgumentException">
    /// No customer has a repeat purchase; a customer with x &gt; 0 has no mean repeat value; or a mean repeat value
    /// is zero or negative (the model is for positive spend: the message names the customer — remove or correct
    /// such customers before fitting).
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ModelFit<GammaGammaModel> Fit(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        options ??= FitOptions.Default;
        options.Validate(nameof(options));
        var (x, m, weight, currency, customers) = GammaGammaObjective.Group(summary.Span, nameof(summary));
        var objective = new GammaGammaObjective(x, m, weight);
        return MaximumLikelihood.Maximise(objective.Evaluate, [1, 1, 1], options, progress, cancellationToken)
            .ToFit(e => new GammaGammaModel(e[0], e[1], e[2], currency), ["p", "q", "gamma"], customers, x.Length);
    }

    /// <summary>
    /// The Pearson correlation between x and m̄ over the customers with repeat purchases: the model assumes spend
    /// per purchase does not depend on frequency, so a value far from 0 (say beyond ±0.3) says the CLV built on it
    /// is biased.
    /// </summary>
    /// <param name="summary">The customers.</param>
    /// <returns>The correlation in [−1, 1]; null when fewer than two customers have repeat purchases with a value, or x or m̄ does not vary.</returns>
    public static double? SpendFrequencyCorrelation(CustomerBaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        long n = 0;
        double sumX = 0, sumM = 0;
        foreach (var c in summary.Span)
        {
            if (c is { Frequency: > 0, MeanRepeatValue: { } mean })
            {
                n++;
                sumX += c.Frequency;
                sumM += (double)mean.Amount;
            }
        }

        if (n < 2)
        {
            return null;
        }

        double meanX = sumX / n, meanM = sumM / n, sxx = 0, smm = 0, sxm = 0;
        foreach (var c in summary.Span)
        {
            if (c is { Frequency: > 0, MeanRepeatValue: { } mean })
            {
                var dx = c.Frequency - meanX;
                var dm = (double)mean.Amount - meanM;
                sxx += dx * dx;
                smm += dm * dm;
                sxm += dx * dm;
            }
        }

        return sxx > 0 && smm > 0 ? Math.Clamp(sxm / Math.Sqrt(sxx * smm), -1, 1) : null;
    }

    /// <summary>E[Z | x, m̄]: the expected mean spend per purchase of this customer, p (γ + x m̄) / (p x + q − 1).</summary>
    /// <param name="customer">The customer; one without repeat purchases (x = 0) gets the population mean.</param>
    /// <returns>The expected spend per purchase, in <see cref="Currency"/>.</returns>
    /// <exception cref="ArgumentException">The customer has x &gt; 0 but no mean repeat value, a non-positive one, or one in another currency.</exception>
    /// <exception cref="InvalidOperationException">The customer has x = 0 and q ≤ 1: the population mean, their expectation, is undefined.</exception>
    /// <exception cref="AmountOverflowException">The expected spend is beyond the range of <see cref="decimal"/> (spend values far too large).</exception>
    public Money ExpectedMeanSpend(in CustomerSummary customer)
    {
        if (customer.Frequency == 0)
        {
            return PopulationMeanSpend
                ?? throw new InvalidOperationException("A customer without repeat purchases is expected to spend the population mean, which is undefined here: q ≤ 1 in the fitted spend distribution (too heavy a tail). Check the spend data for outliers.");
        }

        var m = MeanValue(customer, nameof(customer));
        if (customer.MeanRepeatValue!.Value.Currency != Currency)
        {
            throw new CurrencyMismatchException(Currency, customer.MeanRepeatValue.Value.Currency, nameof(customer));
        }

        var x = customer.Frequency;
        return new Money(ToMoney(P * (Gamma + (x * m)) / ((P * x) + Q - 1), Currency), Currency);
    }

    /// <summary>One customer's log-likelihood (the customer must have x &gt; 0 and a positive m̄).</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>ln L of the customer's m̄ given x.</returns>
    /// <exception cref="ArgumentException">x = 0, or m̄ is missing or not positive.</exception>
    public double LogLikelihood(in CustomerSummary customer)
    {
        if (customer.Frequency == 0)
        {
            throw new ArgumentException($"Customer '{customer.CustomerId}' has no repeat purchase (x = 0): the Gamma-Gamma likelihood is over repeat purchase values.", nameof(customer));
        }

        var m = MeanValue(customer, nameof(customer));
        Span<double> unused = stackalloc double[3];
        return GammaGammaObjective.Add(P, Q, Gamma, customer.Frequency, m, 1, unused);
    }

    /// <summary>The parameters, invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Gamma-Gamma(p = {P:G6}, q = {Q:G6}, gamma = {Gamma:G6}; {Currency})");

    /// <summary>A spend as money; beyond the decimal range it is an overflow of the amounts (q &gt; 1 here: the mean is finite).</summary>
    private static decimal ToMoney(double value, Currency currency) =>
        double.IsFinite(value) && value >= 0 && value < 7.9e27
            ? (decimal)value
            : throw new AmountOverflowException("computing an expected spend per purchase", currency);

    internal static double MeanValue(in CustomerSummary customer, string parameter)
    {
        if (customer.MeanRepeatValue is not { } mean)
        {
            throw new ArgumentException($"Customer '{customer.CustomerId}' has {customer.Frequency} repeat purchases but no mean repeat value; the Gamma-Gamma model needs it.", parameter);
        }

        if (mean.Amount <= 0)
        {
            throw new ArgumentException($"Customer '{customer.CustomerId}' has a mean repeat value of {mean.Amount.ToString(CultureInfo.InvariantCulture)} {mean.Currency}: the Gamma-Gamma model is for positive spend. Remove such customers (for example zero-value repeat purchases) or correct their values before fitting.", parameter);
        }

        return (double)mean.Amount;
    }
}
