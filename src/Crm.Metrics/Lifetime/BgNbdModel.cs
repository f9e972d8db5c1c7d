using Crm.Domain.Activity;
using Crm.Metrics.Lifetime.BgNbd;
using Crm.Metrics.Lifetime.Intervals;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The BG/NBD model of Fader, Hardie &amp; Lee (2005, "Counting your customers the easy way"): while alive, a
/// customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with probability
/// p ~ Beta(a, b). The parameters are stated per <see cref="TimeUnit"/>.
/// </summary>
/// <remarks>
/// <para>Create it by <see cref="Fit(CustomerBaseSummary, FitOptions?, IProgress{FitProgress}?, CancellationToken)"/>
/// (from purchases, or from a caller's own summaries through <see cref="CustomerBaseSummary.FromSummaries"/>), or
/// from known parameters with the constructor (for example saved from an earlier fit).</para>
/// <para>Per-customer log-likelihood (B the beta function):
/// ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) + ln[(α+T)^−(r+x) + 1{x&gt;0} a/(b+x−1) (α+t_x)^−(r+x)].</para>
/// <para>Expected purchases use the closed forms of FHL 2005 (eq. 9 and 10, with the ₂F₁ series) where they are fast
/// and exact, and otherwise — long horizons relative to α + T, a near 1, a + b ≤ 1 — the same expectation integrated
/// over the dropout probability by double-exponential quadrature; both agree to about 1e-12.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record BgNbdModel : IFactoredPurchaseModel
{
    /// <summary>Creates the model from its parameters.</summary>
    /// <param name="r">Shape of the purchase-rate gamma distribution; positive.</param>
    /// <param name="alpha">Scale of the purchase-rate gamma distribution, in <paramref name="timeUnit"/>; positive.</param>
    /// <param name="a">First shape of the dropout beta distribution; positive.</param>
    /// <param name="b">Second shape of the dropout beta distribution; positive.</param>
    /// <param name="timeUnit">The unit the parameters are stated in.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite, or the unit is not defined.</exception>
    public BgNbdModel(double r, double alpha, double a, double b, ModelTimeUnit timeUnit)
    {
        R = ModelParameters.Positive(r, nameof(r));
        Alpha = ModelParameters.Positive(alpha, nameof(alpha));
        A = ModelParameters.Positive(a, nameof(a));
        B = ModelParameters.Positive(b, nameof(b));
        TimeUnit = ModelTime.CheckUnit(timeUnit, nameof(timeUnit));
    }

    /// <summary>r: shape of the purchase-rate distribution.</summary>
    public double R { get; }

    /// <summary>α: scale of the purchase-rate distribution (in <see cref="TimeUnit"/>).</summary>
    public double Alpha { get; }

    /// <summary>a: first shape of the dropout-probability distribution.</summary>
    public double A { get; }

    /// <summary>b: second shape of the dropout-probability distribution.</summary>
    public double B { get; }

    /// <inheritdoc/>
    public ModelTimeUnit TimeUnit { get; }

    /// <summary>Fits the model to a summary by maximum likelihood, in the summary's time unit.</summary>
    /// <remarks>
    /// BFGS on the log-parameters from (1, 1, 1, 1) until ‖∇ ln L‖ ≤ <see cref="FitOptions.GradientTolerance"/> · |ln L|.
    /// A base with 20,000 or more distinct summaries is first fitted on an evenly spaced sample of about 5,000
    /// customers; the full fit starts at that maximum with its curvature and needs a few iterations instead of
    /// twenty or more, to the same tolerance. Standard errors come from the observed information (forward
    /// differences of the analytic gradient). Identical summaries are evaluated once; large summaries are evaluated
    /// in parallel chunks with a result that does not depend on the number of cores.
    /// </remarks>
    /// <param name="summary">The customers.</param>
    /// <param name="options">Iteration limit and tolerance; null for the defaults.</param>
    /// <param name="progress">Told after each iteration; optional.</param>
    /// <param name="cancellationToken">Stops the fit between iterations.</param>
    /// <returns>The fitted model with its log-likelihood, convergence information and standard errors.</returns>
    /// <exception cref="ArgumentException">The summary has no customers, or no customer with a repeat purchase (the parameters are then not identified).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ModelFit<BgNbdModel> Fit(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        GroupedFit.Run("BG/NBD", ["r", "alpha", "a", "b"], static groups => new BgNbdObjective(groups), static (p, unit) => new BgNbdModel(p[0], p[1], p[2], p[3], unit), summary, options, progress, cancellationToken);

    /// <summary>
    /// Simulates purchases from these parameters (seeded): each customer's rate λ ~ Gamma(r, α), dropout p ~ Beta(a, b); purchases follow a
    /// Poisson process from the first; after each repeat purchase the customer drops out with probability p. For recovery checks, benchmarks and what-if runs.
    /// </summary>
    /// <param name="simulation">Customers, acquisition window, observation end, seed and spend.</param>
    /// <returns>The purchases, in time order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="simulation"/> is null.</exception>
    public IReadOnlyList<Purchase> Simulate(PurchaseSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        return simulation.Generate(TimeUnit, (s, horizon, times) => BgNbdFamilySimulation.Repeats(s, horizon, times, R, Alpha, A, B, dropAtFirst: false));
    }

    /// <summary>One customer's log-likelihood at these parameters (in <see cref="TimeUnit"/>).</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>ln L of the customer's x, t_x and T.</returns>
    public double LogLikelihood(in CustomerSummary customer) => BgNbdLikelihood.Single(R, Alpha, A, B, customer.In(TimeUnit));

    /// <inheritdoc/>
    /// <remarks>FHL 2005 eq. 10 (see the type's remarks for when the integral form is used).</remarks>
    public double ExpectedPurchases(in CustomerSummary customer, ModelTime t) =>
        BgNbdPredictions.ExpectedConditional(R, Alpha, A, B, customer.In(TimeUnit), t.ToUnit(TimeUnit));

    /// <inheritdoc/>
    double IFactoredPurchaseModel.ExpectedWhileAlive(int x, double age, double t) => BgNbdPredictions.ExpectedWhileAlive(R + x, Alpha + age, A, B + x, t);

    /// <inheritdoc/>
    double IFactoredPurchaseModel.ProbabilityAlive(RepeatSummary customer) => BgNbdPredictions.ProbabilityAlive(R, Alpha, A, B, customer);

    /// <inheritdoc/>
    void IFactoredPurchaseModel.ExpectedWhileAlive(int x, double age, ReadOnlySpan<double> horizons, Span<double> result) =>
        BgNbdPredictions.ExpectedWhileAlive(R + x, Alpha + age, A, B + x, horizons, result);

    /// <inheritdoc/>
    void IFactoredPurchaseModel.DiscountedWhileAlive(ReadOnlySpan<int> xs, double age, ReadOnlySpan<double> horizons, ReadOnlySpan<double> discounts, Span<double> last, Span<double> discounted) =>
        DiscountedWhileAlive.OfAge(R, Alpha, A, B, xs, age, horizons, discounts, last, discounted);

    /// <inheritdoc/>
    void IFactoredPurchaseModel.ProbabilityAlive(GroupIndex groups, Span<double> result) => BgNbdPredictions.ProbabilityAlive(R, Alpha, A, B, shift: 1, groups, result);

    /// <inheritdoc/>
    /// <remarks>FHL 2005 eq. 9 (see the type's remarks for when the integral form is used).</remarks>
    public double ExpectedPurchasesForNewCustomer(ModelTime t) =>
        BgNbdPredictions.ExpectedForNewCustomer(R, Alpha, A, B, t.ToUnit(TimeUnit));

    /// <inheritdoc/>
    /// <remarks>1 / (1 + 1{x&gt;0} a/(b+x−1) ((α+T)/(α+t_x))^(r+x)); exactly 1 when x = 0 (in BG/NBD a customer can only drop out right after a purchase).</remarks>
    public double ProbabilityAlive(in CustomerSummary customer) =>
        BgNbdPredictions.ProbabilityAlive(R, Alpha, A, B, customer.In(TimeUnit));

    /// <summary>
    /// P(alive at T + t | x, t_x, T): alive now, and no dropout among the purchases of the next
    /// <paramref name="ahead"/> — P(alive) · ₂F₁(r+x, a; a+b+x; −t/(α+T)), computed as its Euler integral over the
    /// dropout probability (p ~ Beta(a, b+x)) by quadrature.
    /// </summary>
    /// <param name="customer">The customer's summary.</param>
    /// <param name="ahead">t, how far beyond the calibration end; not negative.</param>
    /// <returns>A probability in [0, P(alive)], not increasing in t; P(alive) at t = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ahead"/> is negative.</exception>
    public double ProbabilityAlive(in CustomerSummary customer, ModelTime ahead)
    {
        var t = ModelParameters.NotNegativeTime(ahead, TimeUnit, nameof(ahead));
        var c = customer.In(TimeUnit);
        return BgNbdPredictions.ProbabilityAlive(R, Alpha, A, B, c) * BetaExpectation.SurvivesPurchases(R + c.X, Alpha + c.T, A, B + c.X, t);
    }

    /// <summary>P(X(t) = n): the probability that a customer just acquired makes exactly <paramref name="n"/> purchases in <paramref name="t"/> (FHL 2005 eq. 8).</summary>
    /// <param name="n">The number of purchases; ≥ 0.</param>
    /// <param name="t">The length of time.</param>
    /// <returns>A probability in [0, 1]; over n = 0, 1, … they sum to 1.</returns>
    /// <remarks>In no time nothing happens: at t = 0 it is 1 for n = 0 and 0 otherwise. The cost grows with n.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative or above <see cref="MaxPurchasesInProbability"/>, or <paramref name="t"/> is negative.</exception>
    public double ProbabilityOfPurchases(int n, ModelTime t) =>
        BgNbdPredictions.ProbabilityOfPurchases(R, Alpha, A, B, t.ToUnit(TimeUnit), n);

    /// <summary>The largest number of purchases <see cref="ProbabilityOfPurchases"/> takes (its cost grows with the number).</summary>
    public const int MaxPurchasesInProbability = 100_000;

    /// <summary>
    /// Discounted expected residual transactions (DERT): the purchases the customer is expected to make from the
    /// calibration end on, each discounted continuously at <paramref name="discountRate"/> per <see cref="TimeUnit"/> —
    /// δ ∫₀^∞ e^(−δt) E[X(t) | x, t_x, T] dt. BG/NBD has no closed form: the integral is computed by double-exponential
    /// quadrature of <see cref="ExpectedPurchases"/> (a few hundred evaluations). Times the expected spend per purchase
    /// (Gamma-Gamma) and a margin, it is the customer's residual lifetime value with continuous discounting
    /// (docs/models.md compares it with the discrete-period CLV).
    /// </summary>
    /// <param name="customer">The customer's summary.</param>
    /// <param name="discountRate">δ, the continuous discount rate per time unit: for an annual rate d and a weekly model, ln(1 + d) / 52.18; positive and finite.</param>
    /// <returns>Purchases, not negative: below the undiscounted expectation, falling as δ rises, towards 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not positive and finite.</exception>
    public double DiscountedResidualTransactions(in CustomerSummary customer, double discountRate)
    {
        var delta = ResidualDiscounting.Rate(discountRate, nameof(discountRate));
        var c = customer;
        var unit = TimeUnit;
        return ResidualDiscounting.ByQuadrature(t => ExpectedPurchases(c, ModelTime.In(t, unit)), delta);
    }

    /// <summary>The parameters with the unit, invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"BG/NBD(r = {R:G6}, alpha = {Alpha:G6}, a = {A:G6}, b = {B:G6}; per {(TimeUnit == ModelTimeUnit.Weeks ? "week" : "day")})");

}
