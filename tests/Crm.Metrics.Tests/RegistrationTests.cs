using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace Crm.Metrics.Tests;

public class RegistrationTests
{
    private static readonly Type[] Services =
    [
        typeof(ICrmMetrics), typeof(CrmMetrics),
        typeof(ISatisfactionCalculator), typeof(SatisfactionCalculator),
        typeof(ILoyaltyCalculator), typeof(LoyaltyCalculator),
        typeof(Crm.Metrics.Lifetime.ICustomerBaseModels), typeof(Crm.Metrics.Lifetime.CustomerBaseModels),
        typeof(Crm.Metrics.Segments.ISegmentation), typeof(Crm.Metrics.Segments.Segmentation),
        typeof(Crm.Metrics.Churn.IChurnWarnings), typeof(Crm.Metrics.Churn.ChurnWarnings),
        typeof(Crm.Metrics.Care.ICarePlanner), typeof(Crm.Metrics.Care.CarePlanner),
        typeof(CrmMetricsOptions), typeof(IClock),
    ];

    [Fact]
    public void Every_service_resolves_as_one_singleton_with_its_interface_forwarded()
    {
        using var provider = new ServiceCollection().AddCrmMetrics().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        foreach (var type in Services)
        {
            Assert.Same(provider.GetRequiredService(type), provider.GetRequiredService(type));
        }

        Assert.Same(provider.GetRequiredService<CrmMetrics>(), provider.GetRequiredService<ICrmMetrics>());
        Assert.Same(provider.GetRequiredService<LoyaltyCalculator>(), provider.GetRequiredService<ILoyaltyCalculator>());
        Assert.Same(provider.GetRequiredService<ILoyaltyCalculator>(), provider.GetRequiredService<ICrmMetrics>().Loyalty);
        Assert.Same(SystemClock.Instance, provider.GetRequiredService<IClock>());
    }

    [Fact]
    public void A_clock_the_host_registered_first_wins()
    {
        var fake = new FakeClock(Instant.FromUtc(2026, 4, 2, 8, 0));
        var services = new ServiceCollection().AddSingleton<IClock>(fake).AddCrmMetrics();
        using var provider = services.BuildServiceProvider();

        Assert.Same(fake, provider.GetRequiredService<IClock>());
        Assert.Equal(fake.GetCurrentInstant(), provider.GetRequiredService<ICrmMetrics>().ComputeScorecard(Fixture.DataSet, Fixture.March).ComputedAt);
    }

    [Fact]
    public void Calling_AddCrmMetrics_twice_registers_nothing_twice()
    {
        var once = new ServiceCollection().AddCrmMetrics();
        var twice = new ServiceCollection().AddCrmMetrics().AddCrmMetrics(o => o.RetentionWindowDays = 180);

        Assert.Equal(once.Count, twice.Count);
        Assert.Equal(once.Select(d => d.ServiceType), twice.Select(d => d.ServiceType));
        Assert.Single(twice, d => d.ServiceType == typeof(ICrmMetrics));

        // The later configuration updates the one options instance.
        using var provider = twice.BuildServiceProvider();
        Assert.Equal(180, provider.GetRequiredService<CrmMetricsOptions>().RetentionWindowDays);
    }

    [Fact]
    public void Configuring_options_the_host_registered_with_a_factory_fails_instead_of_being_ignored()
    {
        var services = new ServiceCollection().AddSingleton(_ => new CrmMetricsOptions { RetentionWindowDays = 30 });
        var ex = Assert.Throws<InvalidOperationException>(() => services.AddCrmMetrics(o => o.RetentionWindowDays = 90));
        Assert.Contains("factory", ex.Message, StringComparison.Ordinal);

        // Without a configuration the host's registration simply wins.
        using var provider = services.AddCrmMetrics().BuildServiceProvider();
        Assert.Equal(30, provider.GetRequiredService<CrmMetricsOptions>().RetentionWindowDays);
    }

    [Fact]
    public void A_host_can_replace_a_calculator_by_registering_it_first()
    {
        var services = new ServiceCollection().AddSingleton<ISatisfactionCalculator, StubSatisfaction>().AddCrmMetrics();
        using var provider = services.BuildServiceProvider();
        Assert.IsType<StubSatisfaction>(provider.GetRequiredService<ICrmMetrics>().Satisfaction);
    }

