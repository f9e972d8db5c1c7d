using System.Globalization;
using static Crm.Metrics.Lifetime.Numerics.SpecialFunctions;
using Crm.Metrics.Lifetime.Numerics;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The shifted-beta-geometric model of contractual retention (Fader &amp; Hardie 2007, "How to project customer
/// retention"): at the end of each period a subscriber cancels with probability θ, and θ ~ Beta(α, β) across
/// subscribers. Periods are the contract's (months, years) and are counted, not measured: t = 0, 1, 2, ….
/// </summary>
/// <remarks>
/// <para>S(t) = B(α, β+t) / B(α, β); P(cancel at t) = B(α+1, β+t−1) / B(α, β); r_t = (β+t−1) / (α+β+t−1), which
/// rises with t: the customers most likely to cancel leave first.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record ShiftedBetaGeometricModel
{
    /// <summary>Creates the model from its parameters.</summary>
    /// <param name="alpha">α of the beta distribution of cancellation probabilities; positive.</param>
    /// <param name="beta">β of the beta distribution of cancellation probabilities; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite.</exception>
    public ShiftedBetaGeometricModel(double alpha, double beta)
    {
        Alpha = ModelParameters.Positive(alpha, nameof(alpha));
        Beta = ModelParameters.Positive(beta, nameof(beta));
    }

    /// <summary>α of the cancellation-probability distribution.</summary>
    public double Alpha { get; }

    /// <summary>β of the cancellation-probability distribution.</summary>
    public double Beta { get; }

    /// <summary>
    /// Fits the model to one cohort's survival counts by maximum likelihood: those who cancel in period t contribute
    /// P(cancel at t), those still alive at the last count are right-censored and contribute S(last).
    /// </summary>
    /// <param name="aliveAtStart">
    /// The subscribers alive at the start of periods 0, 1, …, T (the cohort's size first): at least two counts,
    /// non-negative, never increasing, the first positive.
    /// </param>
    /// <param name="options">Iteration limit and tolerance; null for the defaults.</param>
    /// <param name="progress">Told after each iteration; optional.</param>
    /// <param name="cancellationToken">Stops the fit between iterations.</param>
    /// <returns>The fitted model; <see cref="ModelFit{TModel}.Customers"/> is the cohort's size.</returns>
    /// <exception cref="ArgumentException">The counts break a rule above (the message names it), or nobody cancelled (then α is not identified).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ModelFit<ShiftedBetaGeometricModel> Fit(IReadOnlyList<long> aliveAtStart, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aliveAtStart);
        options ??= FitOptions.Default;
        options.Validate(nameof(options));
        var counts = aliveAtStart.ToArray();
        if (counts.Length < 2)
        {
            throw new ArgumentException("The survival counts need the cohort's size and at least one later count.", nameof(aliveAtStart));
        }

        if (counts[0] <= 0)
        {
            throw new ArgumentException($"The cohort's size (the first count) must be positive, not {counts[0]}.", nameof(aliveAtStart));
        }

        for (var t = 1; t < counts.Length; t++)
        {
            if (counts[t] < 0 || counts[t] > counts[t - 1])
            {
                throw new ArgumentException($"Survival counts never increase and are not negative: period {t} has {counts[t]} after {counts[t - 1]}.", nameof(aliveAtStart));
            }
        }

        if (counts[^1] == counts[0])
        {
            throw new ArgumentException("Nobody cancelled in the periods observed, so the cancellation distribution cannot be estimated.", nameof(aliveAtStart));
        }

        double LogLikelihood(ReadOnlySpan<double> p, Span<double> gradient)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double a = p[0], b = p[1];
            var logBeta = LogBeta(a, b);
            double digammaA = Digamma(a), digammaB = Digamma(b), digammaAb = Digamma(a + b), digammaA1 = Digamma(a + 1);
            double value = 0, da = 0, db = 0;
            for (var t = 1; t < counts.Length; t++)
            {
                var lost = counts[t - 1] - counts[t];
                if (lost == 0)
                {
                    continue;
                }

                // ln P(t) = ln B(α+1, β+t−1) − ln B(α, β).
                var digammaAll = Digamma(a + b + t);
                // A log-probability: at most 0, also where ln B's rounding would make it a hair above.
                value += lost * Math.Min(0, LogBeta(a + 1, b + (t - 1)) - logBeta);
                da += lost * (digammaA1 - digammaAll - (digammaA - digammaAb));
                db += lost * (Digamma(b + (t - 1)) - digammaAll - (digammaB - digammaAb));
            }

            // The censored: ln S(T) = ln B(α, β+T) − ln B(α, β).
            var last = counts.Length - 1;
            var alive = counts[last];
            var digammaEnd = Digamma(a + b + last);
            value += alive * Math.Min(0, LogBeta(a, b + last) - logBeta);
            da += alive * (digammaA - digammaEnd - (digammaA - digammaAb));
            db += alive * (Digamma(b + last) - digammaEnd - (digammaB - digammaAb));
            gradient[0] = da;
            gradient[1] = db;
            return value;
        }

        return MaximumLikelihood.Maximise(LogLikelihood, [1, 1], options, progress, cancellationToken)
            .ToFit(e => new ShiftedBetaGeometricModel(e[0], e[1]), ["alpha", "beta"], (int)Math.Min(int.MaxValue, counts[0]), counts.Length);
    }

    /// <summary>S(t) = B(α, β+t) / B(α, β): the share of a cohort still subscribed after <paramref name="t"/> periods.</summary>
    /// <param name="t">Periods since the start; ≥ 0.</param>
    /// <returns>A share in (0, 1]; S(0) = 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative.</exception>
    public double Survival(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t <= ProductTerms)
        {
            // Π (β+i−1)/(α+β+i−1): each factor in (0, 1), so the product stays a share whatever the parameters.
            var survival = 1.0;
            for (var i = 0; i < t; i++)
            {
                survival *= (Beta + i) / (Alpha + Beta + i);
            }

            return survival;
        }

        return Math.Min(1, Math.Exp(LogBeta(Alpha, Beta + t) - LogBeta(Alpha, Beta)));
    }

    // Up to this many periods the survival is the product of its retention rates; beyond, the ratio of beta functions.
    private const int ProductTerms = 4096;

    /// <summary>P(T = t) = B(α+1, β+t−1) / B(α, β): the probability of cancelling at the end of period <paramref name="t"/>.</summary>
    /// <param name="t">The period; ≥ 1.</param>
    /// <returns>A probability in (0, 1); over t = 1, 2, … they sum to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is below 1.</exception>
    public double ChurnProbability(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);

        // P(T = t) = S(t−1) (1 − r_t) = S(t−1) α / (α+β+t−1): a share of a share, never above 1.
        return Survival(t - 1) * (Alpha / (Alpha + Beta + (t - 1)));
    }

    /// <summary>r_t = S(t) / S(t−1) = (β+t−1) / (α+β+t−1): the retention rate of period <paramref name="t"/>.</summary>
    /// <param name="t">The period; ≥ 1.</param>
    /// <returns>A rate in (0, 1), increasing in t.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is below 1.</exception>
    public double Retention(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return (Beta + (t - 1)) / (Alpha + Beta + (t - 1));
    }

    /// <summary>
    /// E[lifetime] = Σ_{t≥0} S(t) = (α+β−1) / (α−1) periods for a new subscriber; null when α ≤ 1, where the mean
    /// is infinite (the long tail of loyal subscribers never thins enough).
    /// </summary>
    public double? ExpectedLifetime => Alpha > 1 ? (Alpha + Beta - 1) / (Alpha - 1) : null;

    /// <summary>
    /// DERL (Fader &amp; Hardie 2010): the discounted expected number of payments still to come from a subscriber who
    /// has made <paramref name="renewals"/> renewals, the next payment counted undiscounted:
    /// Σ_{t≥n} S(t)/S(n−1) / (1+d)^(t−n) = B(α, β+n)/B(α, β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d)), n = renewals + 1.
    /// Multiply by the payment per period (and margin) for the subscriber's residual value.
    /// </summary>
    /// <param name="renewals">Renewals made so far (0 for a subscriber in their first period); ≥ 0.</param>
    /// <param name="discountRate">d: the discount rate per period; positive (without discounting the sum diverges when α ≤ 1).</param>
    /// <returns>The discounted expected residual lifetime in periods; ≥ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="renewals"/> is negative or <paramref name="discountRate"/> is not positive and finite.</exception>
    public double DiscountedExpectedResidualLifetime(int renewals, double discountRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        if (!(discountRate > 0) || !double.IsFinite(discountRate))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate per period must be positive and finite.");
        }

        var n = renewals + 1.0; // in double: renewals may be int.MaxValue
        double b = Beta + n, c = Alpha + Beta + n, z = 1 / (1 + discountRate);

        // ₂F₁(1, b; c; z) = Σⱼ (b)ⱼ/(c)ⱼ zʲ: positive terms shrinking faster than zʲ.
        var term = 1.0;
        var sum = 1.0;
        for (var j = 0; j < 10_000_000 && term > 1e-17 * sum; j++)
        {
            term *= (b + j) / (c + j) * z;
            sum += term;
        }

        return Math.Exp(LogBeta(Alpha, Beta + n) - LogBeta(Alpha, Beta + n - 1)) * sum;
    }

    /// <summary>The parameters, invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"sBG(alpha = {Alpha:G6}, beta = {Beta:G6})");

    /// <summary>
    /// Simulates a cohort from these parameters (seeded): each subscriber's churn probability θ ~ Beta(α, β); at the
    /// end of each period the subscriber leaves with probability θ.
    /// </summary>
    /// <param name="cohort">The subscribers at the start; 1 to <see cref="PurchaseSimulation.MaxCustomers"/>.</param>
    /// <param name="periods">The periods simulated; 1 to 10,000.</param>
    /// <param name="seed">The seed: the same arguments give the same counts.</param>
    /// <returns>The subscribers at the start of periods 0 … <paramref name="periods"/> — the input of <see cref="Fit"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its range.</exception>
    public IReadOnlyList<long> Simulate(int cohort, int periods, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cohort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cohort, PurchaseSimulation.MaxCustomers);
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(periods, 10_000);
        var sampler = new Sampler(seed);
        var alive = new long[periods + 1];
        for (var i = 0; i < cohort; i++)
        {
            var theta = sampler.Beta(Alpha, Beta);
            alive[0]++;
            for (var t = 1; t <= periods && sampler.Uniform() >= theta; t++)
            {
                alive[t]++;
            }
        }

        return Array.AsReadOnly(alive);
    }
}
