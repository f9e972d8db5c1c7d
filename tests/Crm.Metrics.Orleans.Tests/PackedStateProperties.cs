using System.Text.Json;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Orleans.Grains;
using Crm.Metrics.Orleans.Jobs;
using Crm.Metrics.Orleans.Wire;
using Crm.Metrics.Segments;
using Crm.Metrics.States;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Crm.Metrics.Orleans.Tests;

/// <summary>
/// The states a cluster job sends: a partition's accumulator packs its customer rows as it writes them, and a merge
/// reads them from the bytes one at a time, with no object per row. Both ends must give exactly the state of the
/// object path, and a packed row that breaks a rule must be refused as an object row is: naming its field, with the
/// receiving accumulator left as it was.
/// </summary>
public class PackedStateProperties
{
    private static readonly ReportingPeriod Period = WireProperties.Period;
    private static readonly ScorecardSettings Settings = WireProperties.Settings;
    private static readonly SummaryOptions Summary = new(new LocalDate(2020, 1, 15)) { HoldoutEnd = new LocalDate(2020, 2, 10), Zone = Period.Zone };
    private static readonly RfmOptions Rfm = new(new LocalDate(2020, 1, 31)) { Zone = Period.Zone, LookBackDays = 60 };
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddCrmMetrics()
        .AddSerializer(b => b.AddAssembly(typeof(ICrmClusterMetrics).Assembly))
        .BuildServiceProvider();

    private static readonly Serializer Wire = Services.GetRequiredService<Serializer>();

    [Property(Arbitrary = new[] { typeof(WireProperties) }, MaxTest = 60)]
    public void A_state_packed_by_a_partition_and_merged_from_its_bytes_is_the_state_of_one_pass(CrmDataSet data)
    {
        using var scorecard = new ScorecardAccumulator(Period, Settings);
        scorecard.AddRange(data);
        Check<ScorecardState, ScorecardAccumulator>(ScorecardJob.For(Period, Settings, default), data, Json(scorecard.ToState()), () => new ScorecardAccumulator(Period, Settings), (a, s) => a.Merge(s), a => Json(a.ToState()));

        using var summary = new CustomerBaseSummaryAccumulator(Summary);
        summary.AddRange(data.Purchases!);
        Check<CustomerBaseSummaryState, CustomerBaseSummaryAccumulator>(SummaryJob.For(Summary), data, Json(summary.ToState()), () => new CustomerBaseSummaryAccumulator(Summary), (a, s) => a.Merge(s), a => Json(a.ToState()));

        using var rfm = new RfmAccumulator(Rfm);
        rfm.AddRange(data.Purchases!);
        Check<RfmState, RfmAccumulator>(RfmJob.For(Rfm), data, Json(rfm.ToState()), () => new RfmAccumulator(Rfm), (a, s) => a.Merge(s), a => Json(a.ToState()));
    }

    [Fact]
    public void Packed_purchase_rows_that_break_a_rule_are_refused_naming_the_field_and_change_nothing()
    {
        var good = Row("c1") with { HasPeriodRecord = true, PeriodSales = 1, FirstSaleDay = 3, PeriodSalesAmount = 10m };
        Refused(Packed(good, good with { Id = "c2", PeriodSalesAmount = -1m }), "purchases.customers[1].periodSalesAmount is negative");
        Refused(Packed(good, good), "purchases.customers[1].id repeats the id of an earlier row");
        Refused(Packed(good, null), "purchases.customers[1] is missing");
        Refused(Packed(good, good with { Id = "" }), "purchases.customers[1].id");
        Refused(Packed(good, good with { Id = "c2", FirstSaleDay = 99 }), "purchases.customers[1].firstSaleDay is outside");

        // Bytes cut inside the last row are refused where the merge reads them.
        var bytes = PackedRows.Pack([good, good with { Id = "c2" }]);
        Refused(PackedRows.PurchaseList(bytes[..^3])!, "purchases.customers[1].");
    }

