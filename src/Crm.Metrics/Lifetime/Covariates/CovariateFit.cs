using System.Globalization;
using Crm.Metrics.Lifetime.Numerics;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime.Covariates;

/// <summary>
/// Maximum likelihood of a four-parameter purchase model with static covariates (the parameterisations of CLVTools):
/// each base parameter θ_j of a customer is θ_j · exp(s_j · γ_G · z_G) for the process G it belongs to (purchase or
/// dropout; none for the shape parameters), with sign s_j. Customers with the same covariates form a cell; within a
/// cell every customer has the same parameters, so the cell's ln L is the plain model's over its grouped summaries, and
/// the chain rule turns the plain gradient into the gradient over (θ, γ^P, γ^L): ∂/∂θ_j = Σ_cells g_j φ_j / θ_j and
/// ∂/∂γ_G,k = Σ_cells Σ_{j in G} g_j φ_j s_j z_G,k, with φ the cell's parameters and g the plain gradient there.
/// </summary>
internal static class CovariateFit
{
    /// <summary>Which process a base parameter belongs to, and the sign of the effect on it.</summary>
    public readonly record struct Link(int Process, int Sign)
    {
        public const int None = 0, Purchase = 1, Lifetime = 2;
    }

    /// <summary>
    /// The fit of a model with covariates, as <see cref="BgNbdCovariateModel.Fit"/> and <see cref="ParetoNbdCovariateModel.Fit"/>
    /// describe it: the options checked, the customers split into cells, the plain model's fit as the start on a small
    /// base, every parameter and effect maximised together, and the estimates named (the base parameters, then
    /// <c>purchase:</c> and <c>dropout:</c> with each covariate's name).
    /// </summary>
    public static ModelFit<TModel> Run<TModel, TPlain>(CustomerBaseSummary summary, CovariateTable covariates, Link[] links, string[] baseNames, Func<SummaryGroups, IObjective> cellLikelihood, Func<FitOptions, ModelFit<TPlain>> plainFit, Func<double[], CovariateEffect[], CovariateEffect[], ModelTimeUnit, TModel> create, FitOptions? options, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
        where TModel : class
        where TPlain : class
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(covariates);
        options ??= FitOptions.Default;
        options.Validate(nameof(options));
        var cells = Cells(summary, covariates, nameof(covariates));
        double[] PlainStart() => plainFit(options) is { IsConverged: true } plain ? [.. plain.Parameters.Select(p => p.Value)] : [.. Enumerable.Repeat(1.0, links.Length)];
        var (purchase, lifetime) = (covariates.PurchaseNames, covariates.LifetimeNames);
        var (result, distinct) = Maximise(cells, links, cellLikelihood, summary.TimeUnit, PlainStart, purchase.Count, lifetime.Count, options, progress, cancellationToken);
        return result.ToFit(
            p => create(p, Effects(p, links.Length, purchase), Effects(p, links.Length + purchase.Count, lifetime), summary.TimeUnit),
            Names(baseNames, covariates),
            summary.Span.Length,
            distinct,
            positive: links.Length);
    }

    /// <summary>The cells of a base: the distinct covariate vectors, with their customers.</summary>
    public sealed record Cell(double[] Purchase, double[] Lifetime, CustomerSummary[] Customers);

    /// <summary>Splits the summary's customers into cells by their covariates.</summary>
    /// <exception cref="ArgumentException">A customer of the summary has no covariates (named by <paramref name="parameter"/>).</exception>
    public static List<Cell> Cells(CustomerBaseSummary summary, CovariateTable covariates, string parameter)
    {
        var members = new List<CustomerSummary>?[covariates.Cells.Count];
        var order = new List<int>();
        var missing = 0;
        CustomerId? firstMissing = null;
        foreach (var customer in summary.Span)
        {
            var cell = covariates.CellOf(customer.CustomerId);
            if (cell < 0)
            {
                missing++;
                firstMissing ??= customer.CustomerId;
                continue;
            }

            if (members[cell] is not { } list)
            {
                members[cell] = list = [];
                order.Add(cell);
            }

            list.Add(customer);
        }

        if (missing > 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{missing} customers of the summary have no covariates (the first: '{firstMissing}'); every customer fitted needs them."), parameter);
        }

        return [.. order.Select(c => new Cell([.. covariates.Cells[c].Purchase], [.. covariates.Cells[c].Lifetime], [.. members[c]!]))];
    }

