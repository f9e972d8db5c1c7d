using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Report.Cli;
using NodaTime;

namespace Crm.Report.Input;

/// <summary>
/// The transactions file read once: deferred by <see cref="Read"/> (only its ends read, for a guess at what it holds),
/// then checked and handed on as purchases in one read while the analyses consume them.
/// </summary>
internal sealed partial class DataSetReader
{
    /// <summary>Characters read at each end of a deferred transactions file for <see cref="TransactionsGuess"/>.</summary>
    private const int GuessWindow = 64 * 1024;

    /// <summary>The transactions file left for <see cref="TransactionsOnce"/>, until that read starts.</summary>
    private (string File, Func<TextReader> Open)? _deferred;

    /// <summary>
    /// What the first and last rows of a deferred transactions file say (see <see cref="Guess"/>); null when the file
    /// was not deferred, or its ends gave no row to go by.
    /// </summary>
    public TransactionsGuess? TransactionsGuess { get; private set; }

    /// <summary>Whether <see cref="TransactionsOnce"/> has read the whole file.</summary>
    public bool TransactionsRead { get; private set; }

    /// <summary>
    /// The purchases of the deferred transactions file, from its one read: the rows are checked as the first read of
    /// <see cref="Read"/> checks them — their problems, the activity range, the currency and the buyers noted as they
    /// are — and each row without a problem is handed on as its purchase. At the end the file is listed first among
    /// the files read (where <see cref="Read"/> reads it), <see cref="InputData.Purchases"/> reads it again when asked,
    /// and <paramref name="read"/> is told its rows. The read stops at the first problem, with
    /// <see cref="InputProblemException"/>: the problems are said by reading the inputs again as usual. Enumerable once.
    /// </summary>
    public IEnumerable<PurchaseRecord> TransactionsOnce(Action<string, int>? read)
    {
        var (file, open) = _deferred ?? throw new InvalidOperationException("No transactions file is waiting to be read.");
        _deferred = null;
        var rows = 0;
        foreach (var purchase in ReadAhead.Run<PurchaseRecord>(emit =>
        {
            using var reader = open();
            rows = ReadTransactions(file, reader, open, emit);
        }))
        {
            yield return purchase;
        }

        // The producer has returned (the read-ahead waits for it): what it noted is complete.
        _data.Files.Insert(0, (InputKind.Transactions, file, rows));
        TransactionsRead = true;
        read?.Invoke(file, rows);
    }

    /// <summary>
    /// The first and the last rows of a transactions file, read without the rows between: its first 64 Ki characters
    /// and, when the file goes on and can seek, its last 64 KiB. The rows there that pass their checks
    /// give the earliest and latest instant, the first such row's currency and the size of a row; null when none does.
    /// Only a guess at what the whole file gives: a file out of time order, or a first row with a problem, shows when
    /// the file is read.
    /// </summary>
    private TransactionsGuess? Guess(TextReader reader)
    {
        var buffer = new char[GuessWindow];
        var head = buffer.AsSpan(0, reader.ReadBlock(buffer, 0, GuessWindow));
        var headerEnd = head.IndexOfAny('\r', '\n');
        var complete = head.LastIndexOf('\n');
        if (headerEnd <= 0 || complete <= headerEnd)
        {
            return null;
        }

        var header = head[..headerEnd].ToString();
        var (first, headLast, currency, _) = Ends(head[..complete].ToString());
        if (first is not { } earliest || headLast is not { } latest || currency is not { } firstCurrency)
        {
            return null;
        }

        var rows = 0;
        if (head.Length == GuessWindow && reader is StreamReader { BaseStream: { CanSeek: true } stream } streamReader)
        {
            // The tail from a byte offset (it may overlap the head): the line it starts in is cut, perhaps within a
            // character, and left out.
            var bytes = stream.Length;
            stream.Seek(-GuessWindow, SeekOrigin.End);
            streamReader.DiscardBufferedData();
            var tail = streamReader.ReadToEnd();
            var cut = tail.IndexOf('\n');
            if (cut >= 0)
            {
                var (_, tailLast, _, tailRows) = Ends(header + "\n" + tail[(cut + 1)..]);
                var tailChars = tail.Length - (cut + 1);
                latest = tailLast is { } t && t > latest ? t : latest;
                rows = tailRows > 0 ? (int)Math.Min(int.MaxValue, bytes * tailRows / Math.Max(1, tailChars)) : 0;
            }
        }

        return new TransactionsGuess(earliest, latest, firstCurrency, rows);

        // The earliest and latest instant, the first currency and the count of the rows of a text that starts with the
        // file's header.
        (Instant? First, Instant? Last, Currency? Currency, int Rows) Ends(string text)
        {
            var days = new Dictionary<LocalDate, Instant>();
            (Instant? First, Instant? Last, Currency? Currency, int Rows) ends = default;
            foreach (var row in CsvFile.Read(new StringReader(text), "guess", new InputProblems(), TransactionColumns.Required, TransactionColumns.Optional))
            {
                try
                {
                    var at = At("occurred_at", row.RequiredSpan("occurred_at"), days);
                    var (rowCurrency, _) = RowCurrency(row);
                    ends.Currency ??= rowCurrency;
                    ends.First = ends.First is { } f && f <= at ? f : at;
                    ends.Last = ends.Last is { } l && l >= at ? l : at;
                    ends.Rows++;
                }
                catch (FieldException)
                {
                    // A row with a problem says nothing here; the read will find it.
                }
            }

            return ends;
        }
    }
}

/// <summary>The one read of a transactions file met a problem in a row (see <see cref="DataSetReader.TransactionsOnce"/>) and stopped.</summary>
internal sealed class InputProblemException() : Exception("A row of the transactions file has a problem.");
