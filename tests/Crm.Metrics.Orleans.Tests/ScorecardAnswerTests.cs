using System.Text.Json;
using Crm.Domain.Activity;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.Orleans.Wire;
using Crm.Metrics.States;
using FsCheck.Xunit;

namespace Crm.Metrics.Orleans.Tests;

/// <summary>
/// The scorecard the coordinator finishes and sends: through the wire it is the scorecard it was, per-customer rows
/// included, and an answer whose document or rows are damaged or disagree is refused whole, naming the member.
/// </summary>
public class ScorecardAnswerTests
{
    private static readonly Instant At = Instant.FromUtc(2020, 3, 1, 12, 0);
    private static readonly ScorecardOptionsState Defaults = new ScorecardAccumulator(WireProperties.Period).OptionsState();

    [Property(Arbitrary = new[] { typeof(WireProperties) }, MaxTest = 100)]
    public void A_finished_scorecard_crosses_the_wire_with_its_customer_rows(CrmDataSet data)
    {
        using var accumulator = new ScorecardAccumulator(WireProperties.Period, WireProperties.Settings);
        accumulator.AddRange(data);
        var scorecard = accumulator.Result(At);
        var sent = ScorecardAnswer.Of(scorecard, accumulator.OptionsState());

        var read = WireProperties.Wire.Deserialize<ScorecardAnswer>(WireProperties.Wire.SerializeToArray(sent))!.Read(accumulator.OptionsState(), rowsKept: true);

        Assert.Equal(WithRows(scorecard), WithRows(read));
        Assert.Equal(sent.Rows, ScorecardAnswer.Of(read, accumulator.OptionsState()).Rows);
    }

    [Fact]
    public void The_answer_holds_only_the_customers_of_the_period_and_reads_back_whole()
    {
        var scorecard = Sample();
        var answer = ScorecardAnswer.Of(scorecard, Defaults);
        var read = answer.Read(Defaults, rowsKept: true);

        Assert.Equal(3, read.CustomerValue.Customers.Count);
        Assert.Equal(["a", "b", "c"], read.CustomerValue.Customers.Select(c => c.Id.Value));
        Assert.Equal(WithRows(scorecard), WithRows(read));
        Assert.Equal(10m, answer.CostToServe);
        Assert.Equal(new Money(30m, Currency.Eur), read.CustomerValue.TotalCostToServe);
        Assert.All(read.CustomerValue.Customers, c => Assert.Equal(new Money(10m, Currency.Eur), c.CostToServe));
    }

    [Property(Arbitrary = new[] { typeof(WireProperties) }, MaxTest = 50)]
    public void A_scorecard_that_declined_its_customer_rows_crosses_the_wire_without_them(CrmDataSet data)
    {
        using var kept = new ScorecardAccumulator(WireProperties.Period, WireProperties.Settings);
        using var declined = new ScorecardAccumulator(WireProperties.Period, WireProperties.Settings with { CustomerRows = ScorecardCustomerRows.None });
        kept.AddRange(data);
        declined.AddRange(data);
        var sent = ScorecardAnswer.Of(declined.Result(At), declined.OptionsState());

        var read = WireProperties.Wire.Deserialize<ScorecardAnswer>(WireProperties.Wire.SerializeToArray(sent))!.Read(declined.OptionsState(), rowsKept: false);

        Assert.True(sent.RowsDeclined);
        Assert.Empty(sent.Rows);
        Assert.False(read.CustomerValue.HasCustomerRows);
        Assert.Empty(read.CustomerValue.Customers);
        Assert.Equal(JsonSerializer.Serialize(kept.Result(At), CrmJson.Options), JsonSerializer.Serialize(read, CrmJson.Options));
    }

