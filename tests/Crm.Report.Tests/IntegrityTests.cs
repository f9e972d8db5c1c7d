namespace Crm.Report.Tests;

/// <summary>
/// The report never destroys or half-writes: inputs it cannot read, outputs it cannot write, values and sums out of
/// range and periods at the calendar's edge are one line on stderr and exit 2, with nothing written.
/// </summary>
public sealed class IntegrityTests : IDisposable
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data");
    private readonly string _temp = Directory.CreateTempSubdirectory("crm-report-integrity").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args) => ReportTests.Run(args);

    /// <summary>Exit 2, nothing on stdout, one line on stderr that starts with the program's name and holds <paramref name="fragment"/>.</summary>
    private static void OneLine((int Exit, string Out, string Err) run, string fragment)
    {
        Assert.Equal(2, run.Exit);
        Assert.Equal(string.Empty, run.Out);
        var lines = run.Err.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, run.Err);
        Assert.StartsWith("crm-report: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(fragment, lines[0], StringComparison.Ordinal);
    }

    private string Copy(string name)
    {
        var path = Path.Combine(_temp, name);
        File.Copy(Path.Combine(Data, name), path);
        return path;
    }

    private string[] Folder() => [.. Directory.EnumerateFileSystemEntries(_temp, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    [Fact]
    public void An_output_that_names_an_input_is_refused_and_the_input_kept()
    {
        var transactions = Copy("transactions.csv");
        var before = File.ReadAllText(transactions);
        OneLine(Run("--transactions", transactions, "--out", transactions), "is also the --transactions input");
        OneLine(Run("--transactions", transactions, "--out", Path.Combine(_temp, ".", "..", Path.GetFileName(_temp), "transactions.csv")), "is also the --transactions input");
        var link = Path.Combine(_temp, "link.csv");
        File.CreateSymbolicLink(link, transactions);
        OneLine(Run("--transactions", transactions, "--out", link, "--format", "json"), "is also the --transactions input");
        Assert.Equal(before, File.ReadAllText(transactions));
    }

    [Fact]
    public void An_output_in_a_missing_folder_or_naming_a_folder_is_refused_and_leaves_nothing()
    {
        var transactions = Copy("transactions.csv");
        var before = Folder();
        OneLine(Run("--transactions", transactions, "--out", Path.Combine(_temp, "missing", "report.txt")), "does not exist");
        var folder = Directory.CreateDirectory(Path.Combine(_temp, "out")).FullName;
        before = Folder();
        OneLine(Run("--transactions", transactions, "--out", folder), "is a directory");
        Assert.Equal(before, Folder());
    }

    [Fact]
    public void A_directory_or_a_device_as_input_is_refused_in_one_line()
    {
        OneLine(Run("--transactions", _temp), "is a directory");
        if (OperatingSystem.IsLinux())
        {
            OneLine(Run("--transactions", "/dev/zero"), "is not a regular file");
            OneLine(Run("--costs", "/proc/self/mem"), "--costs /proc/self/mem: cannot read");
        }
    }

    [Fact]
    public void A_number_beyond_its_column_is_a_line_and_column_problem()
    {
        var complaints = Path.Combine(_temp, "complaints.csv");
        File.WriteAllLines(complaints, File.ReadAllLines(Path.Combine(Data, "complaints.csv")).Select((line, i) => i == 1 ? string.Join(',', line.Split(',')[..^1].Append("99999999999")) : line));
        var (exit, output, error) = Run("--transactions", Copy("transactions.csv"), "--complaints", complaints);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"{complaints}:2: column target_hours: 99999999999 hours is longer than any service target", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_whose_sum_overflows_are_one_line_naming_the_file()
    {
        var transactions = Path.Combine(_temp, "big.csv");
        File.WriteAllLines(transactions,
        [
            "customer_id,occurred_at,amount",
            $"A,2026-03-01T10:00:00Z,{decimal.MaxValue}",
            $"B,2026-03-02T10:00:00Z,{decimal.MaxValue}",
        ]);
        var before = Folder();
        OneLine(Run("--transactions", transactions, "--from", "2026-03-01", "--to", "2026-03-31", "--out", Path.Combine(_temp, "report.txt")), $"amounts in --transactions {transactions} go beyond the range");
        Assert.Equal(before, Folder());
    }

    [Fact]
    public void A_period_at_the_calendars_edge_is_one_line()
    {
        var transactions = Copy("transactions.csv");
        OneLine(Run("--transactions", transactions, "--from", "0001-01-01", "--to", "9999-12-31"), "--from/--to: ");
        OneLine(Run("--transactions", transactions, "--from", "9999-12-01", "--to", "9999-12-30"), "--from/--to: ");
    }

    [Theory]
    [InlineData("A,2026-03-01T10:00:00Z,5\nB,2026-03-02T10:00:00Z,7\nC,2026-03-03T10:00:00Z,9\n")] // a row more
    [InlineData("A,2026-03-01T10:00:00Z,5\nB,2026-03-02T10:00:00Z,seven\n")]                        // a row broken
    public void Transactions_that_change_between_reads_stop_the_report_with_one_line(string later)
    {
        // The purchases are parsed from the file on each read, never held: a file that changes in between is refused.
        const string header = "customer_id,occurred_at,amount\n";
        var opened = 0;
        var problems = new Crm.Report.Input.InputProblems();
        var data = new Crm.Report.Input.DataSetReader(Crm.Report.Cli.OptionParser.Parse(["--transactions", "t.csv"]), problems).Read(kind =>
            kind == Crm.Report.Cli.InputKind.Transactions
                ? ("t.csv", new StringReader(header + (opened++ == 0 ? "A,2026-03-01T10:00:00Z,5\nB,2026-03-02T10:00:00Z,7\n" : later)))
                : null);

        Assert.Equal(0, problems.Count);
        Assert.Equal(2, data.Purchases!.Rows);
        var e = Assert.Throws<Crm.Report.Cli.ReportError>(() => data.Purchases.ToList());
        Assert.StartsWith("t.csv changed while the report read it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_header_does_not_come_back_as_huge_errors()
    {
        var transactions = Path.Combine(_temp, "huge.csv");
        File.WriteAllLines(transactions, ["customer_id,occurred_at,amount" + new string('X', 20_000_000), "A,2026-03-01T10:00:00Z,5"]);
        var (exit, output, error) = Run("--transactions", transactions);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.True(error.Length < 2_000, $"{error.Length:N0} characters on stderr");
        Assert.Contains("column amount: required column is missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_dated_on_a_day_the_zone_skipped_is_a_line_and_column_problem()
    {
        var transactions = Path.Combine(_temp, "apia.csv");
        File.WriteAllLines(transactions, ["customer_id,occurred_at,amount", "A,2011-12-29,5", "B,2011-12-30,7"]);
        var (exit, output, error) = Run("--transactions", transactions, "--zone", "Pacific/Apia");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"{transactions}:3: column occurred_at: 2011-12-30 does not exist in Pacific/Apia", error, StringComparison.Ordinal);

        // Without that row, December 2011 in Apia is a month like any other.
        File.WriteAllLines(transactions, ["customer_id,occurred_at,amount", "A,2011-12-29,5", "B,2011-12-31,7"]);
        Assert.Equal(0, Run("--transactions", transactions, "--zone", "Pacific/Apia", "--from", "2011-12-01", "--to", "2011-12-31").Exit);
    }

    [Fact]
    public void A_file_without_a_header_does_not_echo_its_first_row()
    {
        var customers = Path.Combine(_temp, "customers.csv");
        File.WriteAllLines(customers, File.ReadAllLines(Path.Combine(Data, "customers.csv")).Skip(1));
        var (exit, _, error) = Run("--transactions", Copy("transactions.csv"), "--customers", customers);
        Assert.Equal(2, exit);
        Assert.Contains("is not a header of column names", error, StringComparison.Ordinal);
        Assert.DoesNotContain("alice@example.com", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice Example", error, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567", error, StringComparison.Ordinal);
    }
}
