using Crm.Domain;
using Crm.Metrics;
using Crm.Metrics.Churn;
using Crm.Metrics.Lifetime;
using Crm.Report.Input;
using NodaTime;

namespace Crm.Report.Output;

/// <summary>
/// One customer at risk in the report; the name only with --show-names; P(alive) today and in 13 weeks (the quarter
/// ahead, if no purchase comes) when the warning used the BG/NBD model.
/// </summary>
internal sealed record AtRiskCustomer(string Id, string? Name, ChurnRiskLevel Level, double? ProbabilityAlive, double? ProbabilityAliveIn13Weeks, IReadOnlyList<ChurnReason> Reasons);

/// <summary>
/// The churn early warning of the report, read at the period's last day: the counts by level over every customer, how
/// many of those at risk are probably lost already and how many are slipping, and the most urgent slipping customers.
/// </summary>
internal sealed record ChurnSection(LocalDate AnalysisDate, bool UsedModel, int High, int Medium, int Low, int Lost, int Slipping, IReadOnlyList<AtRiskCustomer> AtRisk)
{
    /// <summary>How many slipping customers the report lists (the counts cover them all).</summary>
    public const int Listed = 100;

    /// <summary>How far ahead the second P(alive) looks, in weeks.</summary>
    public const int AheadWeeks = 13;

    /// <summary>
    /// Runs the warning on every customer in the data (and on file), at the period's last day. P(alive) joins the
    /// signals when the BG/NBD model was calibrated to that same day; otherwise the warning runs on signals only.
    /// </summary>
    public static ChurnSection? Build(AnalysisResults analyses, LocalDate analysisDate, ModelFit<BgNbdModel>? bgNbd, IReadOnlyDictionary<CustomerId, string?>? names)
    {
        var summary = analyses.Summary;
        if (!analyses.HasChurn)
        {
            return null;
        }

        var useModel = bgNbd is { IsConverged: true } && summary?.CalibrationEnd == analysisDate;
        var result = analyses.AssessChurn(useModel ? bgNbd!.Model : null);
        var listed = result.Slipping.Take(Listed).ToList();

        // The listed customers' summaries, found in one pass: looking them up by id would index every customer of the
        // summary (and keep that index as long as the summary lives) for a hundred.
        var summaries = new Dictionary<CustomerId, CustomerSummary>(listed.Count);
        if (result.UsedModel)
        {
            var wanted = listed.Select(c => c.CustomerId).ToHashSet();
            foreach (var customer in summary!.Customers)
            {
                if (wanted.Contains(customer.CustomerId))
                {
                    summaries[customer.CustomerId] = customer;
                }
            }
        }

        return new ChurnSection(
            analysisDate,
            result.UsedModel,
            result.CountAt(ChurnRiskLevel.High),
            result.CountAt(ChurnRiskLevel.Medium),
            result.CountAt(ChurnRiskLevel.Low),
            result.LostCount,
            result.SlippingCount,
            [.. listed.Select(c => new AtRiskCustomer(c.CustomerId.Value, names?.GetValueOrDefault(c.CustomerId), c.Level, c.ProbabilityAlive, Ahead(c.CustomerId), c.Reasons))]);

        double? Ahead(CustomerId id) =>
            summaries.TryGetValue(id, out var customer)
                ? bgNbd!.Model.ProbabilityAlive(customer, ModelTime.Weeks(AheadWeeks))
                : null;
    }
}
