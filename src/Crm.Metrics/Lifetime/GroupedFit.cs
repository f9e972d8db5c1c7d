using Crm.Metrics.Lifetime.Numerics;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// The maximum-likelihood fit BG/NBD, MBG/NBD and Pareto/NBD share: the summary grouped, refused without a repeat
/// purchase, a sampled start on large bases (<see cref="SummaryGroups.SampleOf"/>), BFGS on the log-parameters from
/// (1, 1, 1, 1), and the named estimates with their standard errors.
/// </summary>
internal static class GroupedFit
{
    public static ModelFit<TModel> Run<TModel>(string name, string[] names, Func<SummaryGroups, IObjective> objective, Func<double[], ModelTimeUnit, TModel> create, CustomerBaseSummary summary, FitOptions? options, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
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

        // Checked on every evaluation too, not only between iterations: one evaluation of a large base takes a while.
        var full = objective(groups);
        double LogLikelihood(ReadOnlySpan<double> p, Span<double> gradient)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return full.Evaluate(p, gradient);
        }

        var sample = SummaryGroups.SampleOf(summary.Span, groups, timeUnit) is { } sampled
            ? new MaximumLikelihood.Sample(objective(sampled).Evaluate, (double)sampled.Customers / groups.Customers)
            : null;
        return MaximumLikelihood.Maximise(LogLikelihood, [1, 1, 1, 1], options, progress, cancellationToken, sample)
            .ToFit(p => create(p, timeUnit), names, groups.Customers, groups.Count);
    }
}
