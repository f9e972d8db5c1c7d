using System.Text.Json;
using Crm.Domain.Activity;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Orleans.Jobs;
using Crm.Metrics.Orleans.Wire;
using Crm.Metrics.States;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Crm.Metrics.Orleans.Tests;

/// <summary>
/// A long scorecard state — the coordinator's merged state — is packed in segments on several threads and read back
/// in segments on several threads. The bytes are those of one pass; the marks of where the segments begin cross the
/// wire with them; and marks forged or broken never change what a merge gives, because the rows are then read in one
/// pass, which does not use them.
/// </summary>
public class SegmentedStateProperties
{
    private const int Customers = 40_000;
    private static readonly ReportingPeriod Period = WireProperties.Period;
    private static readonly ScorecardSettings Settings = new() { Currency = Currency.Eur };
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddCrmMetrics(o => o.Execution.MaxDegreeOfParallelism = 4)
        .AddSerializer(b => b.AddAssembly(typeof(ICrmClusterMetrics).Assembly))
        .BuildServiceProvider();

    private static readonly Serializer Wire = Services.GetRequiredService<Serializer>();
    private static readonly Lazy<(ScorecardState State, string Expected)> Long = new(() =>
    {
        var data = Data();
        var state = (ScorecardState)ScorecardJob.For(Period, Settings, default).ComputeStateAsync(Services, CrmAsyncDataSet.From(data), CancellationToken.None).GetAwaiter().GetResult();
        using var onePass = Create();
        onePass.AddRange(data);
        return (state, Json(onePass.ToState()));
    });

    [Fact]
    public void A_long_state_packs_in_segments_into_the_bytes_of_one_pass_and_keeps_its_marks_across_the_wire()
    {
        var (state, expected) = Long.Value;
        var rows = Assert.IsType<PackedRowList<PurchaseRow, CustomerPurchaseState>>(state.Purchases.Customers);

        Assert.Equal(Loyalty.PurchaseAccumulator.StateSegments, rows.SegmentCount);
        Assert.Equal(PackedRows.Pack(rows.ToArray()), rows.Bytes);

        var sent = Wire.Deserialize<ScorecardState>(Wire.SerializeToArray(state))!;
        var arrived = Assert.IsType<PackedRowList<PurchaseRow, CustomerPurchaseState>>(sent.Purchases.Customers);
        Assert.Equal(rows.Marks, arrived.Marks);
        Assert.Equal(rows.Bytes, arrived.Bytes);

        using var merged = Create();
        merged.Merge(sent);
        Assert.Equal(expected, Json(merged.ToState()));
    }

    [Fact]
    public void A_segment_whose_bytes_do_not_hold_exactly_its_rows_is_refused_where_it_is_read()
    {
        var rows = (PackedRowList<PurchaseRow, CustomerPurchaseState>)Long.Value.State.Purchases.Customers;
        var marks = rows.Marks!.ToArray();
        marks[5] += 1; // segment 2 begins a byte late: segment 1 ends with a byte that belongs to no row of it
        var shifted = new PackedRowList<PurchaseRow, CustomerPurchaseState>(rows.Bytes, rows.Format, marks);

        var e = Assert.ThrowsAny<ArgumentException>(() => shifted.ReadSegment(1, static (int _, in PurchaseRow _, bool _) => { }));
        Assert.Contains("purchases.customers", e.Message, StringComparison.Ordinal);

        Assert.Null(new PackedRowList<PurchaseRow, CustomerPurchaseState>(rows.Bytes, rows.Format, [0, 1, 5]).Marks);
        Assert.Null(new PackedRowList<PurchaseRow, CustomerPurchaseState>(rows.Bytes, rows.Format, [.. marks[..2], 10, 2]).Marks);
        Assert.Equal(1, new PackedRowList<PurchaseRow, CustomerPurchaseState>(rows.Bytes, rows.Format, [1, marks[1]]).SegmentCount);
    }

    /// <summary>
    /// Marks changed anyhow — one moved by a few rows or bytes, two swapped, cut short, or made up — give the merge of
    /// the marks as written: the same scorecard state, never another.
    /// </summary>
    [Property(MaxTest = 40)]
    public void Forged_marks_never_change_what_a_merge_gives(int kind, int at, int by, int[] madeUp)
    {
        var (state, expected) = Long.Value;
        var rows = (PackedRowList<PurchaseRow, CustomerPurchaseState>)state.Purchases.Customers;
        var marks = rows.Marks!.ToArray();
        var i = (int)((uint)at % (uint)marks.Length);
        switch ((uint)kind % 4)
        {
            case 0:
                marks[i] += (by % 7) - 3;
                break;
            case 1:
                var j = (i + 2) % marks.Length;
                (marks[i], marks[j]) = (marks[j], marks[i]);
                break;
            case 2:
                marks = marks[..i];
                break;
            default:
                marks = madeUp;
                break;
        }

        var forged = state with { Purchases = state.Purchases with { Customers = new PackedRowList<PurchaseRow, CustomerPurchaseState>(rows.Bytes, rows.Format, marks) } };
        using var merged = Create();
        merged.Merge(forged);
        Assert.Equal(expected, Json(merged.ToState()));
    }

    private static ScorecardAccumulator Create() =>
        new(Period, Settings, new CrmMetricsOptions { Execution = new ExecutionOptions { MaxDegreeOfParallelism = 4 } });

    private static CrmDataSet Data()
    {
        var start = Instant.FromUtc(2019, 10, 1, 0, 0);
        var purchases = new Purchase[Customers * 2];
        for (var i = 0; i < purchases.Length; i++)
        {
            var customer = (int)((i * 7919L) % Customers);
            purchases[i] = Purchase.Sale(new CustomerId("c" + customer.ToString(System.Globalization.CultureInfo.InvariantCulture)), start + Duration.FromMinutes(i * 3L), new Money(10m + (customer % 97), Currency.Eur), cost: customer % 5 == 0 ? null : new Money(4m, Currency.Eur));
        }

        return new CrmDataSet { Purchases = purchases };
    }

    private static string Json(ScorecardState state) => JsonSerializer.Serialize(state, CrmStateJson.ScorecardState);
}
