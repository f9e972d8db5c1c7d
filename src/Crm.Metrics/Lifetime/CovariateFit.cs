using System.Globalization;
using Crm.Metrics.Lifetime.Numerics;

namespace Crm.Metrics.Lifetime;

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

    /// <summary>The cells of a base: the distinct covariate vectors, with their customers.</summary>
    public sealed record Cell(double[] Purchase, double[] Lifetime, CustomerSummary[] Customers);

    /// <summary>Splits the summary's customers into cells by their covariates.</summary>
    /// <exception cref="ArgumentException">A customer of the summary has no covariates (named by <paramref name="parameter"/>).</exception>
    public static List<Cell> Cells(CustomerBaseSummary summary, CovariateTable covariates, string parameter)
    {
        var cells = new Dictionary<string, (double[] Purchase, double[] Lifetime, List<CustomerSummary> Customers)>(StringComparer.Ordinal);
        var order = new List<string>();
        var missing = 0;
        CustomerId? firstMissing = null;
        foreach (var customer in summary.Span)
        {
            if (covariates.Find(customer.CustomerId) is not { } z)
            {
                missing++;
                firstMissing ??= customer.CustomerId;
                continue;
            }

            var key = string.Join(",", z.Purchase.Concat(z.Lifetime).Select(v => BitConverter.DoubleToInt64Bits(v).ToString(CultureInfo.InvariantCulture)));
            if (!cells.TryGetValue(key, out var cell))
            {
                cell = ([.. z.Purchase], [.. z.Lifetime], []);
                cells[key] = cell;
                order.Add(key);
            }

            cell.Customers.Add(customer);
        }

        if (missing > 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{missing} customers of the summary have no covariates (the first: '{firstMissing}'); every customer fitted needs them."), parameter);
        }

        return [.. order.Select(key => new Cell(cells[key].Purchase, cells[key].Lifetime, [.. cells[key].Customers]))];
    }

    /// <summary>
    /// Fits the base parameters and the effects from <paramref name="start"/> (the plain model's estimates; effects
    /// from 0). <paramref name="cellLikelihood"/> makes each cell's plain objective over its grouped summaries.
    /// </summary>
    public static MaximumLikelihood.Result Maximise(List<Cell> cells, Link[] links, Func<SummaryGroups, MaximumLikelihood.LogLikelihood> cellLikelihood, ModelTimeUnit unit, double[] start, int purchaseCount, int lifetimeCount, FitOptions options, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        var bases = links.Length;
        var objectives = cells.Select(c => cellLikelihood(SummaryGroups.From(c.Customers, unit, "summary"))).ToArray();
        var phi = new double[bases];
        var g = new double[bases];

        double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient)
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
                        return double.NaN; // a trial step too far: the optimiser halves it
                    }
                }

                var value = objectives[c](phi, g);
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
        }

        return MaximumLikelihood.Maximise(LogLikelihood, start, options, progress, cancellationToken, sample: null, positive: bases);
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
