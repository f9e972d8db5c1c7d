using System.Globalization;
using System.Text;
using Crm.Report.Cli;
using Crm.Report.Input;

namespace Crm.Report.Tests;

/// <summary>
/// The transactions are parsed again on each read, on another thread a few chunks ahead of the analyses: the reader
/// still sees every purchase once, in file order; a read left early closes the file before it returns; a file that
/// changes far into it still stops the report.
/// </summary>
public class ReadAheadTests
{
    private const string Header = "customer_id,occurred_at,amount\n";

    // More rows than the chunks that may wait, so that the parse is held back while the reader is slow, and than
    // twenty of the first read's chunks (the rows some cases break are far apart).
    private static readonly int Rows = Math.Max(ReadAhead.ChunkItems<Crm.Domain.Activity.PurchaseRecord>() * (ReadAhead.ChunksAhead + 2), 20 * TransactionChunk.Capacity) + 17;

    private static string Csv(int rows, int brokenAt = -1)
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < rows; i++)
        {
            var amount = i == brokenAt ? "seven" : (i % 500).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"C{i % 1000},2026-03-01T10:00:00Z,{amount}\n");
        }

        return text.ToString();
    }

    private static PurchaseRows Read(Func<int, TextReader> open)
    {
        var opened = 0;
        var problems = new InputProblems();
        var data = new DataSetReader(OptionParser.Parse(["--transactions", "t.csv"]), problems).Read(kind =>
            kind == InputKind.Transactions ? ("t.csv", open(opened++)) : null);
        Assert.Equal(0, problems.Count);
        return data.Purchases!;
    }

    [Fact]
    public void Every_purchase_comes_once_in_file_order_on_every_read()
    {
        var csv = Csv(Rows);
        var rows = Read(_ => new StringReader(csv));
        for (var read = 0; read < 2; read++)
        {
            var amounts = rows.Select(p => p.Amount.Amount).ToList();
            Assert.Equal(Rows, amounts.Count);
            Assert.Equal(Enumerable.Range(0, Rows).Select(i => (decimal)(i % 500)), amounts);
            Assert.Equal(Enumerable.Range(0, Rows).Select(i => $"C{i % 1000}"), rows.Select(p => p.CustomerId.Value));
        }
    }

    [Fact]
    public void A_read_left_early_closes_the_file_before_it_returns()
    {
        var csv = Csv(Rows);
        var readers = new List<WatchedReader>();
        var rows = Read(_ =>
        {
            var reader = new WatchedReader(csv);
            readers.Add(reader);
            return reader;
        });

        using (var purchases = rows.GetEnumerator())
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.True(purchases.MoveNext());
            }

            // The parse is now waiting with its chunks full.
            Thread.Sleep(50);
        }

        Assert.Equal(2, readers.Count);
        Assert.True(readers[0].ReachedEnd, "the first read, which checks every row, ran to the end");
        Assert.True(readers[1].Disposed);
        Assert.False(readers[1].ReachedEnd, "the parse stopped, not ran on to the end");
    }

    [Fact]
    public void A_row_broken_far_into_a_later_read_stops_the_report()
    {
        var brokenAt = Rows - 100;
        var rows = Read(opened => new StringReader(opened == 0 ? Csv(Rows) : Csv(Rows, brokenAt)));
        var seen = 0;
        var e = Assert.Throws<ReportError>(() =>
        {
            foreach (var _ in rows)
            {
                seen++;
            }
        });

        Assert.StartsWith("t.csv changed while the report read it", e.Message, StringComparison.Ordinal);
        Assert.True(seen < brokenAt, "no purchase at or after the broken row is handed on");
        Assert.Equal(0, seen % ReadAhead.ChunkItems<Crm.Domain.Activity.PurchaseRecord>());
    }

    [Fact]
    public void Problems_of_the_first_read_are_in_file_order_whatever_found_them()
    {
        // Rows too short are found while splitting the file into fields, amounts that are not numbers while parsing
        // the fields: interleaved, far apart.
        var lines = Csv(Rows).Split('\n');
        int[] shortRows = [3, 5_000, Rows - 2];
        int[] badAmounts = [4, 4_999, 9_000];
        foreach (var row in shortRows)
        {
            lines[row + 1] = $"C{row},2026-03-01T10:00:00Z";
        }

        foreach (var row in badAmounts)
        {
            lines[row + 1] = $"C{row},2026-03-01T10:00:00Z,many";
        }

        var problems = new InputProblems();
        new DataSetReader(OptionParser.Parse(["--transactions", "t.csv"]), problems).Read(kind =>
            kind == InputKind.Transactions ? ("t.csv", new StringReader(string.Join('\n', lines))) : null);

        Assert.Equal(6, problems.Count);
        Assert.Equal(shortRows.Concat(badAmounts).Order().Select(row => row + 2), problems.First.Select(p => p.Line));
        Assert.Equal([true, false, false, true, false, true], problems.First.Select(p => p.Reason.StartsWith("missing: the row has 2 fields", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_first_read_counts_the_rows_and_estimates_the_distinct_buyers_for_the_analyses_room()
    {
        // Customers C0..C999 over many more rows (an estimate: within 2 %); ids that differ only in case, or one the
        // start of another, count apart.
        var rows = Read(_ => new StringReader(Csv(Rows)));
        Assert.Equal(Rows, rows.Rows);
        Assert.InRange(rows.Customers, 980, 1020);

        var odd = Read(_ => new StringReader(Header + "c1,2026-02-01T09:00:00Z,3\nC1,2026-02-01T09:00:00Z,3\nc1,2026-02-02T09:00:00Z,-1\nc10,2026-02-03T09:00:00Z,3\n"));
        Assert.Equal(4, odd.Rows);
        Assert.Equal(3, odd.Customers);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(5_000)]
    [InlineData(60_000)]
    [InlineData(250_000)]
    public void The_distinct_ids_are_estimated_within_a_few_percent_whatever_their_number(int distinct)
    {
        var ids = new DistinctIds();
        for (var repeat = 0; repeat < 3; repeat++)
        {
            for (var i = 0; i < distinct; i++)
            {
                ids.AddHash(DistinctIds.Hash($"CUST-{i:D7}"));
            }
        }

        Assert.InRange(ids.Count, distinct * 0.97, distinct * 1.03);
    }

    [Fact]
    public void A_customer_without_an_acquisition_instant_starts_at_the_first_sale_of_the_first_read()
    {
        // The first read notes each customer's first sale (a refund is not one); the later reads note nothing and
        // give the same purchases.
        var problems = new InputProblems();
        var data = new DataSetReader(OptionParser.Parse(["--transactions", "t.csv", "--customers", "c.csv"]), problems).Read(kind => kind switch
        {
            InputKind.Transactions => ("t.csv", new StringReader(Header + "B,2026-02-01T09:00:00Z,3\nA,2026-03-05T10:00:00Z,-2\nA,2026-03-09T10:00:00Z,4\nA,2026-03-07T10:00:00Z,5\n")),
            InputKind.Customers => ("c.csv", new StringReader("customer_id,kind,name\nA,person,Ann\nC,person,Cy\n")),
            _ => null,
        });

        Assert.Equal(0, problems.Count);
        Assert.Equal(
            [Instant.FromUtc(2026, 3, 7, 10, 0), Instant.FromUtc(2026, 2, 1, 9, 0)], // A's first sale; C bought nothing: the data's first activity
            data.Customers!.Select(c => c.LifecycleHistory[0].At));
        Assert.Equal(["B 3", "A 2", "A 4", "A 5"], data.Purchases!.Select(p => $"{p.CustomerId} {p.Amount.Amount:0}"));
    }

    [Fact]
    public void The_files_currency_and_each_rows_first_problem_are_found_in_file_order_across_chunks()
    {
        // The first read checks chunks of rows on other threads; what depends on the rows before — the file's one
        // currency — is applied in file order. Row 0 is EUR with a negative cost on a sale: its problem is the cost,
        // and it still makes EUR the file's currency (the currency is read before the cost). Far on, in other chunks:
        // a USD row whose amount is no number (the amount is read first, so that is its problem), a USD row with a
        // negative cost on a sale (the currency is its problem), and a plain USD row.
        const string header = "customer_id,occurred_at,amount,currency,cost\n";
        var lines = Enumerable.Range(0, Rows).Select(i => $"C{i % 1000},2026-03-01T10:00:00Z,{i % 500},EUR,1").ToArray();
        lines[0] = "C0,2026-03-01T10:00:00Z,5,EUR,-1";
        lines[5_000] = "C1,2026-03-01T10:00:00Z,many,USD,1";
        lines[9_000] = "C2,2026-03-01T10:00:00Z,5,USD,-1";
        lines[Rows - 3] = "C3,2026-03-01T10:00:00Z,5,USD,1";
        var problems = new InputProblems();
        new DataSetReader(OptionParser.Parse(["--transactions", "t.csv"]), problems).Read(kind =>
            kind == InputKind.Transactions ? ("t.csv", new StringReader(header + string.Join('\n', lines))) : null);

        Assert.Equal(4, problems.Count);
        Assert.Equal([2, 5_002, 9_002, Rows - 1], problems.First.Select(p => p.Line));
        Assert.Equal(["cost", "amount", "currency", "currency"], problems.First.Select(p => p.Column));
        Assert.Equal("USD differs from EUR first seen at t.csv:2; the report does not convert currencies (give --currency, or convert the file)", problems.First[2].Reason);
    }

    [Fact]
    public void The_first_read_notes_first_sales_and_the_activity_range_across_chunks()
    {
        // A's refund comes first, its sales in later chunks and out of time order (the earliest in the middle); the
        // data's first and last activity are in the middle of the file.
        var lines = Enumerable.Range(0, Rows).Select(i => $"C{i % 1000},2026-03-0{1 + (i % 5)}T10:00:00Z,{1 + (i % 500)}").ToArray();
        lines[1] = "A,2026-02-01T10:00:00Z,-2";
        lines[3_000] = "A,2026-03-09T10:00:00Z,4";
        lines[7_000] = "A,2026-03-05T10:00:00Z,5";
        lines[10_000] = "A,2026-03-08T10:00:00Z,6";
        lines[8_000] = "B,2026-01-15T08:00:00Z,5";
        lines[12_000] = "B,2026-04-20T18:00:00Z,-1";
        var problems = new InputProblems();
        var data = new DataSetReader(OptionParser.Parse(["--transactions", "t.csv", "--customers", "c.csv"]), problems).Read(kind => kind switch
        {
            InputKind.Transactions => ("t.csv", new StringReader(Header + string.Join('\n', lines))),
            InputKind.Customers => ("c.csv", new StringReader("customer_id,kind,name\nA,person,Ann\nB,person,Bo\n")),
            _ => null,
        });

        Assert.Equal(0, problems.Count);
        Assert.Equal([Instant.FromUtc(2026, 3, 5, 10, 0), Instant.FromUtc(2026, 1, 15, 8, 0)], data.Customers!.Select(c => c.LifecycleHistory[0].At));
        Assert.Equal(Instant.FromUtc(2026, 1, 15, 8, 0), data.FirstActivity);
        Assert.Equal(Instant.FromUtc(2026, 4, 20, 18, 0), data.LastActivity);
    }

    /// <summary>A reader (read in blocks, as the CSV reader does) that says whether it was disposed and whether it was read to its end.</summary>
    private sealed class WatchedReader(string text) : StringReader(text)
    {
        public bool Disposed { get; private set; }

        public bool ReachedEnd { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            var read = base.Read(buffer, index, count);
            ReachedEnd |= read == 0;
            return read;
        }

        public override int Read(Span<char> buffer)
        {
            var read = base.Read(buffer);
            ReachedEnd |= read == 0;
            return read;
        }

        public override string? ReadLine()
        {
            var line = base.ReadLine();
            ReachedEnd |= line is null;
            return line;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