    [Fact]
    public void An_answer_whose_rows_are_not_what_the_caller_asked_for_is_refused()
    {
        using var declining = new ScorecardAccumulator(WireProperties.Period, new ScorecardSettings { Currency = Currency.Eur, CustomerRows = ScorecardCustomerRows.None });
        var declined = ScorecardAnswer.Of(declining.Result(At), Defaults);
        var kept = ScorecardAnswer.Of(Sample(), Defaults);

        var keptWanted = Assert.Throws<ArgumentException>(() => declined.Read(Defaults, rowsKept: true));
        var declinedWanted = Assert.Throws<ArgumentException>(() => kept.Read(Defaults, rowsKept: false));
        var smuggled = Assert.Throws<ArgumentException>(() => Copy(kept, rowsDeclined: true).Read(Defaults, rowsKept: false));

        Assert.Equal("The scorecard's customerValue.customers are declined, but the caller keeps them.", keptWanted.Message.Split(" (Parameter")[0]);
        Assert.Equal("The scorecard's customerValue.customers are kept, but the caller declined them.", declinedWanted.Message.Split(" (Parameter")[0]);
        Assert.Equal("The scorecard's customerValue.customers are declined, but the answer carries rows or their cost to serve.", smuggled.Message.Split(" (Parameter")[0]);
        Assert.All([keptWanted, declinedWanted, smuggled], e => Assert.Equal("scorecard", e.ParamName));
    }

