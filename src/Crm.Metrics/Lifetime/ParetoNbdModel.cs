using System.Globalization;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime.Numerics;
using Crm.Metrics.Lifetime.ParetoNbd;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987): while alive, a customer buys at a Poisson rate
/// λ ~ Gamma(r, α); their lifetime is exponential with rate μ ~ Gamma(s, β), so they may drop out at any time (not
/// only after a purchase, as in BG/NBD). The parameters are stated per <see cref="TimeUnit"/>.
/// </summary>
/// <remarks>
/// <para>The likelihood needs the Gauss hypergeometric function ₂F₁(a, b; a+1; z): its series where z ≤ 0.95, and
/// Euler's integral by double-exponential quadrature nearer 1 (β ≪ α or α ≪ β with small t_x). The gradient is
/// analytic, through the term-by-term derivatives of the series and, where the integral is used, its derivatives
/// under the integral sign; β is often weakly identified (see its standard error).</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record ParetoNbdModel : IFactoredPurchaseModel
{
    /// <summary>Creates the model from its parameters.</summary>
    /// <param name="r">Shape of the purchase-rate gamma distribution; positive.</param>
    /// <param name="alpha">Scale of the purchase-rate gamma distribution, in <paramref name="timeUnit"/>; positive.</param>
    /// <param name="s">Shape of the dropout-rate gamma distribution; positive.</param>
    /// <param name="beta">Scale of the dropout-rate gamma distribution, in <paramref name="timeUnit"/>; positive.</param>
    /// <param name="timeUnit">The unit the parameters are stated in.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite, or the unit is not defined.</exception>
    public ParetoNbdModel(double r, double alpha, double s, double beta, ModelTimeUnit timeUnit)
    {
        R = ModelParameters.Positive(r, nameof(r));
        Alpha = ModelParameters.Positive(alpha, nameof(alpha));
        S = ModelParameters.Positive(s, nameof(s));
        Beta = ModelParameters.Positive(beta, nameof(beta));
        TimeUnit = ModelTime.CheckUnit(timeUnit, nameof(timeUnit));
    }

    /// <summary>r: shape of the purchase-rate distribution.</summary>
    public double R { get; }

    /// <summary>α: scale of the purchase-rate distribution (in <see cref="TimeUnit"/>).</summary>
    public double Alpha { get; }

    /// <summary>s: shape of the dropout-rate distribution.</summary>
    public double S { get; }

    /// <summary>β: scale of the dropout-rate distribution (in <see cref="TimeUnit"/>).</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public ModelTimeUnit TimeUnit { get; }

    /// <summary>Fits the model to a summary by maximum likelihood, in the summary's time unit.</summary>
    /// <remarks>
    /// BFGS on the log-parameters from (1, 1, 1, 1) until ‖∇ ln L‖ ≤ <see cref="FitOptions.GradientTolerance"/> · |ln L|.
    /// A base with 20,000 or more distinct summaries is first fitted on an evenly spaced sample of about 5,000
    /// customers; the full fit starts at that maximum with its curvature and needs a few iterations instead of
    /// twenty or more, to the same tolerance. Standard errors come from the observed information (forward
    /// differences of the analytic gradient).
    /// </remarks>
    /// <param name="summary">The customers.</param>
    /// <param name="options">Iteration limit and tolerance; null for the defaults.</param>
    /// <param name="progress">Told after each iteration; optional.</param>
    /// <param name="cancellationToken">Stops the fit between iterations.</param>
    /// <returns>The fitted model with its log-likelihood, convergence information and standard errors.</returns>
    /// <exception cref="ArgumentException">The summary has no customers, or no customer with a repeat purchase.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ModelFit<ParetoNbdModel> Fit(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        GroupedFit.Run("Pareto/NBD", ["r", "alpha", "s", "beta"], static groups => new ParetoNbdObjective(groups), static (e, unit) => new ParetoNbdModel(e[0], e[1], e[2], e[3], unit), summary, options, progress, cancellationToken);

    /// <summary>
    /// Simulates purchases from these parameters (seeded): each customer's rate λ ~ Gamma(r, α) and dropout rate
    /// μ ~ Gamma(s, β); they stay for an exponential lifetime of rate μ and buy as a Poisson process from the first
    /// purchase while they stay. For recovery checks, benchmarks and what-if runs.
    /// </summary>
    /// <param name="simulation">Customers, acquisition window, observation end, seed and spend.</param>
    /// <returns>The purchases, in time order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="simulation"/> is null.</exception>
    public IReadOnlyList<Purchase> Simulate(PurchaseSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        return simulation.Generate(TimeUnit, (sampler, horizon, times) =>
        {
            var lambda = sampler.Gamma(R) / Alpha;
            var lifetime = sampler.Exponential(sampler.Gamma(S) / Beta);
            var until = Math.Min(horizon, lifetime);
            for (var t = sampler.Exponential(lambda); t <= until; t += sampler.Exponential(lambda))
            {
                times.Add(t);
            }

            return true;
        });
    }

    /// <summary>One customer's log-likelihood at these parameters (in <see cref="TimeUnit"/>).</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>ln L of the customer's x, t_x and T.</returns>
    public double LogLikelihood(in CustomerSummary customer) => ParetoNbdLikelihood.Single(R, Alpha, S, Beta, customer.In(TimeUnit));

    /// <inheritdoc/>
    /// <remarks>(r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive), continuous at s = 1.</remarks>
    public double ExpectedPurchases(in CustomerSummary customer, ModelTime t)
    {
        var c = customer.In(TimeUnit);
        var horizon = t.ToUnit(TimeUnit);
        return (R + c.X) * (Beta + c.T) / (Alpha + c.T) * ParetoNbdLikelihood.PowerRatio((Beta + c.T) / (Beta + c.T + horizon), S)
            * ParetoNbdLikelihood.ProbabilityAlive(R, Alpha, S, Beta, c);
    }

    /// <inheritdoc/>
    double IFactoredPurchaseModel.ExpectedWhileAlive(int x, double age, double t) =>
        (R + x) * (Beta + age) / (Alpha + age) * ParetoNbdLikelihood.PowerRatio((Beta + age) / (Beta + age + t), S);

    /// <inheritdoc/>
    double IFactoredPurchaseModel.ProbabilityAlive(RepeatSummary customer) => ParetoNbdLikelihood.ProbabilityAlive(R, Alpha, S, Beta, customer);

    /// <inheritdoc/>
    /// <remarks>r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)], continuous at s = 1.</remarks>
    public double ExpectedPurchasesForNewCustomer(ModelTime t) =>
        R * Beta / Alpha * ParetoNbdLikelihood.PowerRatio(Beta / (Beta + t.ToUnit(TimeUnit)), S);

    /// <inheritdoc/>
    /// <remarks>1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀) — below 1 even without repeat purchases (a Pareto/NBD customer can drop out at any time).</remarks>
    public double ProbabilityAlive(in CustomerSummary customer) =>
        ParetoNbdLikelihood.ProbabilityAlive(R, Alpha, S, Beta, customer.In(TimeUnit));

    /// <summary>
    /// P(alive at T + t | x, t_x, T) = P(alive) · ((β+T)/(β+T+t))^s: alive now, the dropout rate given that is
    /// Gamma(s, β+T), and the lifetime is memoryless.
    /// </summary>
    /// <param name="customer">The customer's summary.</param>
    /// <param name="ahead">t, how far beyond the calibration end; not negative.</param>
    /// <returns>A probability in [0, P(alive)], not increasing in t; P(alive) at t = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ahead"/> is negative.</exception>
    public double ProbabilityAlive(in CustomerSummary customer, ModelTime ahead)
    {
        var t = ModelParameters.NotNegativeTime(ahead, TimeUnit, nameof(ahead));
        var c = customer.In(TimeUnit);
        return ParetoNbdLikelihood.ProbabilityAlive(R, Alpha, S, Beta, c) * Math.Exp(S * -SpecialFunctions.LogP1(t / (Beta + c.T)));
    }

    /// <summary>
    /// Discounted expected residual transactions (DERT): the purchases the customer is expected to make from the
    /// calibration end on, each discounted continuously at <paramref name="discountRate"/> per <see cref="TimeUnit"/> —
    /// δ ∫₀^∞ e^(−δt) E[X(t) | x, t_x, T] dt. Closed form (Fader, Hardie &amp; Lee 2005, "RFM and CLV", eq. 2):
    /// (r+x) δ^(s−1) U(s, s; δ(β+T)) / ((α+T)^(r+x+1) [(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) A₀]), with Tricomi's U.
    /// Times the expected spend per purchase (Gamma-Gamma) and a margin, it is the customer's residual lifetime value
    /// with continuous discounting (docs/models.md compares it with the discrete-period CLV).
    /// </summary>
    /// <param name="customer">The customer's summary.</param>
    /// <param name="discountRate">δ, the continuous discount rate per time unit: for an annual rate d and a weekly model, ln(1 + d) / 52.18; positive and finite.</param>
    /// <returns>Purchases, not negative: below the undiscounted expectation, falling as δ rises, towards 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not positive and finite.</exception>
    public double DiscountedResidualTransactions(in CustomerSummary customer, double discountRate)
    {
        var delta = ResidualDiscounting.Rate(discountRate, nameof(discountRate));
        var c = customer.In(TimeUnit);
        var log = ((S - 1) * Math.Log(delta)) + Math.Log(R + c.X) + ResidualDiscounting.LogTricomiUEqual(S, delta * (Beta + c.T))
            - ((R + c.X + 1) * Math.Log(Alpha + c.T)) - ParetoNbdLikelihood.LogBracket(R, Alpha, S, Beta, c.X, c.Tx, c.T);
        return Math.Exp(log);
    }

    /// <summary>The parameters with the unit, invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Pareto/NBD(r = {R:G6}, alpha = {Alpha:G6}, s = {S:G6}, beta = {Beta:G6}; per {(TimeUnit == ModelTimeUnit.Weeks ? "week" : "day")})");
}
