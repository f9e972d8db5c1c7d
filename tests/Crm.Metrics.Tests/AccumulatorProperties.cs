using Crm.Domain.Activity;
using Crm.Metrics.Satisfaction;
using Crm.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Metrics.Tests;

/// <summary>The laws every accumulator obeys: merge = one pass, order independence, bounds, monotonicity, no NaN.</summary>
public class AccumulatorProperties
{
    // January 2020 in Berlin: generated activity (2020 ± 1.5 years) falls before, in and after it.
    private static readonly ReportingPeriod Period = ReportingPeriod.Month(2020, 1, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly ScorecardSettings Settings = new() { Currency = Currency.Eur, Funnel = CrmGen.Funnel };

    /// <summary>A data set in EUR with dense activity around the period, and a partition of it into 1–4 parts.</summary>
    public static Arbitrary<(CrmDataSet Data, int[] Parts)> PartitionedData()
    {
        var near = Gen.Choose(-40 * 24, 40 * 24).Select(h => Period.Start + Duration.FromHours(h));
        var purchase =
            from p in CrmGen.PurchaseIn(Currency.Eur)
            from dense in Gen.Elements(true, false)
            from at in near
            select dense ? new Purchase(p.CustomerId, at, p.Kind, p.Amount, p.Channel, p.Cost) : p;
        var survey =
            from s in CrmGen.SurveyResponse
            from at in near
            select new SurveyResponse(s.CustomerId, at, s.Kind, s.Score);
        var complaint =
            from c in CrmGen.Complaint
            from shift in Gen.Choose(-40 * 24, 40 * 24)
            select new Complaint(c.Id, c.CustomerId, c.OpenedAt - (c.OpenedAt - Period.Start) + Duration.FromHours(shift), Shift(c.FirstResponseAt, c, shift), Shift(c.ResolvedAt, c, shift), c.TargetResolutionTime, c.Severity, c.Channel);
        var feedback =
            from f in CrmGen.Feedback
            from at in near
            select new Domain.Activity.Feedback(f.CustomerId, at, f.Kind, f.Channel, f.Text);
        var lead =
            from l in CrmGen.Lead
            from shift in Gen.Choose(-40 * 24, 40 * 24)
            select new Lead(l.Id, l.Stages.Select(st => new LeadStageReached(st.Stage, st.At - (l.FirstReachedAt - Period.Start) + Duration.FromHours(shift))), l.ConvertedCustomerId);
        var gen =
            from purchases in purchase.ListOf()
            from surveys in survey.ListOf()
            from costs in CrmGen.CostEntryIn(Currency.Eur).ListOf()
            from complaints in complaint.ListOf()
            from feedbacks in feedback.ListOf()
            from leads in lead.ListOf()
            from parts in Gen.Choose(0, 3).ArrayOf(purchases.Count + surveys.Count + costs.Count + complaints.Count + feedbacks.Count + leads.Count)
            select (new CrmDataSet { Purchases = purchases, SurveyResponses = surveys, Costs = costs, Complaints = complaints, Feedback = feedbacks, Leads = leads }, parts);
        return gen.ToArbitrary();
    }

    // Moves a complaint's later instants along with its opening, keeping their gaps.
    private static Instant? Shift(Instant? at, Complaint c, int hours) =>
        at is { } a ? a - (c.OpenedAt - Period.Start) + Duration.FromHours(hours) : null;

    private static ScorecardAccumulator OnePass(CrmDataSet data, CrmMetricsOptions? options = null)
    {
        var accumulator = new ScorecardAccumulator(Period, Settings, options);
        accumulator.AddRange(data);
        return accumulator;
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 200)]
    public void Any_partition_merged_equals_one_pass_exactly((CrmDataSet Data, int[] Parts) input)
    {
        var (data, parts) = input;
        var partials = Enumerable.Range(0, 4).Select(_ => new ScorecardAccumulator(Period, Settings)).ToArray();

        // A partitioned job declares the kinds it reads: a partition without complaints had none.
        partials[0].MarkSupplied(DataSources.All & ~DataSources.Customers);
        var i = 0;
        foreach (var p in data.Purchases!)
        {
            partials[parts[i++]].Add(p);
        }

        foreach (var s in data.SurveyResponses!)
        {
            partials[parts[i++]].Add(s);
        }

        foreach (var c in data.Costs!)
        {
            partials[parts[i++]].Add(c);
        }

        foreach (var c in data.Complaints!)
        {
            partials[parts[i++]].Add(c);
        }

        foreach (var f in data.Feedback!)
        {
            partials[parts[i++]].Add(f);
        }

        foreach (var l in data.Leads!)
        {
            partials[parts[i++]].Add(l);
        }

        // Merge in a tree, not a chain, so that merge order varies too.
        partials[3].Merge(partials[1]);
        partials[2].Merge(partials[0]);
        partials[2].Merge(partials[3]);

        Assert.Equal(Snapshot.Of(OnePass(data).Result(Now)), Snapshot.Of(partials[2].Result(Now)));
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 100)]
    public void Input_order_does_not_matter((CrmDataSet Data, int[] Parts) input)
    {
        var data = input.Data;
        var reversed = new CrmDataSet
        {
            Purchases = data.Purchases!.Reverse().ToList(),
            SurveyResponses = data.SurveyResponses!.Reverse().ToList(),
            Costs = data.Costs!.Reverse().ToList(),
            Complaints = data.Complaints!.Reverse().ToList(),
            Feedback = data.Feedback!.Reverse().ToList(),
            Leads = data.Leads!.Reverse().ToList(),
        };
        Assert.Equal(Snapshot.Of(OnePass(data).Result(Now)), Snapshot.Of(OnePass(reversed).Result(Now)));
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 200)]
    public void Every_result_is_within_its_bounds_and_never_NaN((CrmDataSet Data, int[] Parts) input)
    {
        var card = OnePass(input.Data).Result(Now);
        var s = card.Satisfaction;
        InRange(s.Csat.Value, 0, 100);
        InRange(s.Nps.Value, -100, 100);
        InRange(s.Ces.Value, 1, 7);
        var l = card.Loyalty;
        InRange(l.RepeatPurchaseRate.Value, 0, 1);
        InRange(l.Retention.RetentionRate, 0, 1);
        InRange(l.Retention.ChurnRate, 0, 1);
        InRange(l.ReturningCustomerRevenueShare.Value, 0, 1);
        InRange(l.PurchaseFrequency.Value, 1, double.MaxValue);
        Assert.True(l.Revenue == l.SalesRevenue - l.Refunds);
        Assert.True(l.Retention.Retained <= l.Retention.CustomersAtStart);
        var service = card.ServiceEfficiency;
        InRange(service.SlaCompliance.Value, 0, 1);
        InRange(card.Feedback.ComplaintsHandled.Value, 0, 1);
        InRange(card.Experience.Index.Value, 0, 100);
        InRange(service.ComplaintRate.Value, 0, double.MaxValue);
        var withTarget = input.Data.Complaints!.Count(c => Period.Contains(c.OpenedAt) && c.TargetResolutionTime is not null);
        Assert.Equal(withTarget, service.SlaMet + service.SlaBreached + service.SlaPending);
        Assert.Equal(service.ComplaintsOpened, service.SlaMet + service.SlaBreached + service.SlaPending + service.WithoutTarget);
        Assert.True(service.FirstResponseTime.Count + service.Unanswered + service.ResolvedWithoutReply == service.ComplaintsOpened);
        Assert.True(service.ResolvedWithoutReply <= service.ResolutionTime.Count);
        Assert.True(service.ResolutionTime.Count + service.Unresolved == service.ComplaintsOpened);
        var months = card.Cohorts.Rows.Count;
        for (var c = 0; c < months; c++)
        {
            var row = card.Cohorts.Rows[c];
            for (var k = 0; k < months; k++)
            {
                if (c + k >= months)
                {
                    Assert.Null(row.Retention[k]); // in the future: absent, never 0
                }
                else
                {
                    InRange(row.Retention[k], 0, 1);
                    Assert.Equal(row.Size == 0, row.Retention[k] is null);
                }
            }
        }

        var funnel = card.Conversion;
        InRange(funnel.EndToEnd.Value, 0, 1);
        Assert.All(funnel.Stages, stage => InRange(stage.FromPrevious.Value, 0, 1));
        Assert.True(funnel.Stages.Zip(funnel.Stages.Skip(1)).All(p => p.First.Reached >= p.Second.Reached));

        // No double anywhere in the scorecard is NaN or infinite.
        foreach (var line in Snapshot.Of(card).Split('\n'))
        {
            Assert.DoesNotContain("NaN", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", line, StringComparison.Ordinal);
        }
    }

    [Property(Arbitrary = new[] { typeof(CrmArbitraries) })]
    public void One_more_promoter_never_lowers_NPS(SurveyResponse[] responses, bool nine)
    {
        var inPeriod = responses.Select(r => new SurveyResponse(r.CustomerId, Period.Start + Duration.FromHours(1), r.Kind, r.Score)).ToArray();
        var before = Satisfaction(inPeriod).Nps.Value;
        var after = Satisfaction([.. inPeriod, new SurveyResponse(new CustomerId("p"), Period.Start, SurveyKind.Nps, nine ? 9 : 10)]).Nps.Value;
        Assert.NotNull(after);
        Assert.True(before is null || after >= before, $"NPS fell from {before} to {after}");
    }

    [Property(Arbitrary = new[] { typeof(CrmArbitraries) })]
    public void One_more_detractor_never_raises_NPS(SurveyResponse[] responses, NonNegativeInt score)
    {
        var inPeriod = responses.Select(r => new SurveyResponse(r.CustomerId, Period.Start + Duration.FromHours(1), r.Kind, r.Score)).ToArray();
        var before = Satisfaction(inPeriod).Nps.Value;
        var after = Satisfaction([.. inPeriod, new SurveyResponse(new CustomerId("d"), Period.Start, SurveyKind.Nps, score.Get % 7)]).Nps.Value;
        Assert.True(before is null || after <= before);
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 200)]
    public void One_more_retained_customer_never_lowers_retention((CrmDataSet Data, int[] Parts) input)
    {
        var before = OnePass(input.Data).Result(Now).Loyalty.Retention.RetentionRate;
        var loyal = new CustomerId("loyal-newcomer");
        var extra = new[]
        {
            Purchase.Sale(loyal, Period.Start - Duration.FromDays(30), new Money(10, Currency.Eur)),
            Purchase.Sale(loyal, Period.Start + Duration.FromDays(3), new Money(10, Currency.Eur)),
        };
        var after = OnePass(input.Data with { Purchases = [.. input.Data.Purchases!, .. extra] }).Result(Now).Loyalty.Retention.RetentionRate;
        Assert.NotNull(after);
        Assert.True(before is null || after >= before, $"retention fell from {before} to {after}");
    }

    [Property(Arbitrary = new[] { typeof(CrmArbitraries) })]
    public void Survey_partitions_merge_exactly(SurveyResponse[] responses, int seed)
    {
        var inPeriod = responses.Select(r => new SurveyResponse(r.CustomerId, Period.Start + Duration.FromMinutes(Math.Abs(seed % 1000)), r.Kind, r.Score)).ToArray();
        var left = new SatisfactionAccumulator(Period);
        var right = new SatisfactionAccumulator(Period);
        for (var i = 0; i < inPeriod.Length; i++)
        {
            ((i + seed) % 2 == 0 ? left : right).Add(inPeriod[i]);
        }

        right.Merge(left);
        Assert.Equal(Snapshot.Of(Satisfaction(inPeriod)), Snapshot.Of(right.Result()));
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 50)]
    public void Taking_a_result_midway_changes_neither_that_result_nor_the_final_one((CrmDataSet Data, int[] Parts) input)
    {
        var purchases = input.Data.Purchases!.ToList();
        var half = purchases.Count / 2;
        var accumulator = new ScorecardAccumulator(Period, Settings);
        accumulator.MarkSupplied(DataSources.Purchases);
        purchases.Take(half).ToList().ForEach(accumulator.Add);
        var midway = accumulator.Result(Now);
        var midwaySnapshot = Snapshot.Of(midway);
        purchases.Skip(half).ToList().ForEach(accumulator.Add);

        Assert.Equal(midwaySnapshot, Snapshot.Of(midway));
        Assert.Equal(Snapshot.Of(OnePass(new CrmDataSet { Purchases = purchases }).Result(Now)), Snapshot.Of(accumulator.Result(Now)));
    }

    [Property(Arbitrary = new[] { typeof(AccumulatorProperties) }, MaxTest = 200)]
    public void Reading_an_array_or_list_on_several_threads_equals_one_pass_exactly((CrmDataSet Data, int[] Parts) input, PositiveInt threads, PositiveInt perThread, bool asList, NonNegativeInt addedFirst)
    {
        // The threshold lowered to a few purchases per thread, so that small inputs run AddIndexed's threads (each
        // with its own buffer, taking the shared tables partition by partition), after purchases added one by one.
        var purchases = input.Data.Purchases!.ToList();
        var first = Math.Min(addedFirst.Get % 4, purchases.Count);
        var rest = purchases.Skip(first).ToList();
        var options = new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 1 + (threads.Get % 4) } };
        var accumulator = new ScorecardAccumulator(Period, Settings, options).ReadingInParallelFrom(1 + (perThread.Get % 8));
        purchases.Take(first).ToList().ForEach(accumulator.Add);
        accumulator.AddRange(input.Data with { Purchases = asList ? rest : rest.ToArray() });

        Assert.Equal(Snapshot.Of(OnePass(input.Data, new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 1 } }).Result(Now)), Snapshot.Of(accumulator.Result(Now)));
    }

    [Fact]
    public void Large_inputs_give_the_same_scorecard_on_one_thread_and_on_many()
    {
        // 200,000 purchases over 40,000 customers: large enough for parallel flushes of the partitioned buffer and
        // for the result's scans over the customers to run side by side.
        var purchases = LargeData.Purchases(Period, 7, "c");
        var data = new CrmDataSet { Purchases = purchases };
        var scorecard = OnePass(data, new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 4 } }).Result(Now);
        var sequential = Snapshot.Of(OnePass(data, new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 1 } }).Result(Now));
        Assert.Equal(sequential, Snapshot.Of(scorecard));
        Assert.Contains(".Loyalty.ActiveCustomers=", sequential, StringComparison.Ordinal);

        // Each customer's period state is its own (the result reorders the states): net revenue per customer in the
        // period equals a plain LINQ grouping, and so do the counts.
        var inPeriod = purchases.Where(p => p.OccurredAt >= Period.Start && p.OccurredAt < Period.End).ToList();
        var expected = inPeriod.GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => g.Sum(p => p.SignedAmount.Amount));
        Assert.Equal(expected.Count, scorecard.CustomerValue.Customers.Count);
        Assert.All(scorecard.CustomerValue.Customers, c => Assert.Equal(expected[c.Id], c.Revenue.Amount));
        Assert.Equal(inPeriod.Where(p => p.IsSale).Select(p => p.CustomerId).Distinct().LongCount(), scorecard.Loyalty.ActiveCustomers);
        Assert.True(scorecard.Loyalty.ActiveCustomers > 10_000, "enough active customers to reorder many period states");
    }

    [Fact]
    public void Scorecards_computed_in_turn_on_pooled_memory_do_not_see_each_other()
    {
        // ICrmMetrics returns the customer tables' arrays to the shared pool after each result, and the next
        // scorecard rents them: two large data sets of different customers, computed in turn, must each give what an
        // accumulator of their own gives (its memory is never returned).
        var first = new CrmDataSet { Purchases = LargeData.Purchases(Period, 7, "a") };
        var second = new CrmDataSet { Purchases = LargeData.Purchases(Period, 8, "b") };
        var expectedFirst = Snapshot.Of(OnePass(first).Result(Now));
        var expectedSecond = Snapshot.Of(OnePass(second).Result(Now));
        using var provider = new ServiceCollection()
            .AddSingleton<IClock>(new NodaTime.Testing.FakeClock(Now))
            .AddCrmMetrics()
            .BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();

        foreach (var round in Enumerable.Range(0, 2))
        {
            Assert.Equal(expectedFirst, Snapshot.Of(metrics.ComputeScorecard(first, Period, Settings)));
            Assert.Equal(expectedSecond, Snapshot.Of(metrics.ComputeScorecard(second, Period, Settings)));
        }
    }

    [Fact]
    public void Acquisitions_added_while_large_batches_are_applied_in_the_background_count_as_on_one_thread()
    {
        // 300,000 purchases over 50,000 customers, with an acquisition instant every 100 purchases: on several
        // threads, full batches are applied on the thread pool while the next fills, and acquisitions wait for them.
        var random = new Random(11);
        var parallel = new Crm.Metrics.Loyalty.PurchaseAccumulator(Period, new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 4 } });
        var sequential = new Crm.Metrics.Loyalty.PurchaseAccumulator(Period, new CrmMetricsOptions { Execution = { MaxDegreeOfParallelism = 1 } });
        for (var i = 0; i < 300_000; i++)
        {
            var id = new CustomerId("c" + random.Next(50_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var purchase = Purchase.Sale(id, Period.Start + Duration.FromMinutes(random.Next(-600_000, 60_000)), new Money(random.Next(1, 10_000) / 100m, Currency.Eur));
            parallel.Add(purchase);
            sequential.Add(purchase);
            if (i % 100 == 0)
            {
                var acquired = Period.Start + Duration.FromMinutes(random.Next(-60_000, 60_000));
                parallel.AddAcquisition(id, acquired);
                sequential.AddAcquisition(id, acquired);
            }
        }

        var expected = sequential.LoyaltyResult(Currency.Eur);
        Assert.Equal(Snapshot.Of(expected), Snapshot.Of(parallel.LoyaltyResult(Currency.Eur)));
        Assert.Equal(sequential.CustomerCount, parallel.CustomerCount);
        Assert.InRange(expected.NewCustomers, 1_000, 3_000);
    }

    [Fact]
    public void Accumulators_of_different_periods_or_options_refuse_to_merge()
    {
        var march = new ScorecardAccumulator(ReportingPeriod.Month(2026, 3, DateTimeZone.Utc));
        Assert.Throws<ArgumentException>(() => march.Merge(new ScorecardAccumulator(ReportingPeriod.Month(2026, 4, DateTimeZone.Utc))));
        Assert.Throws<ArgumentException>(() => march.Merge(new ScorecardAccumulator(ReportingPeriod.Month(2026, 3, DateTimeZone.Utc), options: new CrmMetricsOptions { RetentionWindowDays = 90 })));
        Assert.Throws<ArgumentException>(() => new SatisfactionAccumulator(Period).Merge(new SatisfactionAccumulator(Period, new CrmMetricsOptions { CsatMethod = CsatMethod.MeanScore })));
    }

    [Fact]
    public void Partial_results_in_different_currencies_refuse_to_merge()
    {
        var eur = new ScorecardAccumulator(Period);
        eur.Add(Purchase.Sale(new CustomerId("a"), Period.Start, new Money(1, Currency.Eur)));
        var usd = new ScorecardAccumulator(Period);
        usd.Add(Purchase.Sale(new CustomerId("b"), Period.Start, new Money(1, Currency.Usd)));
        Assert.Throws<CurrencyMismatchException>(() => eur.Merge(usd));
    }

    private static SatisfactionMetrics Satisfaction(IEnumerable<SurveyResponse> responses)
    {
        var accumulator = new SatisfactionAccumulator(Period);
        foreach (var r in responses)
        {
            accumulator.Add(r);
        }

        return accumulator.Result();
    }

    private static void InRange(double? value, double low, double high)
    {
        if (value is { } v)
        {
            Assert.True(double.IsFinite(v) && v >= low && v <= high, $"{v} is outside [{low}, {high}]");
        }
    }
}
