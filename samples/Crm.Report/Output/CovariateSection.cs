using System.Globalization;
using Crm.Metrics.Lifetime;
using Crm.Report.Input;

namespace Crm.Report.Output;

/// <summary>BG/NBD with the acquisition channel as a covariate of both processes, against the plain fit.</summary>
/// <param name="Baseline">The channel the effects are measured from (the most common one).</param>
/// <param name="Fit">The fit: r, α, a, b, then the purchase and the dropout effect of each other channel.</param>
/// <param name="LikelihoodRatio">2 (ln L with the channel − ln L without): how much the channel explains; compare with χ² on <paramref name="Degrees"/> degrees of freedom.</param>
/// <param name="Degrees">The effects fitted.</param>
internal sealed record ChannelCovariates(string Baseline, ModelFit<BgNbdCovariateModel> Fit, double LikelihoodRatio, int Degrees);

/// <summary>
/// The covariate fit by acquisition channel, when the customers file gives channels: every customer of the
/// summary in their channel, those without one (or without a customers row) in "(none)".
/// </summary>
internal static class CovariateSection
{
    public const string NoChannel = "(none)";

    public static ChannelCovariates? Build(InputData data, CustomerBaseSummary summary, ModelFit<BgNbdModel>? plain, List<string> notes)
    {
        if (data.Customers is not { } customers || !customers.Any(c => c.AcquisitionChannel is not null))
        {
            return null;
        }

        if (plain is not { IsConverged: true })
        {
            notes.Add("No covariate fit by acquisition channel: BG/NBD itself did not converge.");
            return null;
        }

        var channels = new Dictionary<Crm.Domain.CustomerId, string>();
        foreach (var customer in customers)
        {
            if (customer.AcquisitionChannel is { } channel)
            {
                channels[customer.Id] = channel;
            }
        }

        CovariateTable table;
        try
        {
            table = CovariateTable.FromCategories(["channel"], summary.Customers.Select(c =>
                new KeyValuePair<Crm.Domain.CustomerId, IReadOnlyList<string>>(c.CustomerId, [channels.GetValueOrDefault(c.CustomerId, NoChannel)])));
        }
        catch (ArgumentException e)
        {
            notes.Add($"No covariate fit by acquisition channel: {e.Message}");
            return null;
        }

        // Both processes first; when a dropout effect cannot be told apart (BG/NBD's scales a and b together, which
        // runs off when a channel's customers hardly differ in dropout), the purchase process alone.
        var fit = BgNbdCovariateModel.Fit(summary, table);
        if (!fit.IsConverged && fit.BoundaryParameter?.StartsWith("dropout:", StringComparison.Ordinal) == true)
        {
            notes.Add($"BG/NBD with the acquisition channel: the dropout effect {fit.BoundaryParameter} ran to its bound (the data do not tell that channel's dropout apart), so the channel shifts the purchase process only.");
            table = new CovariateTable(table.PurchaseNames, [], summary.Customers.Select(c => table.Find(c.CustomerId)! with { Lifetime = [] }));
            fit = BgNbdCovariateModel.Fit(summary, table);
        }

        if (!fit.IsConverged)
        {
            notes.Add($"BG/NBD with the acquisition channel did not converge ({fit.Status}{(fit.BoundaryParameter is { } p ? ", " + p : string.Empty)}): a channel with too few repeat buyers cannot be told apart.");
        }

        var used = table.PurchaseNames.Select(n => n["channel=".Length..]).ToHashSet(StringComparer.Ordinal);
        var baseline = summary.Customers.Select(c => channels.GetValueOrDefault(c.CustomerId, NoChannel)).First(c => !used.Contains(c));
        return new ChannelCovariates(baseline, fit, 2 * (fit.LogLikelihood - plain.LogLikelihood), table.PurchaseNames.Count + table.LifetimeNames.Count);
    }

    /// <summary>A one-line reading of the likelihood ratio, invariant culture.</summary>
    public static string Reading(ChannelCovariates covariates) =>
        string.Create(CultureInfo.InvariantCulture, $"likelihood ratio {covariates.LikelihoodRatio:F2} on {covariates.Degrees} effects");
}
