using System.Globalization;
using System.Text;

namespace Crm.Report.Tests;

/// <summary>
/// A transactions file read once, its first and last rows giving the plan, writes what the two reads (every row
/// checked first, then computed) write: the same report, the same problems, whatever order the rows come in.
/// </summary>
public sealed class SingleReadTests : IDisposable
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data");
    private readonly string _temp = Directory.CreateTempSubdirectory("crm-single-read").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    [InlineData("csv")]
    public void A_time_ordered_log_gets_the_report_of_two_reads(string format)
    {
        var log = Write("ordered.csv", Rows());

        Same(["--transactions", log, "--format", format], "once");
        Same(["--transactions", log, "--surveys", Path.Combine(Data, "surveys.csv"), "--costs", Path.Combine(Data, "costs.csv"), "--format", format, "--calibration-end", "2025-10-31"], "once");
    }

    [Fact]
    public void A_log_whose_latest_rows_are_in_its_middle_gets_the_report_of_two_reads()
    {
        // The last 400 rows (February's and late January's) moved to the middle: the file's last rows say the data
        // ends in January, so its ends guess December as the last full month; the whole file says January.
        var rows = Rows();
        var latest = rows.GetRange(rows.Count - 400, 400);
        rows.RemoveRange(rows.Count - 400, 400);
        rows.InsertRange(rows.Count / 2, latest);
        var log = Write("shuffled.csv", rows);

        var single = Same(["--transactions", log, "--format", "json"], "twice: the whole file gives another plan");
        Assert.Contains("\"to\": \"2026-01-31\"", single, StringComparison.Ordinal);
    }

    [Fact]
    public void A_customers_file_has_the_transactions_read_twice()
    {
        // A customer's record starts at its first sale: the transactions are read for it before anything is computed.
        var log = Write("ordered.csv", Rows());

        var run = Run(true, "--transactions", log, "--customers", Path.Combine(Data, "customers.csv"), "--format", "json");

        Assert.True(run.Exit == 0, run.Err);
        Assert.Null(run.Reads);
    }

    [Fact]
    public void A_log_with_a_currency_of_another_file_first_gets_the_report_of_two_reads()
    {
        // The costs file, read before the transactions in one read, gives the first currency; the same one.
        var log = Write("ordered.csv", Rows());

        Same(["--transactions", log, "--costs", Path.Combine(Data, "costs.csv"), "--format", "json"], "once");
    }

    [Fact]
    public void Problems_far_into_the_log_are_said_as_by_two_reads()
    {
        var rows = Rows();
        rows[rows.Count - 10] = "C00007,2026-02-30,12.00,EUR,,online";
        rows[rows.Count / 3] = "C00008,2025-06-01,12.00,USD,,online";
        var log = Write("problems.csv", rows);
        var costs = Write("costs.csv", ["acquisition,2025-03-01,2025-03-31,100.00,USD,ads"], "kind,from,to,amount,currency,channel");

        var (single, twice) = (Run(true, "--transactions", log), Run(false, "--transactions", log));
        Assert.Equal(2, single.Exit);
        Assert.Equal(twice, single);
        Assert.Equal("twice: a problem in the transactions", single.Reads);
        Assert.Contains("problems.csv:", single.Err, StringComparison.Ordinal);

        // A problem between the files: the costs' currency is not the transactions' (whichever is read first).
        Assert.Equal(Run(false, "--transactions", log, "--costs", costs), Run(true, "--transactions", log, "--costs", costs));
    }

    [Fact]
    public void Amounts_beyond_decimal_in_one_read_are_said_as_by_two_reads()
    {
        var rows = Rows();
        rows[rows.Count - 5] = "C00009,2026-02-10,79228162514264337593543950000,EUR,,online";
        rows[rows.Count - 4] = "C00009,2026-02-11,79228162514264337593543950000,EUR,,online";
        var log = Write("huge.csv", rows);

        var single = Run(true, "--transactions", log, "--from", "2026-02-01", "--to", "2026-02-28");
        Assert.Equal(2, single.Exit);
        Assert.Equal(Run(false, "--transactions", log, "--from", "2026-02-01", "--to", "2026-02-28"), single);
        Assert.Equal("twice: AmountOverflowException", single.Reads);
    }

    [Theory]
    [InlineData(9_000)] // about 450 KB: the ends apart
    [InlineData(1_700)] // about 85 KB: the tail overlaps the head
    [InlineData(300)]   // read whole as the head
    public void The_ends_of_a_log_give_its_range_currency_and_size(int count)
    {
        var rows = Rows(count);
        var log = Write("ordered.csv", rows);
        var options = Cli.OptionParser.Parse(["--transactions", log]);
        var reader = new Input.DataSetReader(options, new Input.InputProblems());

        reader.Read(kind => kind == Cli.InputKind.Transactions ? (log, new StreamReader(log, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true)) : null, deferTransactions: true);

        var guess = reader.TransactionsGuess!.Value;
        Assert.Equal(Instant.FromUtc(2025, 1, 1, 0, 0), guess.First);
        Assert.Equal(Instant.FromUtc(2025, 1, 1, 0, 0).Plus(Duration.FromMinutes((count - 1) * 65L)), guess.Last);
        Assert.Equal(Crm.Domain.Currency.Eur, guess.Currency);
        if (count > 1_000)
        {
            Assert.InRange(guess.Rows, count * 0.95, count * 1.05);
        }
        Assert.False(reader.TransactionsRead);
    }

    /// <summary>
    /// <paramref name="count"/> purchases of up to 700 customers an hour and five minutes apart from January 2025 (9,000
    /// reach mid-February 2026), in time order, interleaved:
    /// sales with and without a cost, refunds, ids with letters beyond ASCII (several bytes each in UTF-8, so that a
    /// file's tail read from a byte offset may start within one). At 9,000, larger than the two 64 KiB ends.
    /// </summary>
    private static List<string> Rows(int count = 9_000)
    {
        var rows = new List<string>();
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var at = start.AddMinutes(i * 65.0);
            var customer = i % 5 == 0 ? $"Kunde-Ä{(i * 7) % 700:D5}" : $"C{(i * 13) % 700:D5}";
            var amount = (i % 23 == 0 ? -1 : 1) * (5 + (i % 97) + ((i % 4) * 0.25m));
            var cost = i % 3 == 0 ? string.Empty : Math.Abs(amount * 0.4m).ToString("0.00", CultureInfo.InvariantCulture);
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{customer},{at:yyyy-MM-ddTHH:mm:ssZ},{amount:0.00},EUR,{cost},{(i % 2 == 0 ? "online" : "store")}"));
        }

        return rows;
    }

    private string Write(string name, IEnumerable<string> rows, string header = "customer_id,occurred_at,amount,currency,cost,channel")
    {
        var path = Path.Combine(_temp, name);
        File.WriteAllText(path, header + "\n" + string.Join('\n', rows) + "\n", new UTF8Encoding(false));
        return path;
    }

    /// <summary>
    /// Runs the report both ways on <paramref name="args"/>, asserts both write the same report and that the single
    /// read went as <paramref name="reads"/> says, and returns the report.
    /// </summary>
    private static string Same(string[] args, string reads)
    {
        var single = Run(true, args);
        Assert.True(single.Exit == 0, single.Err);
        Assert.Equal(reads, single.Reads);
        var twice = Run(false, args);
        Assert.Null(twice.Reads);
        Assert.Equal((twice.Exit, twice.Out, twice.Err), (single.Exit, single.Out, single.Err));
        return single.Out;
    }

    /// <summary>The report's exit code, output and errors, and how a single read went (null when none was tried).</summary>
    private static Outcome Run(bool singleRead, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        string? reads = null;
        var exit = ReportApp.Run(args, stdout, stderr, ReportTests.Clock, singleRead: singleRead, reads: r => reads = r);
        return new Outcome(exit, stdout.ToString(), stderr.ToString(), reads);
    }

    /// <summary>A run: its exit code, output and errors compared; how the single read went kept apart.</summary>
    private sealed record Outcome(int Exit, string Out, string Err, string? Reads)
    {
        public bool Equals(Outcome? other) => other is not null && (Exit, Out, Err) == (other.Exit, other.Out, other.Err);

        public override int GetHashCode() => HashCode.Combine(Exit, Out, Err);
    }
}