    [Fact]
    public void Invalid_options_fail_at_registration_naming_the_option()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddCrmMetrics(o => o.RetentionWindowDays = 0));
        Assert.Equal("RetentionWindowDays", ex.ParamName);
        Assert.Contains("RetentionWindowDays", ex.Message, StringComparison.Ordinal);

        Assert.Equal("CsatMethod", Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddCrmMetrics(o => o.CsatMethod = (CsatMethod)9)).ParamName);
        Assert.Equal("DefaultZone", Assert.Throws<ArgumentException>(() => new ServiceCollection().AddCrmMetrics(o => o.DefaultZone = null!)).ParamName);
        Assert.Equal("Csat", Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddCrmMetrics(o => o.ExperienceWeights.Csat = -1)).ParamName);
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddCrmMetrics(o => o.Execution.MaxDegreeOfParallelism = 0)).ParamName);
    }

    [Fact]
    public void A_failed_configuration_leaves_the_registered_options_untouched()
    {
        var services = new ServiceCollection().AddCrmMetrics(o => o.RetentionWindowDays = 90);
        Assert.ThrowsAny<ArgumentException>(() => services.AddCrmMetrics(o => o.RetentionWindowDays = -1));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(90, provider.GetRequiredService<CrmMetricsOptions>().RetentionWindowDays);
    }

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    public void Results_are_the_same_under_any_culture(string culture)
    {
        var expected = Snapshot.Of(Compute());
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var card = Compute();
            Assert.Equal(expected, Snapshot.Of(card));
            Assert.Equal("0.3333 (1/3)", card.Loyalty.RepeatPurchaseRate.ToString());
            Assert.Equal("90 EUR (450 EUR / 5)", card.Loyalty.AverageOrderValue.ToString());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Fact]
    public void The_singletons_used_from_16_threads_give_identical_results()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 4, 2, 8, 0)))
            .AddCrmMetrics()
            .BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var expected = Snapshot.Of(metrics.ComputeScorecard(Fixture.DataSet, Fixture.March));

        var results = new string[16];
        var threads = Enumerable.Range(0, 16).Select(i => new Thread(() =>
        {
            for (var round = 0; round < 20; round++)
            {
                results[i] = Snapshot.Of(metrics.ComputeScorecard(Fixture.DataSet, Fixture.March));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public async Task The_async_path_gives_the_same_scorecard_and_honours_cancellation()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 4, 2, 8, 0)))
            .AddCrmMetrics()
            .BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var asyncData = new CrmAsyncDataSet
        {
            Purchases = Fixture.Purchases.ToAsyncEnumerable(),
            SurveyResponses = Fixture.Surveys.ToAsyncEnumerable(),
            Costs = Fixture.Costs.ToAsyncEnumerable(),
            Complaints = Fixture.Complaints.ToAsyncEnumerable(),
            Feedback = Fixture.Feedback.ToAsyncEnumerable(),
            Leads = Fixture.Leads.ToAsyncEnumerable(),
        };

        var progress = new List<long>();
        var card = await metrics.ComputeScorecardAsync(asyncData, Fixture.March, progress: new SyncProgress(progress));
        Assert.Equal(Snapshot.Of(metrics.ComputeScorecard(Fixture.DataSet, Fixture.March)), Snapshot.Of(card));
        Assert.Equal([47L], progress); // 11 purchases + 14 answers + 5 costs + 7 complaints + 4 feedback + 6 leads, at the end

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await metrics.ComputeScorecardAsync(asyncData, Fixture.March, cancellationToken: cancelled.Token));
    }

    private static Scorecard Compute()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 4, 2, 8, 0)))
            .AddCrmMetrics()
            .BuildServiceProvider();
        return provider.GetRequiredService<ICrmMetrics>().ComputeScorecard(Fixture.DataSet, Fixture.March);
    }

    private sealed class SyncProgress(List<long> values) : IProgress<long>
    {
        public void Report(long value) => values.Add(value);
    }

    private sealed class StubSatisfaction : ISatisfactionCalculator
    {
        public Satisfaction.SatisfactionMetrics Compute(IEnumerable<Domain.Activity.SurveyResponse> responses, ReportingPeriod period, IProgress<long>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<Satisfaction.SatisfactionMetrics> ComputeAsync(IAsyncEnumerable<Domain.Activity.SurveyResponse> responses, ReportingPeriod period, IProgress<long>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Satisfaction.SatisfactionAccumulator CreateAccumulator(ReportingPeriod period) => throw new NotSupportedException();
    }
}
