using System.Globalization;
using Crm.Metrics.Lifetime.BgNbd;
using Crm.Metrics.Lifetime.Covariates;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// BG/NBD with static covariates, in the parameterisation of CLVTools: a customer with purchase covariates z^P and
/// dropout covariates z^L buys as BG/NBD at α_i = α · exp(−γ^P · z^P) (a positive effect raises the purchase rate,
/// whose mean is r/α_i) and drops out with a_i = a · exp(γ^L · z^L), b_i = b · exp(γ^L · z^L) (the mean dropout
/// probability a/(a+b) is unchanged; a positive effect concentrates it); r is shared.
/// </summary>
/// <remarks>
/// <para>Fit it with <see cref="Fit"/>; predict for a customer with <see cref="For(CustomerCovariates)"/>, which gives the
/// plain <see cref="BgNbdModel"/> at that customer's parameters (P(alive), expected purchases, CLV through the usual
/// calls), or for a whole base with <see cref="Forecast"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class BgNbdCovariateModel
{
    internal static readonly CovariateFit.Link[] Links =
        [new(CovariateFit.Link.None, 0), new(CovariateFit.Link.Purchase, -1), new(CovariateFit.Link.Lifetime, 1), new(CovariateFit.Link.Lifetime, 1)];

    /// <summary>Creates the model from its parameters.</summary>
    /// <param name="r">Shape of the purchase-rate distribution; positive.</param>
    /// <param name="alpha">Scale of the purchase-rate distribution at zero covariates, in <paramref name="timeUnit"/>; positive.</param>
    /// <param name="a">First shape of the dropout distribution at zero covariates; positive.</param>
    /// <param name="b">Second shape of the dropout distribution at zero covariates; positive.</param>
    /// <param name="purchaseEffects">γ^P, one per purchase covariate.</param>
    /// <param name="lifetimeEffects">γ^L, one per dropout covariate.</param>
    /// <param name="timeUnit">The unit the parameters are stated in.</param>
    /// <exception cref="ArgumentException">A parameter is not positive and finite, an effect list is null or holds null, or the unit is not defined.</exception>
    public BgNbdCovariateModel(double r, double alpha, double a, double b, IReadOnlyList<CovariateEffect> purchaseEffects, IReadOnlyList<CovariateEffect> lifetimeEffects, ModelTimeUnit timeUnit)
    {
        Base = new BgNbdModel(r, alpha, a, b, timeUnit);
        PurchaseEffects = Effects(purchaseEffects, nameof(purchaseEffects));
        LifetimeEffects = Effects(lifetimeEffects, nameof(lifetimeEffects));
    }

    /// <summary>The model of a customer whose covariates are all zero (the baseline categories).</summary>
    public BgNbdModel Base { get; }

    /// <summary>γ^P: the effects on the purchase rate (α_i = α · exp(−γ^P · z^P)).</summary>
    public IReadOnlyList<CovariateEffect> PurchaseEffects { get; }

    /// <summary>γ^L: the effects on dropout (a_i = a · exp(γ^L · z^L), b_i = b · exp(γ^L · z^L)).</summary>
    public IReadOnlyList<CovariateEffect> LifetimeEffects { get; }

    /// <summary>The unit the parameters are stated in.</summary>
    public ModelTimeUnit TimeUnit => Base.TimeUnit;

    /// <summary>
    /// Fits the model to a summary by maximum likelihood, with analytic gradients: every parameter and effect together,
    /// from the plain model's estimates and no effects (on a large base, from the fit of an evenly spaced sample of
    /// about 10,000 customers). Customers with the same covariates are
    /// one cell whose identical summaries are evaluated once, so categorical covariates cost about one plain
    /// likelihood per iteration.
    /// </summary>
    /// <param name="summary">The customers.</param>
    /// <param name="covariates">Every customer's covariates (the table may hold more customers than the summary).</param>
    /// <param name="options">Iteration limit and tolerance; null for the defaults.</param>
    /// <param name="progress">Told after each iteration of the joint fit; optional.</param>
    /// <param name="cancellationToken">Stops the fit between iterations.</param>
    /// <returns>The fit: r, α, a, b, then the purchase effects (<c>purchase:</c> name) and the dropout effects (<c>dropout:</c> name), each with its standard error.</returns>
    /// <exception cref="ArgumentException">The summary has no customer with a repeat purchase, or a customer of the summary has no covariates.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ModelFit<BgNbdCovariateModel> Fit(CustomerBaseSummary summary, CovariateTable covariates, FitOptions? options = null, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        CovariateFit.Run(
            summary,
            covariates,
            Links,
            ["r", "alpha", "a", "b"],
            static groups => new BgNbdObjective(groups),
            fitOptions => BgNbdModel.Fit(summary, fitOptions, null, cancellationToken),
            static (p, purchase, lifetime, unit) => new BgNbdCovariateModel(p[0], p[1], p[2], p[3], purchase, lifetime, unit),
            options,
            progress,
            cancellationToken);

    /// <summary>The plain BG/NBD model at a customer's parameters.</summary>
    /// <param name="covariates">The customer's covariates, in the order of the effects.</param>
    /// <returns>BG/NBD with α_i, a_i, b_i.</returns>
    /// <exception cref="ArgumentException">The numbers of values do not match the effects, a value is not finite, or the customer's parameters leave the range of a double.</exception>
    public BgNbdModel For(CustomerCovariates covariates)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        var purchase = CovariateFit.Factor(PurchaseEffects, covariates.Purchase, -1, nameof(covariates));
        var lifetime = CovariateFit.Factor(LifetimeEffects, covariates.Lifetime, 1, nameof(covariates));
        try
        {
            return new BgNbdModel(Base.R, Base.Alpha * purchase, Base.A * lifetime, Base.B * lifetime, TimeUnit);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException("The customer's covariates move a parameter beyond the range of a double.", nameof(covariates), e);
        }
    }

    /// <summary>
    /// Every customer's forecast, each at their own parameters (<see cref="For(CustomerCovariates)"/>): the customers of
    /// one cell (the same covariates) in one batch, the results in the summary's order.
    /// </summary>
    /// <param name="summary">The customers.</param>
    /// <param name="covariates">Every customer's covariates.</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="settings">Horizon, discount period and rate, margin.</param>
    /// <returns>One forecast per customer, each equal to <see cref="CustomerLifetimeValue.Forecast(IPurchaseModel, GammaGammaModel, in CustomerSummary, ClvSettings)"/> with the customer's model.</returns>
    /// <exception cref="ArgumentException">A customer has no covariates, or cannot be valued by the spend model.</exception>
    public IReadOnlyList<CustomerValueForecast> Forecast(CustomerBaseSummary summary, CovariateTable covariates, GammaGammaModel spend, ClvSettings settings) =>
        CovariateForecast.ByCell(summary, covariates, spend, settings, For);

    /// <summary>The parameters (invariant culture).</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"BG/NBD with covariates(r = {Base.R:G6}, alpha = {Base.Alpha:G6}, a = {Base.A:G6}, b = {Base.B:G6}; purchase [{string.Join(", ", PurchaseEffects.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Name} {e.Value:G4}")))}]; dropout [{string.Join(", ", LifetimeEffects.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Name} {e.Value:G4}")))}]; per {(TimeUnit == ModelTimeUnit.Weeks ? "week" : "day")})");

    internal static CovariateEffect[] Effects(IReadOnlyList<CovariateEffect> effects, string parameter)
    {
        ArgumentNullException.ThrowIfNull(effects, parameter);
        return effects.Any(e => e is null) ? throw new ArgumentException("An effect is null.", parameter) : [.. effects];
    }
}
