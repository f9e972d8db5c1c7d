using Crm.Domain.Activity;
using Crm.Domain.Customers;
using NodaTime.Testing;
using static Crm.Metrics.Tests.Fixture;

namespace Crm.Metrics.Tests;

/// <content>The scorecard at its edges: missing data, a single sale, summer time, currencies, a running period.</content>
public partial class ScorecardFixtureTests
{
    [Fact]
    public void Without_a_funnel_conversion_is_undefined_and_says_why()
    {
        var f = Compute(DataSet, new ScorecardSettings()).Conversion;
        Assert.Null(f.EndToEnd.Value);
        Assert.Equal("no funnel stages were given", f.EndToEnd.UndefinedReason);
        Assert.Empty(f.Stages);
    }

    [Fact]
    public void A_lead_with_a_stage_outside_the_funnel_is_rejected()
    {
        var stray = new Lead(new LeadId("X"), [new LeadStageReached("demo", Utc(2026, 3, 3))]);
        var ex = Assert.Throws<ArgumentException>(() => Compute(new CrmDataSet { Leads = [stray] }));
        Assert.Contains("\"demo\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sale_without_cost_makes_margins_undefined_and_says_how_many()
    {
        CrmDataSet data = new() { Purchases = [Purchase.Sale(A, Utc(2026, 3, 5), Eu(10)), Purchase.Sale(C, Utc(2026, 3, 6), Eu(20), cost: Eu(5))] };
        var v = Compute(data).CustomerValue;

        Assert.Null(v.TotalMargin.Value);
        Assert.Contains("1 sale in the period has no cost", v.TotalMargin.UndefinedReason, StringComparison.Ordinal);
        Assert.Null(v.Customers[0].Margin.Value);
        Assert.Equal(Eu(15), v.Customers[1].Margin.Value); // 20 − 5 (no retention cost)
        Assert.Equal(1, v.MarginPerCustomer.Count);

        var zero = Compute(data, options: new CrmMetricsOptions { TreatMissingCostAsZero = true }).CustomerValue;
        Assert.Equal(Eu(25), zero.TotalMargin.Value); // 10 − 0 + 20 − 5
    }

    [Fact]
    public void An_empty_data_set_is_undefined_everywhere_not_zero()
    {
        var card = Compute(new CrmDataSet());

        Assert.Null(card.Satisfaction.Csat.Value);
        Assert.Null(card.Satisfaction.Nps.Value);
        Assert.Null(card.Satisfaction.Ces.Value);
        Assert.Equal("no survey data was supplied", card.Satisfaction.Nps.UndefinedReason);
        Assert.Equal("no purchase data was supplied", card.Loyalty.PurchaseFrequency.UndefinedReason);
        Assert.Equal("no purchase data was supplied", card.Loyalty.Retention.UndefinedReason);
        Assert.Equal("no complaint data was supplied", card.ServiceEfficiency.SlaCompliance.UndefinedReason);
        Assert.Equal("no lead data was supplied", card.Conversion.EndToEnd.UndefinedReason);
        Assert.Null(card.Loyalty.AverageOrderValue.Value);
        Assert.Null(card.Loyalty.PurchaseFrequency.Value);
        Assert.Null(card.Loyalty.RepeatPurchaseRate.Value);
        Assert.Null(card.Loyalty.Retention.RetentionRate);
        Assert.Null(card.Loyalty.Retention.ChurnRate);
        Assert.Null(card.Loyalty.ReturningCustomerRevenueShare.Value);
        Assert.Null(card.Loyalty.SalesGrowth.Value);
        Assert.Null(card.AcquisitionCost.CustomerAcquisitionCost.Value);
        Assert.Equal("no cost data was supplied", card.AcquisitionCost.CustomerAcquisitionCost.UndefinedReason);
        Assert.Equal("no complaint data was supplied", card.ServiceEfficiency.ComplaintRate.UndefinedReason);
        Assert.Null(card.Experience.Index.Value);
        Assert.Equal(DataSources.None, card.Supplied);
        Assert.Null(card.AcquisitionCost.RetentionCostPerActiveCustomer.Value);
        Assert.Null(card.AcquisitionCost.CacPaybackMonths.Value);
        Assert.Empty(card.CustomerValue.Customers);

        // Revenue of nothing is a real zero, in the fallback currency (USD unless set).
        Assert.Equal(Money.Zero(Currency.Usd), card.Loyalty.Revenue);
        Assert.Equal(Currency.Usd, card.Currency);
    }

    [Fact]
    public void Sale_days_are_local_days_across_the_change_to_summer_time()
    {
        // Berlin moves to UTC+2 on 29 March 2026 at 01:00 UTC, so 30 March begins at 29 March 22:00 UTC — an hour
        // before 29 × 24 h after the period's start (28 Feb 23:00 UTC). A sale at 29 March 10:00Z (12:00 local) and one
        // at 22:30Z (30 March 00:30 local) fall on two days: a repeat buyer. A sale at 21:30Z (23:30 local) is still
        // 29 March, so that pair is one day.
        var twoDays = Compute(new CrmDataSet { Purchases = [Purchase.Sale(A, Utc(2026, 3, 29, 10), Eu(10)), Purchase.Sale(A, Utc(2026, 3, 29, 22, 30), Eu(10))] });
        var oneDay = Compute(new CrmDataSet { Purchases = [Purchase.Sale(A, Utc(2026, 3, 29, 10), Eu(10)), Purchase.Sale(A, Utc(2026, 3, 29, 21, 30), Eu(10))] });

        Assert.Equal((1L, 1L), (twoDays.Loyalty.RepeatPurchaseRate.Numerator, twoDays.Loyalty.RepeatPurchaseRate.Denominator));
        Assert.Equal((0L, 1L), (oneDay.Loyalty.RepeatPurchaseRate.Numerator, oneDay.Loyalty.RepeatPurchaseRate.Denominator));
    }

    [Fact]
    public void Sales_growth_of_a_month_is_against_the_calendar_month_before()
    {
        // March (31 days) against all of February, not 29 Jan – 28 Feb: the sale of 30 January is not counted.
        var card = Compute(new CrmDataSet
        {
            Purchases =
            [
                Purchase.Sale(A, Utc(2026, 1, 30), Eu(1000)),
                Purchase.Sale(B, Utc(2026, 2, 1, 0, 0), Eu(50)),   // 01:00 in Berlin: February
                Purchase.Sale(B, Utc(2026, 2, 28, 22, 30), Eu(7)), // 23:30 in Berlin: still February
                Purchase.Sale(C, Utc(2026, 3, 15), Eu(114)),
            ],
        });

        // (114 − 57) / 57 = 1.
        Assert.Equal(Eu(57), card.Loyalty.PriorPeriodRevenue);
        Assert.Equal(1.0, card.Loyalty.SalesGrowth.Value);
    }

    [Fact]
    public void A_single_sale_gives_the_single_record_values()
    {
        var card = Compute(new CrmDataSet { Purchases = [Purchase.Sale(A, Utc(2026, 3, 15), Eu(42))] });

        // One order of 42 by one new customer: AOV 42, frequency 1, repeat 0/1; nobody at start → retention undefined.
        Assert.Equal(Eu(42), card.Loyalty.AverageOrderValue.Value);
        Assert.Equal(1.0, card.Loyalty.PurchaseFrequency.Value);
        Assert.Equal(0.0, card.Loyalty.RepeatPurchaseRate.Value);
        Assert.Null(card.Loyalty.Retention.RetentionRate);
        Assert.Equal(1, card.Loyalty.NewCustomers);
        Assert.Equal(0.0, card.Loyalty.ReturningCustomerRevenueShare.Value);

        // No cost data supplied: CAC is unknown, not 0; neither are complaints, so the complaint rate is unknown.
        Assert.Null(card.AcquisitionCost.CustomerAcquisitionCost.Value);
        Assert.Equal("no cost data was supplied", card.AcquisitionCost.CustomerAcquisitionCost.UndefinedReason);
        Assert.Null(card.AcquisitionCost.LtvToCac.Value);
        Assert.Null(card.ServiceEfficiency.ComplaintRate.Value);
        Assert.Null(card.ServiceEfficiency.ComplaintsPerThousandOrders.Value);
        Assert.Equal(Eur, card.Currency);
        Assert.Equal(DataSources.Purchases, card.Supplied);
    }

    [Fact]
    public void Supplied_but_empty_costs_and_complaints_are_real_zeros()
    {
        var card = Compute(new CrmDataSet { Purchases = [Purchase.Sale(A, Utc(2026, 3, 15), Eu(42), cost: Eu(20))], Costs = [], Complaints = [] });

        // Costs and complaints recorded, none happened: CAC = 0 EUR / 1 acquired = 0; complaint rate 0 / 1 active = 0;
        // 0 complaints per 1,000 orders; return on CRM spend still undefined (no spend to divide by).
        Assert.Equal(Money.Zero(Eur), card.AcquisitionCost.CustomerAcquisitionCost.Value);
        Assert.Equal(Money.Zero(Eur), card.AcquisitionCost.RetentionCostPerActiveCustomer.Value);
        Assert.Equal(0.0, card.ServiceEfficiency.ComplaintRate.Value);
        Assert.Equal(0.0, card.ServiceEfficiency.ComplaintsPerThousandOrders.Value);
        Assert.Equal("no CRM cost in the period", card.CostBenefit.ReturnOnCrmSpend.UndefinedReason);
        Assert.Equal(DataSources.Purchases | DataSources.Costs | DataSources.Complaints, card.Supplied);
    }

    [Fact]
    public void Supplied_kinds_merge_and_can_be_declared()
    {
        var left = new ScorecardAccumulator(March);
        var right = new ScorecardAccumulator(March);
        left.Add(Purchase.Sale(A, Utc(2026, 3, 15), Eu(42)));
        right.MarkSupplied(DataSources.Complaints);
        left.Merge(right);

        Assert.Equal(DataSources.Purchases | DataSources.Complaints, left.Supplied);
        Assert.Equal(0.0, left.Result(Now).ServiceEfficiency.ComplaintRate.Value);
        Assert.Throws<ArgumentOutOfRangeException>("sources", () => left.MarkSupplied((DataSources)128));
    }

    [Fact]
    public void A_recorded_acquisition_instant_overrides_the_first_sale()
    {
        var late = Customer.CreatePerson(E, new PersonProfile("Eve"), Utc(2024, 1, 1));
        late.RecordAcquisition(Utc(2026, 3, 2), "partner");
        var card = Compute(DataSet with { Customers = [late] });

        // E bought in 2024 but the CRM says it was acquired on 2 March: new customers C and E; CAC 520 / 2 = 260.
        Assert.Equal(2, card.Loyalty.NewCustomers);
        Assert.Equal(Eu(260), card.AcquisitionCost.CustomerAcquisitionCost.Value);
    }

    [Fact]
    public void A_second_currency_without_exchange_rates_fails_naming_both()
    {
        CrmDataSet data = new() { Purchases = [Purchase.Sale(A, Utc(2026, 3, 5), Eu(10)), Purchase.Sale(C, Utc(2026, 3, 6), new Money(20, Currency.Usd))] };
        var ex = Assert.Throws<CurrencyMismatchException>(() => Compute(data));
        Assert.Contains("EUR", ex.Message, StringComparison.Ordinal);
        Assert.Contains("USD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IExchangeRateProvider", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exchange_rates_convert_other_currencies_into_the_scorecard_currency()
    {
        CrmDataSet data = new() { Purchases = [Purchase.Sale(A, Utc(2026, 3, 5), Eu(10)), Purchase.Sale(C, Utc(2026, 3, 6), new Money(20, Currency.Usd))] };
        var accumulator = new ScorecardAccumulator(March, new ScorecardSettings { Currency = Eur }, exchangeRates: new HalfRates());
        foreach (var p in data.Purchases)
        {
            accumulator.Add(p);
        }

        // 10 EUR + 20 USD × 0.5 = 20 EUR.
        Assert.Equal(Eu(20), accumulator.Result(Now).Loyalty.Revenue);
    }

    [Fact]
    public void The_scorecard_says_when_its_period_was_still_running()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IClock>(services, new FakeClock(Utc(2026, 3, 20)));
        services.AddCrmMetrics();
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var metrics = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ICrmMetrics>(provider);

        var card = metrics.ComputeScorecard(DataSet, March);
        Assert.False(card.IsPeriodComplete);
        Assert.Equal(Utc(2026, 3, 20), card.ComputedAt);
    }
}
