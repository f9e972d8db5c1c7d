using Crm.Metrics.CustomerValue;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Results;
using FsCheck;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests;

public class ResultTypesTests
{
    [Fact]
    public void Percentiles_interpolate_between_closest_ranks_R7()
    {
        // Values 1, 2, 3, 4: median h = 3 × 0.5 = 1.5 → 2 + 0.5 × (3 − 2) = 2.5; p90 h = 2.7 → 3 + 0.7 × 1 = 3.7.
        var d = Distribution.Of([4, 1, 3, 2]);
        Assert.Equal((4L, 2.5, 2.5), (d.Count, d.Mean!.Value, d.Median!.Value));
        Assert.Equal(3.7, d.P90!.Value, 12);
        Assert.Equal((1.0, 4.0), (d.Minimum!.Value, d.Maximum!.Value));

        // Excel PERCENTILE.INC({15, 20, 35, 40, 50}, 0.9) = 46.
        Assert.Equal(46.0, Distribution.Of([15, 20, 35, 40, 50]).P90!.Value, 12);
        Assert.Equal(Distribution.Empty, Distribution.Of([]));
        Assert.Null(Distribution.Of([]).Median);
        Assert.Throws<ArgumentException>(() => Distribution.Of([1, double.NaN]));
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.Percentile([1.0], 1.5)).ParamName);
    }

    [Property]
    public bool Percentiles_lie_between_minimum_and_maximum_and_grow_with_p(NonEmptyArray<NormalFloat> values)
    {
        var d = Distribution.Of(values.Get.Select(v => v.Get).ToArray());
        return d.Minimum <= d.Median && d.Median <= d.P90 && d.P90 <= d.Maximum;
    }

    [Fact]
    public void Churn_compounds_over_periods_and_is_never_multiplied()
    {
        // 5 % a month is 1 − 0.95^12 = 45.96 % a year, not 60 %.
        Assert.Equal(0.4596, RetentionResult.CompoundChurn(0.05, 12), 4);
        Assert.Equal(0.0, RetentionResult.CompoundChurn(0, 12));
        Assert.Equal(1.0, RetentionResult.CompoundChurn(1, 0.5));
        Assert.Equal("churnPerPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => RetentionResult.CompoundChurn(5, 12)).ParamName);
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => RetentionResult.CompoundChurn(0.1, 0)).ParamName);
    }

    [Fact]
    public void The_simple_clv_is_m_r_over_one_plus_d_minus_r()
    {
        // m = 100, r = 0.8, d = 0.1: 100 × 0.8 / (1.1 − 0.8) = 266.67.
        Assert.Equal(266.67m, Math.Round(LifetimeValue.Simple(new Money(100m, Currency.Usd), 0.8, 0.1).Amount, 2));
        Assert.Equal("retentionPerPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => LifetimeValue.Simple(new Money(1m, Currency.Usd), 1.0, 0.0)).ParamName);
        Assert.Equal("retentionPerPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => LifetimeValue.Simple(new Money(1m, Currency.Usd), 80, 0.1)).ParamName);
        Assert.Equal("discountRatePerPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => LifetimeValue.Simple(new Money(1m, Currency.Usd), 0.5, -0.1)).ParamName);
        Assert.Equal("discountRatePerPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => ValueBasis.SimpleClv(1.5)).ParamName);
        Assert.Equal("lifetimeValue", Assert.Throws<ArgumentOutOfRangeException>(() => ValueBasis.Given(new Money(-1m, Currency.Usd))).ParamName);
    }

    [Fact]
    public void Rates_carry_their_evidence_and_their_reason()
    {
        var rate = new Rate(1, 4, "no customers");
        Assert.Equal((0.25, true, (string?)null), (rate.Value!.Value, rate.IsDefined, rate.UndefinedReason));
        var none = new Rate(0, 0, "no customers");
        Assert.Equal((null, false, "no customers"), (none.Value, none.IsDefined, none.UndefinedReason));
        Assert.Equal("undefined (no customers)", none.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rate(-1, 4, "x"));
        Assert.Equal("undefined (nothing)", MetricValue.Undefined<double>("nothing").ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricValue.Of(double.PositiveInfinity));
        Assert.Equal("0", MetricValue.Of(-0.0).ToString());
        Assert.Throws<CurrencyMismatchException>(() => new MoneyRatio(new Money(1, Currency.Usd), new Money(1, Currency.Eur), null));
    }

    [Fact]
    public void The_previous_period_is_of_the_same_kind_and_ends_the_day_before()
    {
        // A calendar month: the month before, whatever its length.
        var march = ReportingPeriod.Month(2026, 3, Fixture.Berlin);
        var previous = march.Previous();
        Assert.Equal(new DateInterval(new LocalDate(2026, 2, 1), new LocalDate(2026, 2, 28)), previous.Dates);
        Assert.Equal(march.Zone, previous.Zone);
        Assert.Equal(new DateInterval(new LocalDate(2025, 12, 1), new LocalDate(2025, 12, 31)), ReportingPeriod.Month(2026, 1, Fixture.Berlin).Previous().Dates);

        // A calendar quarter and a calendar year: the one before.
        Assert.Equal(new DateInterval(new LocalDate(2025, 10, 1), new LocalDate(2025, 12, 31)), Of(2026, 1, 1, 2026, 3, 31).Previous().Dates);
        Assert.Equal(new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31)), Of(2026, 1, 1, 2026, 12, 31).Previous().Dates);

        // Anything else: the same length, ending the day before — two months, a month not on a quarter, 30 days.
        Assert.Equal(new DateInterval(new LocalDate(2025, 12, 4), new LocalDate(2026, 1, 31)), Of(2026, 2, 1, 2026, 3, 31).Previous().Dates);
        Assert.Equal(new DateInterval(new LocalDate(2025, 11, 4), new LocalDate(2026, 1, 31)), Of(2026, 2, 1, 2026, 4, 30).Previous().Dates);
        Assert.Equal(new DateInterval(new LocalDate(2026, 2, 2), new LocalDate(2026, 3, 3)), Of(2026, 3, 4, 2026, 4, 2).Previous().Dates);

        static ReportingPeriod Of(int y1, int m1, int d1, int y2, int m2, int d2) =>
            new(new DateInterval(new LocalDate(y1, m1, d1), new LocalDate(y2, m2, d2)), Fixture.Berlin);

        // A cost over 20 Feb – 21 Mar has 21 days in March.
        Assert.Equal(21, march.OverlapInDays(new DateInterval(new LocalDate(2026, 2, 20), new LocalDate(2026, 3, 21))));
        Assert.Equal(0, march.OverlapInDays(new DateInterval(new LocalDate(2026, 4, 1), new LocalDate(2026, 4, 30))));
    }

    [Fact]
    public void The_last_full_month_is_read_in_the_zone()
    {
        // 1 April 2026 00:30 in Berlin is still 31 March in UTC: the last full month differs by zone.
        var clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 3, 31, 22, 30));
        Assert.Equal(new LocalDate(2026, 3, 1), ReportingPeriod.LastFullMonth(clock, Fixture.Berlin).Dates.Start);
        Assert.Equal(new LocalDate(2026, 2, 1), ReportingPeriod.LastFullMonth(clock, DateTimeZone.Utc).Dates.Start);
    }
}
