using Crm.Metrics.Lifetime.Numerics;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The maximum-likelihood fit BG/NBD and MBG/NBD share: one grouped objective (modified or not), a sampled start on
/// large bases, BFGS on the log-parameters from (1, 1, 1, 1), and the named estimates (r, α, a, b).
/// </summary>
internal static class BgNbdFamilyFit
{
    public static ModelFit<TModel> Run<TModel>(bool modified, string name, Func<double[], ModelTimeUnit, TModel> create, CustomerBaseSummary summary, FitOptions? options, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(summary);
        options ??= FitOptions.Default;
        options.Validate(nameof(options));
        var timeUnit = summary.TimeUnit;
        var groups = SummaryGroups.From(summary.Span, timeUnit, nameof(summary));
        if (!groups.HasRepeaters)
        {
            throw new ArgumentException($"{name} needs at least one customer with a repeat purchase (x > 0): without one the purchase and dropout processes are not identified.", nameof(summary));
        }

        var objective = new BgNbdObjective(groups, modified);
        var sample = SummaryGroups.SampleOf(summary.Span, groups, timeUnit) is { } sampled
            ? new MaximumLikelihood.Sample(new BgNbdObjective(sampled, modified).Evaluate, (double)sampled.Customers / groups.Customers)
            : null;
        return MaximumLikelihood.Maximise(objective.Evaluate, [1, 1, 1, 1], options, progress, cancellationToken, sample)
            .ToFit(p => create(p, timeUnit), ["r", "alpha", "a", "b"], groups.Customers, groups.Count);
    }
}
