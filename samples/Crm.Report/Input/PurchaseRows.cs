using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Crm.Domain.Activity;
using Crm.Report.Cli;

namespace Crm.Report.Input;

/// <summary>
/// The purchases of the transactions file, parsed from the file again each time they are enumerated and never held:
/// the report's memory grows with the customers, not with the rows. The first read (<see cref="DataSetReader"/>)
/// checked every row; a later read that meets a row it cannot parse, or another number of rows, means the file
/// changed in between, and stops the report.
/// </summary>
/// <param name="file">The file's display name.</param>
/// <param name="open">Opens the file (or the demo's text) again from its start.</param>
/// <param name="columns">The required and optional columns.</param>
/// <param name="parse">Turns a checked row into its purchase.</param>
/// <param name="rows">The data rows the first read found.</param>
internal sealed class PurchaseRows(string file, Func<TextReader> open, (string[] Required, string[] Optional) columns, Func<CsvRow, string, Purchase> parse, int rows) : IEnumerable<Purchase>
{
    /// <summary>The data rows of the file.</summary>
    public int Rows => rows;

    /// <summary>
    /// The purchases in file order. The file is parsed on another thread, a chunk of <see cref="ChunkRows"/> rows ahead
    /// of the caller (at most <see cref="ChunksAhead"/> chunks wait), so that parsing overlaps the analyses that consume
    /// the rows; an error of the parse is thrown here, in place of the chunk it happened in, and an enumeration left early
    /// stops the parse and closes the file before it returns.
    /// </summary>
    public IEnumerator<Purchase> GetEnumerator()
    {
        using var ahead = new BlockingCollection<(Purchase[] Rows, int Count)>(ChunksAhead);
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var parser = Task.Run(() =>
        {
            try
            {
                Parse(ahead, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The enumeration was left early.
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                ahead.CompleteAdding();
            }
        });

        try
        {
            foreach (var (rows, count) in ahead.GetConsumingEnumerable())
            {
                for (var i = 0; i < count; i++)
                {
                    yield return rows[i];
                }
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            stop.Cancel();
            parser.GetAwaiter().GetResult(); // never throws: the parse keeps its failure
        }
    }

    /// <summary>Rows per chunk handed from the parsing thread.</summary>
    internal const int ChunkRows = 4096;

    /// <summary>Chunks that may wait parsed.</summary>
    internal const int ChunksAhead = 4;

    private void Parse(BlockingCollection<(Purchase[] Rows, int Count)> ahead, CancellationToken stop)
    {
        var problems = new InputProblems();
        var read = 0;
        var chunk = new Purchase[ChunkRows];
        var count = 0;
        using var reader = open();
        foreach (var row in CsvFile.Read(reader, file, problems, columns.Required, columns.Optional))
        {
            try
            {
                chunk[count++] = parse(row, file);
            }
            catch (FieldException)
            {
                throw Changed();
            }

            read++;
            if (count == ChunkRows)
            {
                ahead.Add((chunk, count), stop);
                chunk = new Purchase[ChunkRows];
                count = 0;
            }
        }

        if (problems.Count > 0 || read != rows)
        {
            throw Changed();
        }

        if (count > 0)
        {
            ahead.Add((chunk, count), stop);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ReportError Changed() => new($"{file} changed while the report read it (it is read more than once, never held in memory); run the report again on a file that stays as it is");
}
