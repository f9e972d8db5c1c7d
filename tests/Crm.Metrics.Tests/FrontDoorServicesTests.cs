using Crm.Domain.Customers;
using Crm.Metrics.Assessments;
using Crm.Metrics.Care;
using Crm.Metrics.Churn;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests;

/// <summary>
/// The models, segments, churn warning, care calendar and assessments through one front door: injected services that
/// read the configured zone and the registered clock, reachable from <see cref="ICrmMetrics"/>, replaceable by a host.
/// </summary>
public class FrontDoorServicesTests
{
    // 00:30 on 1 April in Berlin; still 31 March in UTC.
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 3, 31, 22, 30));

    private static ServiceProvider BerlinServices() =>
        new ServiceCollection().AddSingleton<IClock>(Clock).AddCrmMetrics(o => o.DefaultZoneId = "Europe/Berlin").BuildServiceProvider();

    [Fact]
    public void Each_service_is_one_singleton_behind_its_interface_and_reachable_from_the_facade()
    {
        using var provider = BerlinServices();
        var metrics = provider.GetRequiredService<ICrmMetrics>();

        Assert.Same(provider.GetRequiredService<CustomerBaseModels>(), provider.GetRequiredService<ICustomerBaseModels>());
        Assert.Same(provider.GetRequiredService<ICustomerBaseModels>(), metrics.Models);
        Assert.Same(provider.GetRequiredService<Segmentation>(), metrics.Segments);
        Assert.Same(provider.GetRequiredService<ChurnWarnings>(), metrics.Churn);
        Assert.Same(provider.GetRequiredService<CarePlanner>(), metrics.Care);
        Assert.Same(provider.GetRequiredService<IAssessmentScorer>(), metrics.Assessments);
    }

    [Fact]
    public void A_service_the_host_registered_first_wins()
    {
        var models = new CustomerBaseModels(new CrmMetricsOptions());
        using var provider = new ServiceCollection().AddSingleton<ICustomerBaseModels>(models).AddCrmMetrics().BuildServiceProvider();

        Assert.Same(models, provider.GetRequiredService<ICrmMetrics>().Models);
    }

    [Fact]
    public void Summaries_are_read_in_the_configured_zone()
    {
        using var provider = BerlinServices();
        var models = provider.GetRequiredService<ICrmMetrics>().Models;
        var calibrationEnd = new LocalDate(2026, 2, 28);

        var summary = models.Summarize(Purchases, calibrationEnd, new LocalDate(2026, 3, 31));

        Assert.Equal(Berlin, models.SummaryOptions(calibrationEnd).Zone);
        var expected = CustomerBaseSummary.FromPurchases(Purchases, new SummaryOptions(calibrationEnd) { HoldoutEnd = new LocalDate(2026, 3, 31), Zone = Berlin });
        Assert.Equal(Snapshot.Of(expected.Customers), Snapshot.Of(summary.Customers));
        var utc = CustomerBaseSummary.FromPurchases(Purchases, new SummaryOptions(calibrationEnd) { HoldoutEnd = new LocalDate(2026, 3, 31) });
        Assert.NotEqual(Snapshot.Of(utc.Customers), Snapshot.Of(summary.Customers)); // the 23:30 UTC sale of 28 February is March in Berlin
        Assert.Throws<ArgumentException>("holdoutEnd", () => models.SummaryOptions(calibrationEnd, calibrationEnd));
    }

    [Fact]
    public void A_summary_finds_a_customers_row_by_id()
    {
        var summary = CustomerBaseSummary.FromPurchases(Purchases, new SummaryOptions(new LocalDate(2026, 3, 31)) { Zone = Berlin });

        foreach (var row in summary.Customers)
        {
            Assert.True(summary.TryGetCustomer(row.CustomerId, out var found));
            Assert.Equal(row, found);
        }

        Assert.False(summary.TryGetCustomer(new CustomerId("nobody"), out var missing));
        Assert.Equal(default, missing);
    }

    [Fact]
    public void Rfm_and_lifecycles_are_read_in_the_configured_zone()
    {
        using var provider = BerlinServices();
        var segments = provider.GetRequiredService<ICrmMetrics>().Segments;
        var day = new LocalDate(2026, 3, 31);

        Assert.Equal(Berlin, segments.RfmOptions(day).Zone);
        Assert.Equal(Snapshot.Of(RfmAnalysis.Compute(Purchases, new RfmOptions(day) { Zone = Berlin }).Customers), Snapshot.Of(segments.Rfm(Purchases, day).Customers));
        Assert.Equal(Snapshot.Of(LifecycleDerivation.Derive(Purchases, day, Berlin)), Snapshot.Of(segments.Lifecycles(Purchases, day)));
    }

    [Fact]
    public void The_churn_warning_reads_today_in_the_configured_zone_by_the_registered_clock()
    {
        using var provider = BerlinServices();
        var churn = provider.GetRequiredService<ICrmMetrics>().Churn;

        Assert.Equal(new LocalDate(2026, 4, 1), churn.Today());
        var expected = ChurnWarning.Assess(new LocalDate(2026, 4, 1), Berlin, Purchases, Complaints, Surveys);
        Assert.Equal(Snapshot.Of(expected.Customers), Snapshot.Of(churn.Assess(Purchases, Complaints, Surveys).Customers));
    }

    [Fact]
    public void Care_reads_customers_without_a_home_zone_in_the_configured_zone()
    {
        using var provider = BerlinServices();
        var care = provider.GetRequiredService<ICrmMetrics>().Care;
        var customer = Customer.CreatePerson(new CustomerId("x"), new PersonProfile("X", birthDate: new LocalDate(1990, 4, 1)), Instant.FromUtc(2020, 1, 1, 0, 0));
        var april = new DateInterval(new LocalDate(2026, 4, 1), new LocalDate(2026, 4, 30));

        var occasion = Assert.Single(care.Occasions([customer], april));

        Assert.Equal(Berlin.AtStartOfDay(new LocalDate(2026, 4, 1)).ToInstant(), occasion.StartsAt);
        Assert.Throws<ArgumentOutOfRangeException>("leapDay", () => care.Occasions([customer], april, leapDay: (LeapDayRule)9));
    }
}
