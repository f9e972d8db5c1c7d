using System.Collections;
using Crm.Domain.Activity;
using Crm.Metrics;
using Crm.Report.Cli;

namespace Crm.Report.Input;

/// <summary>
/// The purchases of the transactions file as values, parsed from the file again each time they are enumerated and never held:
/// the report's memory grows with the customers, not with the rows. The first read (<see cref="DataSetReader"/>)
/// checked every row; a later read that meets a row it cannot parse, or another number of rows, means the file
/// changed in between, and stops the report.
/// </summary>
/// <param name="file">The file's display name.</param>
/// <param name="open">Opens the file (or the demo's text) again from its start.</param>
/// <param name="columns">The required and optional columns.</param>
/// <param name="parse">Turns a checked row into its purchase, with a cache of day starts of the read's own.</param>
/// <param name="rows">The data rows the first read found.</param>
/// <param name="customers">The distinct customer ids the first read estimated (see <see cref="DistinctIds"/>).</param>
internal sealed class PurchaseRows(string file, Func<TextReader> open, (string[] Required, string[] Optional) columns, Func<CsvRow, string, Dictionary<NodaTime.LocalDate, NodaTime.Instant>, PurchaseRecord> parse, int rows, int customers) : IEnumerable<PurchaseRecord>
{
    /// <summary>The data rows of the file.</summary>
    public int Rows => rows;

    /// <summary>The distinct customers of the file, as the first read estimated them (within about 1 %): the analyses' capacity hint.</summary>
    public int Customers => customers;

    /// <summary>
    /// The purchases in file order, parsed on another thread a few chunks ahead (<see cref="ReadAhead"/>), so that
    /// parsing overlaps the analyses that consume them. A row that no longer parses, or another number of rows, throws
    /// <see cref="ReportError"/>; an enumeration left early stops the parse and closes the file before it returns.
    /// </summary>
    public IEnumerator<PurchaseRecord> GetEnumerator() => ReadAhead.Run<PurchaseRecord>(Parse).GetEnumerator();

    /// <summary>The purchases for a data set: the analyses read the records as they are, with no object per row.</summary>
    public IEnumerable<Purchase> AsPurchases() => CrmDataSet.PurchasesOf(this);

    private void Parse(Action<PurchaseRecord> purchase)
    {
        var problems = new InputProblems();
        var read = 0;

        // Each read its own day starts: reads may run side by side, and a file that changed may bring a date the
        // first read did not see.
        var days = new Dictionary<NodaTime.LocalDate, NodaTime.Instant>();
        using var reader = open();
        foreach (var row in CsvFile.Read(reader, file, problems, columns.Required, columns.Optional))
        {
            PurchaseRecord parsed;
            try
            {
                parsed = parse(row, file, days);
            }
            catch (FieldException)
            {
                throw Changed();
            }

            read++;
            purchase(parsed);
        }

        if (problems.Count > 0 || read != rows)
        {
            throw Changed();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ReportError Changed() => new($"{file} changed while the report read it (it is read more than once, never held in memory); run the report again on a file that stays as it is");
}
