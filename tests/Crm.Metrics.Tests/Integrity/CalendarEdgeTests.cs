using Crm.Domain.Activity;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Metrics.Tests.Integrity;

/// <summary>Every time zone and every date: days the zone skipped are empty, and the calendar's edges are named errors.</summary>
public class CalendarEdgeTests
{
    private static readonly DateTimeZone Apia = DateTimeZoneProviders.Tzdb["Pacific/Apia"];

    private static ICrmMetrics Metrics() => new ServiceCollection().AddCrmMetrics().BuildServiceProvider().GetRequiredService<ICrmMetrics>();

    [Fact]
    public void A_month_with_a_skipped_day_is_computed_and_the_day_is_empty()
    {
        // Samoa moved across the date line: 29 December 2011 was followed by 31 December.
        var december = ReportingPeriod.Month(2011, 12, Apia);
        Assert.Equal(december.StartOf(new LocalDate(2011, 12, 31)), december.StartOf(new LocalDate(2011, 12, 30)));
        Assert.Equal(Instant.FromUtc(2011, 12, 30, 10, 0), december.StartOf(new LocalDate(2011, 12, 30)));
        Assert.Equal(31, december.LengthInDays);

        var empty = Metrics().ComputeScorecard(new CrmDataSet(), december);
        Assert.Equal(0, empty.Loyalty.ActiveCustomers);

        // A customer buying on the 29th and the 31st bought on two days: a repeat buyer.
        var eur = Currency.Eur;
        var card = Metrics().ComputeScorecard(
            new CrmDataSet
            {
                Purchases =
                [
                    Purchase.Sale(new CustomerId("a"), Apia.AtStartOfDay(new LocalDate(2011, 12, 29)).ToInstant() + Duration.FromHours(23), new Money(5m, eur)),
                    Purchase.Sale(new CustomerId("a"), Apia.AtStartOfDay(new LocalDate(2011, 12, 31)).ToInstant(), new Money(7m, eur)),
                ],
            },
            december);
        Assert.Equal(new Money(12m, eur), card.Loyalty.Revenue);
        Assert.Equal(1.0, card.Loyalty.RepeatPurchaseRate.Value);

        // A period that starts on the skipped day starts at the transition.
        var fromSkipped = new ReportingPeriod(new DateInterval(new LocalDate(2011, 12, 30), new LocalDate(2011, 12, 31)), Apia);
        Assert.Equal(Instant.FromUtc(2011, 12, 30, 10, 0), fromSkipped.Start);
        Assert.Equal(0, Metrics().ComputeScorecard(new CrmDataSet(), fromSkipped).Loyalty.ActiveCustomers);
    }

    [Fact]
    public void The_calendars_edges_are_argument_errors_naming_the_parameter()
    {
        Assert.Throws<ArgumentOutOfRangeException>("year", () => ReportingPeriod.Month(9999, 12, DateTimeZone.Utc));
        Assert.Throws<ArgumentOutOfRangeException>("dates", () => new ReportingPeriod(new DateInterval(new LocalDate(9999, 12, 1), LocalDate.MaxIsoValue)));
        Assert.Throws<InvalidOperationException>(() => ReportingPeriod.Month(-9998, 1, DateTimeZone.Utc).Previous());
        Assert.Equal(new LocalDate(9999, 10, 31), ReportingPeriod.Month(9999, 11, DateTimeZone.Utc).Previous().Dates.End);
        Assert.Throws<ArgumentOutOfRangeException>("period", () => new ScorecardAccumulator(ReportingPeriod.Month(-9998, 1, DateTimeZone.Utc)));
        Assert.Throws<ArgumentOutOfRangeException>("targetResolutionTime", () => new Complaint(new ComplaintId("k"), new CustomerId("c"), Instant.MaxValue, targetResolutionTime: Duration.FromHours(1)));
    }
}
