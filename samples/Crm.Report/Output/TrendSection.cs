using Crm.Domain;
using Crm.Metrics;
using Crm.Report.Input;
using NodaTime;

namespace Crm.Report.Output;

/// <summary>One calendar month of the trend: the scorecard's revenue, active customers, retention and NPS for it.</summary>
internal sealed record TrendMonth(YearMonth Month, decimal Revenue, long ActiveCustomers, double? Retention, double? Nps);

/// <summary>
/// The twelve calendar months up to the one the period ends in (from the data's first month on), their scorecards
/// computed by the library from one read of the records (<see cref="ICrmMetrics.ComputeScorecards"/>) with the report's
/// settings, so that every point means what the scorecard's figure means — when the period is a calendar month, in the
/// same read as the period's own scorecard. Computed for the HTML and JSON reports (the charts), not for text and CSV.
/// </summary>
internal sealed record TrendSection(Currency Currency, IReadOnlyList<TrendMonth> Months)
{
    public const int Length = 12;

    /// <summary>The months of the trend — up to twelve, from the data's first month on, ending with the period's — or null without purchases.</summary>
    public static IReadOnlyList<ReportingPeriod>? MonthsFor(InputData data, ReportingPeriod period)
    {
        if (!data.HasTransactions || data.FirstActivity is not { } first)
        {
            return null;
        }

        var last = period.Dates.End.ToYearMonth();
        var earliest = first.InZone(period.Zone).Date.ToYearMonth();
        var count = Math.Min(Length, ((last.Year - earliest.Year) * 12) + last.Month - earliest.Month + 1);
        return count < 1 ? null : ReportingPeriod.MonthsUpTo(last, count, period.Zone);
    }

    /// <summary>The trend of the months' scorecards, computed from one read of the purchases and survey answers (read for their totals: no customer rows kept).</summary>
    public static TrendSection Build(ICrmMetrics metrics, InputData data, IReadOnlyList<ReportingPeriod> months, ScorecardSettings settings) =>
        From(metrics.ComputeScorecards(new CrmDataSet { Purchases = data.Purchases?.AsPurchases(), SurveyResponses = data.SurveyResponses }, months, settings with { CustomerRows = ScorecardCustomerRows.None }));

    /// <summary>The trend of the months' scorecards, oldest first.</summary>
    public static TrendSection From(IReadOnlyList<Scorecard> cards) =>
        new(cards[0].Currency, [.. cards.Select(card => new TrendMonth(
            card.Period.Dates.Start.ToYearMonth(),
            card.Loyalty.Revenue.Amount,
            card.Loyalty.ActiveCustomers,
            card.Loyalty.Retention.RetentionRate,
            card.Satisfaction.Nps.Value))]);
}
