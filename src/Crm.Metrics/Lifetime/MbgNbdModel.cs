using Crm.Domain.Activity;
using Crm.Metrics.Lifetime.BgNbd;
using Crm.Metrics.Lifetime.Intervals;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The MBG/NBD model of Batislam, Denizel &amp; Filiztekin (2007): BG/NBD in which a customer may also drop out right
/// after the first purchase. While alive, a customer buys at a Poisson rate λ ~ Gamma(r, α); after every purchase,
/// the first included, they drop out with probability p ~ Beta(a, b). So a customer who never bought again may be
/// gone (P(alive) &lt; 1 at x = 0), where BG/NBD holds them alive. The parameters are stated per
/// <see cref="TimeUnit"/>.
/// </summary>
/// <remarks>
/// <para>Create it by <see cref="Fit(CustomerBaseSummary, FitOptions?, IProgress{FitProgress}?, CancellationToken)"/>,
/// or from known parameters with the constructor.</para>
/// <para>Per-customer log-likelihood (B the beta function):
/// ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b) − (r+x) ln(α+T) + ln[1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)].</para>
/// <para>Predictions are BG/NBD's with one more chance to drop out: the dropout probability of a customer alive after
/// x repeat purchases is Beta(a, b+x+1). Closed forms with the ₂F₁ series where they are fast and exact, quadrature
/// over the dropout probability elsewhere, as for <see cref="BgNbdModel"/>.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record MbgNbdModel : IFactoredPurchaseModel
{
    /// <summary>Creates the model from its parameters.</summary>
    /// <param name="r">Shape of the purchase-rate gamma distribution; positive.</param>
    /// <param name="alpha">Scale of the purchase-rate gamma distribution, in <paramref name="timeUnit"/>; positive.</param>
    /// <param name="a">First shape of the dropout beta distribution; positive.</param>
    /// <param name="b">Second shape of the dropout beta distribution; positive.</param>
    /// <param name="timeUnit">The unit the parameters are stated in.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite, or the unit is not defined.</exception>
    public MbgNbdModel(double r, double alpha, double a, double b, ModelTimeUnit timeUnit)
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
    /// As <see cref="BgNbdModel.Fit"/>: BFGS on the log-parameters from (1, 1, 1, 1), a sampled start on large bases,
    /// identical summaries evaluated once, standard errors from the observed information. Customers without a repeat
    /// purchase inform the dropout at the first purchase, so the fit needs repeaters as BG/NBD's does.
    /// </remarks>
    /// <param name="summary">The customers.</param>
    /// <param name="options">Iteration limit and tolerance; null for the defaults.</param>
    /// <param name="progress">Told after each iteration; optional.</param>
    /// <param name="cancellationToken">Stops the fit between iterations.</param>
    /// <returns>The fitted model with its log-likelihood, convergence information and standard errors.</returns>
    /// <exception cref="ArgumentException">The summary has no customers, or no customer with a repeat purchase (the parameters are then not identified).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ModelFit<MbgNbdModel> Fit(CustomerBaseSummary summary, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        GroupedFit.Run("MBG/NBD", ["r", "alpha", "a", "b"], static groups => new BgNbdObjective(groups, modified: true), static (p, unit) => new MbgNbdModel(p[0], p[1], p[2], p[3], unit), summary, options, progress, cancellationToken);

    /// <summary>
    /// Simulates purchases from these parameters (seeded): each customer's rate λ ~ Gamma(r, α), dropout p ~ Beta(a, b); purchases follow a
    /// Poisson process from the first; at the first purchase and after each repeat purchase the customer drops out with probability p. For recovery checks, benchmarks and what-if runs.
    /// </summary>
    /// <param name="simulation">Customers, acquisition window, observation end, seed and spend.</param>
    /// <returns>The purchases, in time order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="simulation"/> is null.</exception>
    public IReadOnlyList<Purchase> Simulate(PurchaseSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        return simulation.Generate(TimeUnit, (s, horizon, times) => BgNbdFamilySimulation.Repeats(s, horizon, times, R, Alpha, A, B, dropAtFirst: true));
    }

    /// <summary>One customer's log-likelihood at these parameters (in <see cref="TimeUnit"/>).</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>ln L of the customer's x, t_x and T.</returns>
    public double LogLikelihood(in CustomerSummary customer) => BgNbdLikelihood.Single(R, Alpha, A, B, customer.In(TimeUnit), modified: true);

    /// <inheritdoc/>
    /// <remarks>(a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive).</remarks>
    public double ExpectedPurchases(in CustomerSummary customer, ModelTime t) =>
        MbgNbdPredictions.ExpectedConditional(R, Alpha, A, B, customer.In(TimeUnit), t.ToUnit(TimeUnit));

    /// <inheritdoc/>
    double IFactoredPurchaseModel.ExpectedWhileAlive(int x, double age, double t) => BgNbdPredictions.ExpectedWhileAlive(R + x, Alpha + age, A, B + x + 1, t);

    /// <inheritdoc/>
    double IFactoredPurchaseModel.ProbabilityAlive(RepeatSummary customer) => MbgNbdPredictions.ProbabilityAlive(R, Alpha, A, B, customer);

    /// <inheritdoc/>
    void IFactoredPurchaseModel.ExpectedWhileAlive(int x, double age, ReadOnlySpan<double> horizons, Span<double> result) =>
        BgNbdPredictions.ExpectedWhileAlive(R + x, Alpha + age, A, B + x + 1, horizons, result);

    /// <inheritdoc/>
    void IFactoredPurchaseModel.DiscountedWhileAlive(ReadOnlySpan<int> xs, double age, ReadOnlySpan<double> horizons, ReadOnlySpan<double> discounts, Span<double> last, Span<double> discounted) =>
        DiscountedWhileAlive.OfAge(R, Alpha, A, B + 1, xs, age, horizons, discounts, last, discounted);

    /// <inheritdoc/>
    void IFactoredPurchaseModel.ProbabilityAlive(GroupIndex groups, Span<double> result) => BgNbdPredictions.ProbabilityAlive(R, Alpha, A, B, shift: 0, groups, result);

    /// <inheritdoc/>
    /// <remarks>b/(a−1) · [1 − ₂F₁(r, b+1; a+b; t/(α+t)) (α/(α+t))^r]: the customer first survives the dropout at the first purchase (probability b/(a+b)).</remarks>
    public double ExpectedPurchasesForNewCustomer(ModelTime t) =>
        MbgNbdPredictions.ExpectedForNewCustomer(R, Alpha, A, B, t.ToUnit(TimeUnit));

    /// <inheritdoc/>
    /// <remarks>1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)), below 1 also at x = 0.</remarks>
    public double ProbabilityAlive(in CustomerSummary customer) =>
        MbgNbdPredictions.ProbabilityAlive(R, Alpha, A, B, customer.In(TimeUnit));

    /// <summary>
    /// P(alive at T + t | x, t_x, T): alive now, and no dropout among the purchases of the next
    /// <paramref name="ahead"/> — as for BG/NBD, with the dropout probability of a customer alive after x repeat
    /// purchases, p ~ Beta(a, b+x+1).
    /// </summary>
    /// <param name="customer">The customer's summary.</param>
    /// <param name="ahead">t, how far beyond the calibration end; not negative.</param>
    /// <returns>A probability in [0, P(alive)], not increasing in t; P(alive) at t = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ahead"/> is negative.</exception>
    public double ProbabilityAlive(in CustomerSummary customer, ModelTime ahead)
    {
        var t = ModelParameters.NotNegativeTime(ahead, TimeUnit, nameof(ahead));
        var c = customer.In(TimeUnit);
        return MbgNbdPredictions.ProbabilityAlive(R, Alpha, A, B, c) * BetaExpectation.SurvivesPurchases(R + c.X, Alpha + c.T, A, B + c.X + 1, t);
    }

    /// <summary>
    /// Discounted expected residual transactions (DERT): the purchases the customer is expected to make from the
    /// calibration end on, each discounted continuously at <paramref name="discountRate"/> per <see cref="TimeUnit"/> —
    /// δ ∫₀^∞ e^(−δt) E[X(t) | x, t_x, T] dt. MBG/NBD has no closed form: the integral is computed by double-exponential
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
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"MBG/NBD(r = {R:G6}, alpha = {Alpha:G6}, a = {A:G6}, b = {B:G6}; per {(TimeUnit == ModelTimeUnit.Weeks ? "week" : "day")})");
}