    [Fact]
    public void Packed_summary_and_rfm_rows_that_break_a_rule_are_refused_naming_the_field_and_change_nothing()
    {
        var first = LocalDayNumber(new LocalDate(2020, 1, 5));
        var day = new CustomerDaysState { Id = "c1", FirstDay = first, FirstDayTotal = 5m, CalibrationTotal = 8m, Days = [first, first + 2] };
        Refused(Summary, [day, day with { Id = "c2", Days = [first, first + 2, first + 1] }], "customers[1].days[2] is not after the day before it");
        Refused(Summary, [day, day], "customers[1].id repeats the id of an earlier row");
        Refused(Summary, [day, null], "customers[1] is missing");

        var bought = new CustomerRfmState { Id = "c1", Total = 12m, Days = [first, first + 4] };
        Refused(Rfm, [bought, bought with { Id = "c2", Days = [] }], "customers[1].days is empty");
        Refused(Rfm, [bought, bought with { Id = "c2", Total = -1m }], "customers[1].total is negative");
        Refused(Rfm, [bought, bought], "customers[1].id repeats the id of an earlier row");
    }

    [Fact]
    public void A_packed_count_beyond_what_its_bytes_hold_reserves_no_more_than_they_can()
    {
        // Four million rows announced over 4 MB of zeros: the merge may make room for as many rows as the bytes could
        // hold (each at least PurchaseRowFormat.MinBytesPerRow), about 20 MB of tables, not for the rows announced
        // (over 300 MB), and then refuses the first row.
        var bytes = new byte[4 << 20];
        const int Announced = 4_000_000;
        var count = PackedRows.Pack([Row("c1")]);
        Assert.Equal(1, count[0]);
        var at = 0;
        for (var value = (uint)Announced; value >= 0x80; value >>= 7)
        {
            bytes[at++] = (byte)(value | 0x80);
        }

        bytes[at] = (byte)(Announced >> (7 * at));
        using var accumulator = new ScorecardAccumulator(Period, Settings);
        var state = accumulator.ToState();
        var forged = state with { Purchases = state.Purchases with { Customers = PackedRows.PurchaseList(bytes)! } };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.ThrowsAny<ArgumentException>(() => accumulator.Merge(forged));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("purchases.customers[0]", e.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 100L << 20);
    }

    /// <summary>
    /// The partition's state, as it stays within a silo and as it crosses the wire, reads back to the one-pass state;
    /// merged into a fresh accumulator, and through the coordinator's merger and its packed total (across the wire
    /// again), it gives that state again.
    /// </summary>
    private static void Check<TState, TAccumulator>(PartitionJob job, CrmDataSet data, string expected, Func<TAccumulator> create, Action<TAccumulator, TState> merge, Func<TAccumulator, string> json)
        where TState : class
        where TAccumulator : IDisposable
    {
        var state = job.ComputeStateAsync(Services, CrmAsyncDataSet.From(data), CancellationToken.None).GetAwaiter().GetResult();
        var bytes = Wire.SerializeToArray(state);
        var sent = Wire.Deserialize<object>(bytes)!;

        // An answer carries the state itself when it fits the chunk size, else its bytes, counted exactly either way.
        Assert.Equal(bytes.Length, StateMessage.LengthOf(Wire, state));
        var (value, whole, length) = StateMessage.Prepare(Wire, state, bytes.Length);
        Assert.Same(state, value);
        Assert.Null(whole);
        Assert.Equal(bytes.Length, length);
        (value, whole, length) = StateMessage.Prepare(Wire, state, bytes.Length - 1);
        Assert.Null(value);
        Assert.Equal(bytes, whole);
        Assert.Equal(bytes.Length, length);
        Assert.Equal(expected, Json((TState)StateMessage.Open(Wire, null, whole)));
        Assert.Equal(expected, Json((TState)state));
        Assert.Equal(expected, Json((TState)sent));

        using var merged = create();
        merge(merged, (TState)sent);
        Assert.Equal(expected, json(merged));

        using var merger = job.CreateMerger(Services);
        merger.Merge(merger.Read(sent));
        using var total = create();
        merge(total, (TState)Wire.Deserialize<object>(Wire.SerializeToArray(merger.ToState()))!);
        Assert.Equal(expected, json(total));
    }