    [Fact]
    public void Another_layout_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Copy(ScorecardAnswer.Of(Sample(), Defaults), layout: 2).Read(Defaults, rowsKept: true));
        Assert.Equal("scorecard", e.ParamName);
        Assert.StartsWith("The scorecard's layout is 2; this version reads layout 1.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scorecard_computed_with_other_options_than_the_callers_is_refused()
    {
        var other = Defaults with { RetentionWindowDays = 30 };

        var e = Assert.Throws<ArgumentException>(() => ScorecardAnswer.Of(Sample(), other).Read(Defaults, rowsKept: true));

        Assert.Equal("scorecard", e.ParamName);
        Assert.StartsWith("The scorecard was computed with other options (", e.Message, StringComparison.Ordinal);
        Assert.Contains("RetentionWindowDays = 30", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_a_scorecard_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Copy(ScorecardAnswer.Of(Sample(), Defaults), json: "{\"period\":"u8.ToArray()).Read(Defaults, rowsKept: true));
        Assert.Equal("scorecard", e.ParamName);
        Assert.IsAssignableFrom<JsonException>(e.InnerException);
    }

    [Fact]
    public void A_negative_cost_to_serve_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Copy(ScorecardAnswer.Of(Sample(), Defaults), costToServe: -1m).Read(Defaults, rowsKept: true));
        Assert.StartsWith("The scorecard's customerValue.costToServe is negative", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fewer", "The scorecard's customerValue.customers counts 2 rows where customerValue.revenuePerCustomer counts 3 customers.")]
    [InlineData("repeat", "The scorecard's customerValue.customers[1].id repeats the id of an earlier row.")]
    [InlineData("blank", "The scorecard's customerValue.customers[0].id is not a customer id (null, empty, white space or padded).")]
    [InlineData("flag", "The scorecard's customerValue.customers[2].active is neither 0 nor 1.")]
    [InlineData("negative", "The scorecard's customerValue.customers[1].salesWithoutCost is negative.")]
    [InlineData("revenue", "The scorecard's customerValue.totalRevenue disagrees with the customer rows.")]
    [InlineData("cost", "The scorecard's customerValue.totalCostOfGoods disagrees with the customer rows.")]
    [InlineData("active", "The scorecard's customerValue.totalCostToServe disagrees with the customer rows.")]
    [InlineData("missing", "The scorecard's customerValue.salesWithoutCost disagrees with the customer rows.")]
    [InlineData("clv", "The scorecard's customerValue.historicalClvPerCustomer.count disagrees with the customer rows.")]
    [InlineData("trailing", "The scorecard's customerValue.customers has bytes after its last row.")]
    [InlineData("cut", "The scorecard's customerValue.customers[2].salesToDateWithoutCost ends early: the packed rows are cut.")]
    public void Rows_that_are_damaged_or_disagree_with_the_document_are_refused(string damage, string message)
    {
        var answer = ScorecardAnswer.Of(Sample(), Defaults);
        var rows = Sample().CustomerValue.Rows!;
        var bytes = damage switch
        {
            "fewer" => Pack(rows.Take(2)),
            "repeat" => Pack(rows.Select((r, i) => i == 1 ? r with { Id = rows[0].Id } : r)),
            "blank" => Pack(rows, id: i => i == 0 ? " " : null),
            "flag" => Pack(rows, flag: i => i == 2 ? (byte)2 : null),
            "negative" => Pack(rows.Select((r, i) => i == 1 ? r with { Missing = -1 } : r)),
            "revenue" => Pack(rows.Select((r, i) => i == 1 ? r with { Revenue = r.Revenue + 0.01m } : r)),
            "cost" => Pack(rows.Select((r, i) => i == 0 ? r with { Cost = r.Cost + 1m } : r)),
            "active" => Pack(rows.Select((r, i) => i == 1 ? r with { Active = !r.Active } : r)),
            "missing" => Pack(rows.Select((r, i) => i == 2 ? r with { Missing = 1, LifetimeMissing = 1 } : r)),
            "clv" => Pack(rows.Select((r, i) => i == 2 ? r with { LifetimeMissing = 1 } : r)),
            "trailing" => [.. Pack(rows), 0],
            "cut" => Pack(rows)[..^1],
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };

        var e = Assert.Throws<ArgumentException>(() => Copy(answer, rows: bytes).Read(Defaults, rowsKept: true));

        Assert.Equal("scorecard", e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Three customers with sales in January 2020 (a, b, c; every sale with its cost), one with a sale before it only
    /// (z, no row), and 30 € of retention costs shared by the three active customers: 10 € each.
    /// </summary>
    private static Scorecard Sample()
    {
        var zone = WireProperties.Period.Zone;
        Purchase Sale(string id, int year, int month, int day, decimal amount) =>
            new(new CustomerId(id), new LocalDate(year, month, day).AtStartOfDayInZone(zone).ToInstant(), PurchaseKind.Sale, new Money(amount, Currency.Eur), cost: new Money(amount / 2, Currency.Eur));
        using var accumulator = new ScorecardAccumulator(WireProperties.Period, new ScorecardSettings { Currency = Currency.Eur });
        accumulator.AddRange(new CrmDataSet
        {
            Purchases = [Sale("z", 2019, 12, 1, 5m), Sale("a", 2020, 1, 3, 10m), Sale("b", 2020, 1, 4, 20m), Sale("a", 2020, 1, 9, 12.5m), Sale("c", 2020, 1, 20, 7m)],
            Costs = [new CostEntry(CostKind.Retention, new Money(30m, Currency.Eur), new DateInterval(new LocalDate(2020, 1, 1), new LocalDate(2020, 1, 31)))],
        });
        return accumulator.Result(At);
    }

    private static byte[] Pack(IEnumerable<CustomerValueMetrics.Row> rows, Func<int, string?>? id = null, Func<int, byte?>? flag = null)
    {
        var list = rows.ToList();
        var writer = new PackWriter(256);
        writer.Varint((ulong)list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var row = list[i];
            writer.Byte(flag?.Invoke(i) ?? (row.Active ? (byte)1 : (byte)0));
            writer.String(id?.Invoke(i) ?? row.Id.Value);
            writer.Decimal(row.Revenue);
            writer.Decimal(row.Cost);
            writer.Signed(row.Missing);
            writer.Decimal(row.Clv);
            writer.Signed(row.LifetimeMissing);
        }

        return writer.ToArray();
    }

    private static ScorecardAnswer Copy(ScorecardAnswer answer, int? layout = null, byte[]? json = null, decimal? costToServe = null, byte[]? rows = null, bool? rowsDeclined = null) => new()
    {
        RowsDeclined = rowsDeclined ?? answer.RowsDeclined,
        Layout = layout ?? answer.Layout,
        Json = json ?? answer.Json,
        CostToServe = costToServe ?? answer.CostToServe,
        Rows = rows ?? answer.Rows,
        Options = answer.Options,
    };

    private static string WithRows(Scorecard scorecard) => JsonSerializer.Serialize(scorecard, CrmJson.OptionsWithCustomerRows);
}
