using Crm.Metrics.Lifetime;
using Crm.Report.Input;

namespace Crm.Report.Output;

/// <summary>One pattern of the discrete-occasions input with what BG/BB says of it.</summary>
internal sealed record DiscreteRow(DiscretePattern Pattern, double ProbabilityAliveNext, double ExpectedNext5);

/// <summary>
/// BG/BB on the patterns of the <c>--discrete</c> file: the fit, and per pattern P(alive at the next occasion) and
/// the expected transactions over the next five; a note instead when the patterns do not identify the model.
/// </summary>
internal sealed record DiscreteSection(DiscreteSummary Summary, ModelFit<BgBbModel>? Fit, IReadOnlyList<DiscreteRow> Rows, string? Note)
{
    /// <summary>The occasions ahead of <see cref="DiscreteRow.ExpectedNext5"/>.</summary>
    public const int Ahead = 5;

    public static DiscreteSection? Build(InputData data)
    {
        if (data.DiscretePatterns is not { Count: > 0 } patterns)
        {
            return null;
        }

        var summary = DiscreteSummary.FromPatterns(patterns);
        ModelFit<BgBbModel> fit;
        try
        {
            fit = BgBbModel.Fit(summary);
        }
        catch (ArgumentException e)
        {
            return new DiscreteSection(summary, null, [], "BG/BB not fitted: " + Cli.Messages.Reason(e));
        }

        if (!fit.IsConverged)
        {
            return new DiscreteSection(summary, fit, [], $"BG/BB did not converge ({fit.Status}): its parameters are not reliable and no prediction is shown.");
        }

        var model = fit.Model;
        return new DiscreteSection(summary, fit, [.. summary.Patterns.Select(p => new DiscreteRow(p, model.ProbabilityAliveNext(p), model.ExpectedTransactions(p, Ahead)))], null);
    }
}