    private static void Refused(IReadOnlyList<CustomerPurchaseState> rows, string message)
    {
        using var accumulator = new ScorecardAccumulator(Period, Settings);
        accumulator.Add(Purchase.Sale(new CustomerId("c0"), Period.Start + Duration.FromDays(2), new Money(7m, Currency.Eur)));
        var before = Json(accumulator.ToState());
        using var other = new ScorecardAccumulator(Period, Settings);
        other.Add(Purchase.Sale(new CustomerId("c9"), Period.Start + Duration.FromDays(2), new Money(7m, Currency.Eur)));
        var state = other.ToState();
        var packed = state with { Purchases = state.Purchases with { Customers = rows } };

        var e = Assert.ThrowsAny<ArgumentException>(() => accumulator.Merge(packed));
        Assert.Equal("state", e.ParamName);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Json(accumulator.ToState()));
    }

    private static void Refused(SummaryOptions options, CustomerDaysState?[] rows, string message)
    {
        using var accumulator = new CustomerBaseSummaryAccumulator(options);
        accumulator.Add(Purchase.Sale(new CustomerId("c0"), Period.Start + Duration.FromDays(2), new Money(7m, Currency.Eur)));
        var before = Json(accumulator.ToState());
        var state = accumulator.ToState() with { Customers = PackedRows.DaysList(PackedRows.Pack(rows!))! };

        var e = Assert.ThrowsAny<ArgumentException>(() => accumulator.Merge(state));
        Assert.Equal("state", e.ParamName);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Json(accumulator.ToState()));
    }

    private static void Refused(RfmOptions options, CustomerRfmState?[] rows, string message)
    {
        using var accumulator = new RfmAccumulator(options);
        accumulator.Add(Purchase.Sale(new CustomerId("c0"), Period.Start + Duration.FromDays(2), new Money(7m, Currency.Eur)));
        var before = Json(accumulator.ToState());
        var state = accumulator.ToState() with { Customers = PackedRows.RfmList(PackedRows.Pack(rows!))! };

        var e = Assert.ThrowsAny<ArgumentException>(() => accumulator.Merge(state));
        Assert.Equal("state", e.ParamName);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Json(accumulator.ToState()));
    }

    private static CustomerPurchaseState Row(string id) => new()
    {
        Id = id,
        FirstSaleTicks = (Period.Start + Duration.FromDays(2)).ToUnixTimeTicks(),
        LifetimeNet = 10m,
        SaleMonths = 1,
    };

    private static IReadOnlyList<CustomerPurchaseState> Packed(params CustomerPurchaseState?[] rows) => PackedRows.PurchaseList(PackedRows.Pack(rows!))!;

    private static int LocalDayNumber(LocalDate date) => (int)(date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().ToUnixTimeTicks() / NodaConstants.TicksPerDay);

    private static string Json(ScorecardState state) => JsonSerializer.Serialize(state, CrmStateJson.ScorecardState);

    private static string Json(CustomerBaseSummaryState state) => JsonSerializer.Serialize(state, CrmStateJson.CustomerBaseSummaryState);

    private static string Json(RfmState state) => JsonSerializer.Serialize(state, CrmStateJson.RfmState);

    private static string Json<T>(T state) => state switch
    {
        ScorecardState s => Json(s),
        CustomerBaseSummaryState s => Json(s),
        RfmState s => Json(s),
        _ => throw new ArgumentException("Not a state.", nameof(state)),
    };
}
