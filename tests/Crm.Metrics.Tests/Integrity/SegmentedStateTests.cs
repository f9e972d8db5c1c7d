using System.Collections;
using System.Text.Json;
using Crm.Domain.Activity;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;
using Crm.Metrics.States;

namespace Crm.Metrics.Tests.Integrity;

/// <summary>
/// A state of many customers is written in segments side by side when its sink takes them, and read back in segments
/// side by side when its rows mark them: the rows, their order, the merged result and every refusal are those of one
/// pass. The rows here are objects behind the same interfaces the cluster package's packed rows implement.
/// </summary>
public class SegmentedStateTests
{
    private const int Customers = 40_000; // above the fewest customers a store scans on several threads
    private static readonly ReportingPeriod Period = ReportingPeriod.Month(2020, 1, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly ScorecardSettings Settings = new() { Currency = Currency.Eur };
    private static readonly Lazy<ScorecardState> Long = new(() =>
    {
        using var accumulator = Create(threads: 4);
        accumulator.AddRange(new CrmDataSet { Purchases = [.. Data()] });
        return accumulator.ToState();
    });

    [Fact]
    public void A_long_state_written_in_segments_holds_the_rows_of_one_pass_in_their_order()
    {
        using var accumulator = Create(threads: 4);
        accumulator.AddRange(new CrmDataSet { Purchases = [.. Data()] });
        var sink = new SegmentSink();

        var state = accumulator.ToStateWith(sink);

        Assert.Equal(PurchaseAccumulator.StateSegments, sink.Segments!.Length);
        Assert.True(sink.Segments.Count(s => s.Count > 0) > 1);
        Assert.Equal(Json(accumulator.ToState()), Json(state));
    }

    [Fact]
    public void A_short_state_or_one_thread_writes_one_pass()
    {
        using var one = Create(threads: 1);
        one.AddRange(new CrmDataSet { Purchases = [.. Data()] });
        var sink = new SegmentSink();
        Assert.Equal(Json(one.ToState()), Json(one.ToStateWith(sink)));
        Assert.Null(sink.Segments);

        using var few = Create(threads: 4);
        few.AddRange(new CrmDataSet { Purchases = [.. Data(customers: 1_000)] });
        sink = new SegmentSink();
        Assert.Equal(Json(few.ToState()), Json(few.ToStateWith(sink)));
        Assert.Null(sink.Segments);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void Rows_marked_in_segments_are_read_side_by_side_into_the_state_of_one_pass(int threads, bool sideBySide)
    {
        var rows = new MarkedRows(Long.Value.Purchases.Customers, Marks(Long.Value.Purchases.Customers.Count, 8));
        using var merged = Create(threads);

        merged.Merge(Long.Value with { Purchases = Long.Value.Purchases with { Customers = rows } });

        Assert.Equal(Json(Long.Value), Json(merged.ToState()));
        Assert.Equal(sideBySide, rows.SegmentsRead == 8);
        Assert.Equal(!sideBySide, rows.ReadInOnePass);
    }

    [Fact]
    public void Bad_rows_in_several_segments_are_refused_as_one_pass_refuses_them()
    {
        var good = Long.Value.Purchases.Customers;
        var marks = Marks(good.Count, 8);
        var n = good.Count;

        // An empty id in segment 6 and another in segment 2: the one in segment 2 is named, as the first in order.
        AsOnePass(Replace(good, (n * 6 / 8) + 5, r => r with { Id = string.Empty }, (n * 2 / 8) + 7, r => r with { Id = string.Empty }), marks);

        // The same customer in segments 1 and 5: the later row is named as the repeat.
        AsOnePass(Replace(good, (n * 5 / 8) + 3, _ => good[(n / 8) + 9] with { }, -1, null), marks);

        // A row missing in segment 7.
        AsOnePass(Replace(good, n - 2, _ => null, -1, null), marks);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_long_state_in_an_order_unrelated_to_the_tables_reads_into_the_same_scorecard(int threads)
    {
        // As a state from another process lists its customers: in that process's table order, shuffled here.
        var rows = Long.Value.Purchases.Customers.ToArray();
        new Random(11).Shuffle(rows);
        using var onePass = Create(threads: 4);
        onePass.AddRange(new CrmDataSet { Purchases = [.. Data()] });
        using var merged = Create(threads);

        merged.Merge(Long.Value with { Purchases = Long.Value.Purchases with { Customers = new MarkedRows(rows, Marks(rows.Length, 8)) } });

        var now = Instant.FromUtc(2026, 1, 1, 0, 0);
        Assert.Equal(JsonSerializer.Serialize(onePass.Result(now), CrmJson.Options), JsonSerializer.Serialize(merged.Result(now), CrmJson.Options));
        Assert.Equal(ById(onePass.ToState()), ById(merged.ToState()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void In_a_long_state_the_error_is_that_of_the_first_bad_row_even_when_a_repeat_comes_first(int threads)
    {
        // Read table by table, the repeat (row 1,000) is met only when its chunk is applied, after the empty id (row
        // 2,000) was checked; the error is still the repeat's, as row by row.
        var good = Long.Value.Purchases.Customers;
        var rows = Replace(good, 1_000, _ => good[10] with { }, 2_000, r => r with { Id = string.Empty });
        using var accumulator = Create(threads);
        var state = Long.Value with { Purchases = Long.Value.Purchases with { Customers = rows! } };

        var e = Assert.ThrowsAny<ArgumentException>(() => accumulator.Merge(state));

        Assert.Contains("purchases.customers[1000].id repeats the id of an earlier row", e.Message, StringComparison.Ordinal);
        rows[1_000] = good[1_000];
        e = Assert.ThrowsAny<ArgumentException>(() => accumulator.Merge(state with { Purchases = state.Purchases with { Customers = rows! } }));
        Assert.Contains("purchases.customers[2000].id", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, accumulator.Purchases.CustomerCount);
    }

    private static string ById(ScorecardState state) =>
        Json(state with { Purchases = state.Purchases with { Customers = [.. state.Purchases.Customers.OrderBy(r => r.Id, StringComparer.Ordinal)] } });

    private static void AsOnePass(CustomerPurchaseState?[] rows, int[] marks)
    {
        using var onePass = Create(threads: 4);
        var expected = Assert.ThrowsAny<ArgumentException>(() => onePass.Merge(Long.Value with { Purchases = Long.Value.Purchases with { Customers = rows! } }));

        using var accumulator = Create(threads: 4);
        accumulator.Add(Purchase.Sale(new CustomerId("before"), Period.Start + Duration.FromDays(3), new Money(5m, Currency.Eur)));
        var before = Json(accumulator.ToState());
        var marked = new MarkedRows(rows!, marks);
        var e = Assert.ThrowsAny<ArgumentException>(() => accumulator.Merge(Long.Value with { Purchases = Long.Value.Purchases with { Customers = marked } }));

        Assert.Equal(expected.Message, e.Message);
        Assert.Equal(expected.GetType(), e.GetType());
        Assert.True(marked.SegmentsRead > 0, "The segments were read side by side first.");
        Assert.True(marked.ReadInOnePass, "The refusal came from the one pass.");
        Assert.Equal(before, Json(accumulator.ToState()));
    }

    private static CustomerPurchaseState?[] Replace(IReadOnlyList<CustomerPurchaseState> rows, int first, Func<CustomerPurchaseState, CustomerPurchaseState?> change, int second, Func<CustomerPurchaseState, CustomerPurchaseState?>? secondChange)
    {
        var copy = rows.ToArray<CustomerPurchaseState?>();
        copy[first] = change(rows[first]);
        if (secondChange is not null)
        {
            copy[second] = secondChange(rows[second]);
        }

        return copy;
    }

    private static int[] Marks(int count, int segments) => [.. Enumerable.Range(0, segments).Select(s => count * s / segments)];

    private static ScorecardAccumulator Create(int threads) =>
        new(Period, Settings, new CrmMetricsOptions { Execution = new ExecutionOptions { MaxDegreeOfParallelism = threads } });

    /// <summary>Customers with one to three purchases each in and before January 2020, time-ordered and interleaved.</summary>
    private static IEnumerable<Purchase> Data(int customers = Customers)
    {
        var start = Instant.FromUtc(2019, 10, 1, 0, 0);
        for (var i = 0; i < customers * 2; i++)
        {
            var customer = (int)((i * 7919L) % customers);
            yield return Purchase.Sale(new CustomerId("customer-" + customer.ToString(System.Globalization.CultureInfo.InvariantCulture)), start + Duration.FromMinutes(i * 3L), new Money(10m + (customer % 97), Currency.Eur), cost: customer % 5 == 0 ? null : new Money(4m, Currency.Eur));
        }
    }

    private static string Json(ScorecardState state) => JsonSerializer.Serialize(state, CrmStateJson.ScorecardState);

    /// <summary>A sink that takes segments, keeping each segment's rows as objects.</summary>
    private sealed class SegmentSink : IStateRowSink<PurchaseRow, CustomerPurchaseState>, IStateRowSegments<PurchaseRow>
    {
        private List<CustomerPurchaseState>? _rows;

        public List<CustomerPurchaseState>[]? Segments { get; private set; }

        public void Begin(int count) => _rows = new List<CustomerPurchaseState>(count);

        public void Add(in PurchaseRow row) => _rows!.Add(row.ToState());

        public void BeginSegments(int count, int segments) => Segments = [.. Enumerable.Range(0, segments).Select(_ => new List<CustomerPurchaseState>())];

        public IStateRowWriter<PurchaseRow> Segment(int index) => new Writer(Segments![index]);

        public IReadOnlyList<CustomerPurchaseState> End() => Segments is null ? _rows! : [.. Segments.SelectMany(s => s)];

        private sealed class Writer(List<CustomerPurchaseState> rows) : IStateRowWriter<PurchaseRow>
        {
            public void Add(in PurchaseRow row) => rows.Add(row.ToState());
        }
    }

    /// <summary>Rows as objects, marked in segments at the given first rows; records how they were read.</summary>
    private sealed class MarkedRows(IReadOnlyList<CustomerPurchaseState?> rows, int[] starts) : IReadOnlyList<CustomerPurchaseState>, ISegmentedStateRowSource<PurchaseRow>
    {
        private int _segmentsRead;

        public int SegmentsRead => _segmentsRead;

        public bool ReadInOnePass { get; private set; }

        public int Count => rows.Count;

        public int SegmentCount => starts.Length;

        public CustomerPurchaseState this[int index] => rows[index]!;

        public int RowsIn(int segment) => End(segment) - starts[segment];

        public void ReadSegment(int segment, StateRowReader<PurchaseRow> read)
        {
            Interlocked.Increment(ref _segmentsRead);
            for (var i = starts[segment]; i < End(segment); i++)
            {
                Read(i, read);
            }
        }

        public void ReadRows(Action<int> begin, StateRowReader<PurchaseRow> read)
        {
            ReadInOnePass = true;
            begin(rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Read(i, read);
            }
        }

        public IEnumerator<CustomerPurchaseState> GetEnumerator() => rows.GetEnumerator()!;

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private int End(int segment) => segment + 1 < starts.Length ? starts[segment + 1] : rows.Count;

        private void Read(int i, StateRowReader<PurchaseRow> read)
        {
            var item = rows[i];
            var row = item is null ? default : PurchaseRow.Of(item);
            read(i, in row, item is not null);
        }
    }
}
