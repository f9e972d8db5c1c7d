using Crm.Metrics.Results;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests;

/// <summary><see cref="Scorecard.ToRows"/>: every metric once, on its scorecard scale, with a documented unit and its evidence.</summary>
public class MetricRowsTests
{
    private static readonly string[] Units =
        [MetricUnits.Fraction, MetricUnits.Score, MetricUnits.Nps, MetricUnits.Money, MetricUnits.Hours, MetricUnits.Days, MetricUnits.Months, MetricUnits.Count, MetricUnits.Ratio];

    private static Scorecard Card(CrmDataSet data)
    {
        using var accumulator = new ScorecardAccumulator(March, new ScorecardSettings { Funnel = SalesFunnel, Currency = Eur });
        accumulator.AddRange(data);
        return accumulator.Result(Instant.FromUtc(2026, 4, 2, 8, 0));
    }

    [Fact]
    public void Rows_carry_the_scorecards_values_on_its_scale()
    {
        var card = Card(DataSet);
        var rows = card.ToRows().ToDictionary(r => r.Key);

        Assert.Equal((double)card.Loyalty.Revenue.Amount, rows["revenue"].Value);
        Assert.Equal(("Loyalty", MetricUnits.Money, "EUR"), (rows["revenue"].Family, rows["revenue"].Unit, rows["revenue"].Currency));
        Assert.Equal(card.Satisfaction.Csat.Value, rows["csat"].Value); // 0–100, not a fraction
        Assert.Equal(card.Satisfaction.Nps.Value, rows["nps"].Value);
        Assert.Equal(MetricUnits.Nps, rows["nps"].Unit);
        var retention = card.Loyalty.Retention;
        Assert.Equal((retention.RetentionRate, (double)retention.Retained, (double)retention.CustomersAtStart), (rows["retentionRate"].Value, rows["retentionRate"].Numerator, rows["retentionRate"].Denominator));
        Assert.Equal((double?)card.Loyalty.AverageOrderValue.Value!.Value.Amount, rows["averageOrderValue"].Value);
        Assert.Equal((double)card.Loyalty.Orders, rows["averageOrderValue"].Denominator);
        Assert.Equal(card.ServiceEfficiency.FirstResponseTime.MedianHours, rows["firstResponseTime"].Value);
        Assert.Equal(MetricUnits.Hours, rows["firstResponseTime"].Unit);
        Assert.Equal(card.Conversion.EndToEnd.Value, rows["conversionRate"].Value);
    }

    [Fact]
    public void Every_metric_appears_once_with_a_documented_unit_and_is_defined_or_says_why()
    {
        foreach (var card in new[] { Card(DataSet), Card(new CrmDataSet()), Card(new CrmDataSet { Purchases = Purchases }) })
        {
            var rows = card.ToRows();

            Assert.Equal(25, rows.Count);
            Assert.Equal(rows.Count, rows.Select(r => r.Key).Distinct().Count());
            Assert.All(rows, r => Assert.Contains(r.Unit, Units));
            Assert.All(rows, r => Assert.True(r.Value is null ? !string.IsNullOrEmpty(r.UndefinedReason) : r.UndefinedReason is null && double.IsFinite(r.Value.Value), r.Key));
            Assert.All(rows.Where(r => r.Unit == MetricUnits.Money), r => Assert.Equal("EUR", r.Currency));
        }
    }

    [Fact]
    public void Without_purchase_data_revenue_and_orders_are_undefined_not_zero()
    {
        var rows = Card(new CrmDataSet { SurveyResponses = Surveys }).ToRows().ToDictionary(r => r.Key);

        Assert.Null(rows["revenue"].Value);
        Assert.Equal("no purchase data was supplied", rows["revenue"].UndefinedReason);
        Assert.Null(rows["orders"].Value);
        Assert.NotNull(rows["csat"].Value);
    }
}
