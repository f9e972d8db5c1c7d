using Crm.Domain.Activity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace Crm.Metrics.Tests;

/// <summary>
/// Options bound from a host's configuration with its own binder, checked at registration, and copied there; periods
/// built by the front door in the configured zone.
/// </summary>
public class ConfigurationTests
{
    private static readonly Dictionary<string, string?> EveryOption = new()
    {
        ["Crm:DefaultZoneId"] = "Europe/Berlin",
        ["Crm:RetentionWindowDays"] = "180",
        ["Crm:RetentionMethod"] = "Classic",
        ["Crm:CsatMethod"] = "MeanScore",
        ["Crm:NpsSkippedAnswers"] = "CountInDenominator",
        ["Crm:TreatMissingCostAsZero"] = "true",
        ["Crm:CohortMonths"] = "6",
        ["Crm:ExperienceWeights:Csat"] = "2",
        ["Crm:ExperienceWeights:Ces"] = "0.5",
        ["Crm:ExperienceWeights:Complaints"] = "0",
        ["Crm:Execution:MaxDegreeOfParallelism"] = "3",
    };

    [Fact]
    public void Every_option_binds_from_configuration_with_the_hosts_binder()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(EveryOption).Build();
        using var provider = new ServiceCollection().AddCrmMetrics(o => configuration.GetSection("Crm").Bind(o)).BuildServiceProvider();
        var options = provider.GetRequiredService<CrmMetricsOptions>();

        Assert.Equal("Europe/Berlin", options.DefaultZone.Id);
        Assert.Equal("Europe/Berlin", options.DefaultZoneId);
        Assert.Equal(180, options.RetentionWindowDays);
        Assert.Equal(RetentionMethod.Classic, options.RetentionMethod);
        Assert.Equal(CsatMethod.MeanScore, options.CsatMethod);
        Assert.Equal(NpsSkippedAnswers.CountInDenominator, options.NpsSkippedAnswers);
        Assert.True(options.TreatMissingCostAsZero);
        Assert.Equal(6, options.CohortMonths);
        Assert.Equal((2.0, 0.5, 0.0), (options.ExperienceWeights.Csat, options.ExperienceWeights.Ces, options.ExperienceWeights.Complaints));
        Assert.Equal(3, options.Execution.MaxDegreeOfParallelism);
    }

    [Theory]
    [InlineData("Crm:DefaultZoneId", "Mars/Olympus_Mons", "DefaultZoneId")]
    [InlineData("Crm:RetentionWindowDays", "0", "RetentionWindowDays")]
    [InlineData("Crm:CohortMonths", "61", "CohortMonths")]
    [InlineData("Crm:Execution:MaxDegreeOfParallelism", "0", "MaxDegreeOfParallelism")]
    [InlineData("Crm:ExperienceWeights:Csat", "-1", "Csat")]
    public void A_bad_value_fails_at_registration_naming_the_option(string key, string value, string option)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddCrmMetrics(o => configuration.GetSection("Crm").Bind(o)));

        Assert.Equal(option, error.ParamName);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enum_value_that_is_not_a_name_fails_at_registration_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Crm:RetentionMethod"] = "Sometimes" }).Build();

        // The host's binder refuses it, naming the configuration key.
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCrmMetrics(o => configuration.GetSection("Crm").Bind(o)));

        Assert.Contains("Crm:RetentionMethod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_options_after_registration_changes_nothing()
    {
        CrmMetricsOptions? captured = null;
        var services = new ServiceCollection().AddCrmMetrics(o =>
        {
            o.DefaultZoneId = "Europe/Berlin";
            captured = o;
        });
        captured!.DefaultZone = DateTimeZone.Utc;
        captured.RetentionWindowDays = 30;
        using var provider = services.BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var registered = provider.GetRequiredService<CrmMetricsOptions>();
        registered.DefaultZone = DateTimeZone.Utc;

        Assert.Equal("Europe/Berlin", metrics.Month(2026, 3).Zone.Id);
        Assert.Equal(365, metrics.ComputeScorecard(new CrmDataSet(), metrics.Month(2026, 3)).Loyalty.Retention.WindowDays);
    }

    [Fact]
    public void The_front_door_builds_months_in_the_configured_zone()
    {
        // 23:30 UTC on 28 February is 00:30 on 1 March in Berlin.
        using var provider = new ServiceCollection().AddCrmMetrics(o => o.DefaultZoneId = "Europe/Berlin").BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var sale = Purchase.Sale(new CustomerId("C"), Instant.FromUtc(2026, 2, 28, 23, 30), new Money(30m, Currency.Eur));

        var march = metrics.Month(2026, 3);

        Assert.Equal(ReportingPeriod.Month(2026, 3, DateTimeZoneProviders.Tzdb["Europe/Berlin"]), march);
        Assert.Equal(new Money(30m, Currency.Eur), metrics.ComputeScorecard(new CrmDataSet { Purchases = [sale] }, march).Loyalty.Revenue);
        Assert.Equal(new Money(0m, Currency.Eur), metrics.ComputeScorecard(new CrmDataSet { Purchases = [sale] }, ReportingPeriod.Month(2026, 3, DateTimeZone.Utc)).Loyalty.Revenue);
    }

    [Fact]
    public void The_last_full_month_is_read_in_the_configured_zone_by_the_registered_clock()
    {
        // 22:30 UTC on 31 March is already 1 April in Berlin: March is full there, not yet in UTC.
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 31, 22, 30));
        using var berlin = new ServiceCollection().AddSingleton<IClock>(clock).AddCrmMetrics(o => o.DefaultZoneId = "Europe/Berlin").BuildServiceProvider();
        using var utc = new ServiceCollection().AddSingleton<IClock>(clock).AddCrmMetrics().BuildServiceProvider();

        Assert.Equal(3, berlin.GetRequiredService<ICrmMetrics>().LastFullMonth().Dates.Start.Month);
        Assert.Equal(2, utc.GetRequiredService<ICrmMetrics>().LastFullMonth().Dates.Start.Month);
    }

    [Fact]
    public void Month_and_LastFullMonth_need_a_zone()
    {
        Assert.Throws<ArgumentNullException>("zone", () => ReportingPeriod.Month(2026, 3, null!));
        Assert.Throws<ArgumentNullException>("zone", () => ReportingPeriod.LastFullMonth(SystemClock.Instance, null!));
    }
}