    /// <summary>
    /// Fits the base parameters and the effects. <paramref name="cellLikelihood"/> makes each cell's plain objective
    /// over its grouped summaries. On a large base (<see cref="SummaryGroups.SampleFrom"/> distinct summaries or more)
    /// an evenly spaced sample of about <see cref="SampleCustomers"/> customers, taken within each cell, is fitted first
    /// from base parameters of 1 and no effects, and its maximum and curvature start the full fit; on a smaller base
    /// the fit starts from <paramref name="plainStart"/>'s estimates (the plain model's) with no effects.
    /// </summary>
    public static (MaximumLikelihood.Result Result, int DistinctSummaries) Maximise(List<Cell> cells, Link[] links, Func<SummaryGroups, IObjective> cellLikelihood, ModelTimeUnit unit, Func<double[]> plainStart, int purchaseCount, int lifetimeCount, FitOptions options, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        var groups = cells.Select(c => SummaryGroups.From(c.Customers, unit, "summary")).ToList();
        MaximumLikelihood.Sample? sample = null;
        var customers = cells.Sum(c => c.Customers.Length);
        if (groups.Sum(g => g.Count) >= SummaryGroups.SampleFrom && customers >= 2 * SampleCustomers)
        {
            var stride = customers / SampleCustomers;
            var sampled = cells
                .Select(c => c with { Customers = [.. c.Customers.Where((_, i) => i % stride == 0)] })
                .Where(c => c.Customers.Length > 0)
                .ToList();
            sample = new MaximumLikelihood.Sample(
                Objective(sampled, [.. sampled.Select(c => SummaryGroups.From(c.Customers, unit, "summary"))], links, cellLikelihood, purchaseCount, lifetimeCount, cancellationToken),
                (double)sampled.Sum(c => c.Customers.Length) / customers);
        }

        double[] start = [.. sample is null ? plainStart() : Enumerable.Repeat(1.0, links.Length), .. new double[purchaseCount + lifetimeCount]];
        return (MaximumLikelihood.Maximise(Objective(cells, groups, links, cellLikelihood, purchaseCount, lifetimeCount, cancellationToken), start, options, progress, cancellationToken, sample, positive: links.Length), groups.Sum(g => g.Count));
    }

    /// <summary>About how many customers the sample that starts a large fit with covariates holds (more than a plain fit's: there are more parameters).</summary>
    public const int SampleCustomers = 5_000;

    /// <summary>ln L over the cells, with its gradient over (θ, γ^P, γ^L) by the chain rule.</summary>
    internal static MaximumLikelihood.LogLikelihood Objective(List<Cell> cells, List<SummaryGroups> groups, Link[] links, Func<SummaryGroups, IObjective> cellLikelihood, int purchaseCount, int lifetimeCount, CancellationToken cancellationToken)
    {
        var bases = links.Length;
        var objectives = groups.Select(cellLikelihood).ToArray();
        var phi = new double[bases];
        var g = new double[bases];
        return (theta, gradient) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            gradient.Clear();
            var total = 0.0;
            for (var c = 0; c < cells.Count; c++)
            {
                var (purchase, lifetime) = (cells[c].Purchase, cells[c].Lifetime);
                double etaPurchase = 0, etaLifetime = 0;
                for (var k = 0; k < purchaseCount; k++)
                {
                    etaPurchase += theta[bases + k] * purchase[k];
                }

                for (var k = 0; k < lifetimeCount; k++)
                {
                    etaLifetime += theta[bases + purchaseCount + k] * lifetime[k];
                }

                for (var j = 0; j < bases; j++)
                {
                    var eta = links[j].Process switch { Link.Purchase => etaPurchase, Link.Lifetime => etaLifetime, _ => 0 };
                    phi[j] = theta[j] * Math.Exp(links[j].Sign * eta);
                    if (!(phi[j] > 0 && double.IsFinite(phi[j])))
                    {
                        return double.NegativeInfinity; // a trial step too far (no likelihood there): the optimiser halves it
                    }
                }

                var value = objectives[c].Evaluate(phi, g);
                if (!double.IsFinite(value))
                {
                    return value;
                }

                total += value;
                for (var j = 0; j < bases; j++)
                {
                    var dPhi = g[j] * phi[j];
                    gradient[j] += dPhi / theta[j];
                    switch (links[j].Process)
                    {
                        case Link.Purchase:
                            for (var k = 0; k < purchaseCount; k++)
                            {
                                gradient[bases + k] += dPhi * links[j].Sign * purchase[k];
                            }

                            break;
                        case Link.Lifetime:
                            for (var k = 0; k < lifetimeCount; k++)
                            {
                                gradient[bases + purchaseCount + k] += dPhi * links[j].Sign * lifetime[k];
                            }

                            break;
                    }
                }
            }

            return total;
        };
    }

    /// <summary>The parameters' names: the base ones, then <c>purchase:</c> and <c>dropout:</c> with each covariate's name.</summary>
    public static string[] Names(string[] bases, CovariateTable covariates) =>
        [.. bases, .. covariates.PurchaseNames.Select(n => "purchase:" + n), .. covariates.LifetimeNames.Select(n => "dropout:" + n)];

    /// <summary>The effects of one process from a parameter vector.</summary>
    public static CovariateEffect[] Effects(double[] parameters, int offset, IReadOnlyList<string> names) =>
        [.. names.Select((name, k) => new CovariateEffect(name, parameters[offset + k]))];

    /// <summary>exp(s · γ · z) for a customer's values of one process.</summary>
    public static double Factor(IReadOnlyList<CovariateEffect> effects, IReadOnlyList<double> values, int sign, string parameter)
    {
        if (values.Count != effects.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The model has {effects.Count} covariates of this process; {values.Count} values were given."), parameter);
        }

        var eta = 0.0;
        for (var k = 0; k < effects.Count; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                throw new ArgumentException($"Covariate '{effects[k].Name}' is not a finite number.", parameter);
            }

            eta += effects[k].Value * values[k];
        }

        return Math.Exp(sign * eta);
    }
}
