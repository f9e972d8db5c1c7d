using Crm.Domain;
using Crm.Metrics;
using Crm.Report.Input;
using NodaTime;

namespace Crm.Report.Output;

/// <summary>One calendar month of the trend: the scorecard's revenue, active customers, retention and NPS for it.</summary>
internal sealed record TrendMonth(YearMonth Month, decimal Revenue, long ActiveCustomers, double? Retention, double? Nps);

/// <summary>
/// The twelve calendar months up to the one the period ends in (from the data's first month on), each a scorecard of
/// its own computed by the library with the report's settings, so that every point means what the scorecard's
/// figure means. Computed for the HTML and JSON reports (the charts), not for text and CSV.
/// </summary>
internal sealed record TrendSection(Currency Currency, IReadOnlyList<TrendMonth> Months)
{
    public const int Length = 12;

    /// <summary>The trend, or null without purchases.</summary>
    public static TrendSection? Build(ICrmMetrics metrics, InputData data, ReportingPeriod period, ScorecardSettings settings)
    {
        if (data.Purchases is null || data.FirstActivity is not { } first)
        {
            return null;
        }

        var zone = period.Zone;
        var last = period.Dates.End.ToYearMonth();
        var earliest = first.InZone(zone).Date.ToYearMonth();
        var months = new List<TrendMonth>(Length);
        Currency? currency = null;
        for (var k = Length - 1; k >= 0; k--)
        {
            var month = last.PlusMonths(-k);
            if (month.CompareTo(earliest) < 0)
            {
                continue;
            }

            // These four figures read the month and, for retention, the 365 days before it: the purchases from 400 days
            // before the month on give them exactly, at a fraction of the cost of all history.
            var period1 = ReportingPeriod.Month(month.Year, month.Month, zone);
            var from = period1.Start - Duration.FromDays(400);
            var records = new CrmDataSet
            {
                Purchases = [.. data.Purchases.Where(p => p.OccurredAt >= from && p.OccurredAt < period1.End)],
                SurveyResponses = data.SurveyResponses is { } surveys ? [.. surveys.Where(r => period1.Contains(r.AnsweredAt))] : null,
            };
            var card = metrics.ComputeScorecard(records, period1, settings);
            currency ??= card.Currency;
            months.Add(new TrendMonth(month, card.Loyalty.Revenue.Amount, card.Loyalty.ActiveCustomers, card.Loyalty.Retention.RetentionRate, card.Satisfaction.Nps.Value));
        }

        return months.Count == 0 ? null : new TrendSection(currency!.Value, months);
    }
}
