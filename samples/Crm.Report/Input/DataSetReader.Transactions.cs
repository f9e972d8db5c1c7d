using Crm.Domain;
using Crm.Domain.Activity;
using NodaTime;

namespace Crm.Report.Input;

/// <summary>The transactions file: checked on a first read, then kept as rows to parse again, never as purchases.</summary>
internal sealed partial class DataSetReader
{
    /// <summary>
    /// Whether the first sale of each customer is kept: a customers file's record starts there by default. Without
    /// one, the first read keeps nothing per customer.
    /// </summary>
    private readonly bool _keepsFirstSales = options.IsDemo || options.Customers is not null;

    /// <summary>The transactions file's required and optional columns.</summary>
    private static readonly (string[] Required, string[] Optional) TransactionColumns = (["customer_id", "occurred_at", "amount"], ["currency", "cost", "channel"]);

    /// <summary>The sketch of the buyers while the first read runs (the analyses' capacity hint), then null.</summary>
    private DistinctIds? _distinctBuyers;

    /// <summary>
    /// Full chunks of rows that may be checked on the thread pool while the reader goes on: enough to keep another core
    /// busy, few enough to hold little (a chunk of rows is about 0.75 MB).
    /// </summary>
    private const int ChunksAhead = 4;

    /// <summary>
    /// Checks every row of the transactions file — each field parsed and checked, no purchase built — and keeps the
    /// file as <see cref="PurchaseRows"/>, to be parsed again by each analysis that reads the purchases. The rows
    /// are copied into chunks and checked on the thread pool while this thread reads on; what depends on the rows
    /// before — the file's one currency, the activity range, the distinct buyers, each problem's place — is then
    /// applied chunk by chunk in the file's order. So the problems, malformed rows' among them, come out as a
    /// row-by-row read gives them. A file shorter than a chunk is checked on this thread alone.
    /// </summary>
    /// <param name="file">The file's display name.</param>
    /// <param name="reader">The file, open at its start.</param>
    /// <param name="reopen">Opens the file again, for the reads of <see cref="PurchaseRows"/>.</param>
    /// <param name="emit">
    /// When given, each row that passes its checks is also built into its purchase (on the thread pool, with its
    /// check) and handed to <paramref name="emit"/> in the file's order, as soon as the rows before it are applied: the
    /// one read of <see cref="TransactionsOnce"/>. A row with a problem hands on nothing.
    /// </param>
    private int ReadTransactions(string file, TextReader reader, Func<TextReader> reopen, Action<PurchaseRecord>? emit = null)
    {
        _distinctBuyers = new DistinctIds();
        var columns = TransactionColumns;
        var malformed = new InputProblems(); // the rows the CSV reader refused, moved to the problems in line order
        var moved = 0;
        var checking = new Queue<Task<TransactionChunk>>();
        var spare = new Stack<TransactionChunk>();
        var chunk = new TransactionChunk();
        var rows = 0;

        void Apply(TransactionChunk done)
        {
            for (var i = 0; i < done.Count; i++)
            {
                for (; moved < done.MalformedBefore[i]; moved++)
                {
                    problems.AddFrom(malformed, moved);
                }

                if (ApplyRow(done, i, file) && emit is not null)
                {
                    emit(done.Results[i].Built);
                }

                if (emit is not null && problems.Count > 0)
                {
                    // The one read stops at a problem: the report then reads the inputs as usual, to say them all.
                    throw new InputProblemException();
                }
            }

            // The day starts the chunk looked up, for the dates of the files read next.
            foreach (var (date, start) in done.Days)
            {
                _dayStarts.TryAdd(date, start);
            }

            done.Clear();
            spare.Push(done);
        }

        foreach (var row in CsvFile.Read(reader, file, malformed, columns.Required, columns.Optional))
        {
            rows++;
            chunk.Add(row, malformed.Count);
            if (chunk.IsFull)
            {
                var full = chunk;
                checking.Enqueue(Task.Run(() => Check(full, build: emit is not null)));
                if (checking.Count > ChunksAhead)
                {
                    Apply(checking.Dequeue().GetAwaiter().GetResult());
                }

                chunk = spare.Count > 0 ? spare.Pop() : new TransactionChunk();
            }
        }

        while (checking.Count > 0)
        {
            Apply(checking.Dequeue().GetAwaiter().GetResult());
        }

        Apply(Check(chunk, build: emit is not null));
        for (; moved < malformed.Count; moved++)
        {
            problems.AddFrom(malformed, moved);
        }

        _data.Purchases = new PurchaseRows(file, reopen, columns, PurchaseAgain, rows, _distinctBuyers.Count);
        _distinctBuyers = null;
        return rows;
    }

    /// <summary>
    /// Checks a chunk's rows (on any thread: nothing of the reader's is written but through the chunk); with
    /// <paramref name="build"/>, each row that passes is built into its purchase too.
    /// </summary>
    private TransactionChunk Check(TransactionChunk chunk, bool build)
    {
        (string Code, Currency Currency)? known = null; // the last currency code read, kept so that its repeats make no string
        for (var i = 0; i < chunk.Count; i++)
        {
            chunk.Results[i] = Check(chunk.Row(i), chunk.Days, ref known, build);
        }

        return chunk;
    }

    /// <summary>
    /// A row of the first read, checked in the order a purchase reads its columns, touching no state of the reader: what
    /// comes before the currency and the currency by itself, then the rest (see <see cref="CheckedPurchase"/>); with
    /// <paramref name="build"/>, the purchase of a row that passes, in the row's own currency (which must still agree
    /// with the file's first, in <see cref="ApplyRow"/>).
    /// </summary>
    private CheckedPurchase Check(CsvRow row, Dictionary<LocalDate, Instant> days, ref (string Code, Currency Currency)? known, bool build)
    {
        Instant at;
        decimal amount;
        Currency currency;
        string? code;
        ulong hash;
        try
        {
            var id = row.RequiredSpan("customer_id");
            hash = DistinctIds.Hash(id);
            CheckCustomerId(id);
            at = At("occurred_at", row.RequiredSpan("occurred_at"), days);
            amount = Fields.Number("amount", row.RequiredSpan("amount"));
            (currency, code) = RowCurrency(row, known);
            if (code is not null)
            {
                known = (code, currency);
            }
        }
        catch (FieldException e)
        {
            return new CheckedPurchase(e, default, false, default, null, null, 0, default);
        }

        try
        {
            var (cost, channel) = PurchaseFields(row, amount);
            var built = build ? Purchase(Fields.CustomerId("customer_id", row.RequiredSpan("customer_id").ToString()), at, amount, currency, cost, channel) : default;
            return new CheckedPurchase(null, at, amount >= 0, currency, code, null, hash, built);
        }
        catch (FieldException e)
        {
            return new CheckedPurchase(null, at, amount >= 0, currency, code, e, hash, default);
        }
    }

    /// <summary>
    /// Applies a checked row in the file's order: its problem — the first met, the currency's agreement with the file's
    /// first in its place — or else its buyer, instant and first sale. True when the row has no problem.
    /// </summary>
    private bool ApplyRow(TransactionChunk chunk, int index, string file)
    {
        ref readonly var result = ref chunk.Results[index];
        var line = chunk.Lines[index];
        var problem = result.Early;
        if (problem is null)
        {
            try
            {
                AgreeWithFirst(result.Currency, result.Code, file, line);
            }
            catch (FieldException e)
            {
                problem = e;
            }
        }

        problem ??= result.Late;
        if (problem is not null)
        {
            problems.Add(file, line, problem.Column, problem.Message);
            return false;
        }

        _distinctBuyers!.AddHash(result.IdHash);
        Activity(result.At);
        if (_keepsFirstSales)
        {
            var buyer = BuyerOf(chunk.Row(index).RequiredSpan("customer_id"));
            if (result.IsSale && (buyer.FirstSale is not { } firstSale || result.At < firstSale))
            {
                buyer.FirstSale = result.At;
            }
        }

        return true;
    }

    /// <summary>
    /// A row of a later read, already checked: the same purchase, with nothing noted, and its customer's id a new
    /// string (looking up the one kept would cost more than making it). The reader's state is only read: a plain
    /// date's start is kept in <paramref name="days"/>, the read's own, so reads may run side by side.
    /// </summary>
    private PurchaseRecord PurchaseAgain(CsvRow row, string file, Dictionary<LocalDate, Instant> days)
    {
        var customer = Fields.CustomerId("customer_id", row.RequiredSpan("customer_id").ToString());
        var at = At("occurred_at", row.RequiredSpan("occurred_at"), days);
        var amount = Fields.Number("amount", row.RequiredSpan("amount"));
        return Purchase(row, customer, at, amount, Currency(row, file));
    }

    /// <summary>
    /// The row's currency by itself: its currency column (a valid code), else --currency, which it must equal when
    /// given; and the code as written (null without one). A code equal to <paramref name="known"/>'s (a code read
    /// before, with its currency) is taken from it, without a string for the row. Touches no state, so any thread may
    /// call it.
    /// </summary>
    private (Currency Currency, string? Code) RowCurrency(CsvRow row, (string Code, Currency Currency)? known = null)
    {
        var given = row.OptionalSpan("currency");
        var (currency, code) = given.IsEmpty ? (options.Currency, null)
            : known is { } k && given.SequenceEqual(k.Code) ? (k.Currency, k.Code)
            : Parsed(given.ToString());
        if (options.CurrencyGiven && currency != options.Currency)
        {
            throw new FieldException("currency", $"{currency} differs from --currency {options.Currency}; the report does not convert currencies");
        }

        return (currency, code);

        static (Currency, string?) Parsed(string code) => (Fields.Currency("currency", code), code);
    }

    /// <summary>Checks a row's currency against the first one met (one currency per report), or makes it the first.</summary>
    private void AgreeWithFirst(Currency currency, string? code, string file, int line)
    {
        string How() => code is null ? $"--currency {options.Currency} (no currency on the row)" : currency.Code;
        if (_data.Currency is null)
        {
            _data.Currency = currency;
            _currencyOrigin = (file, line, How());
        }
        else if (_data.Currency != currency && _currencyOrigin is var (f, l, h))
        {
            throw new FieldException(code is null ? "amount" : "currency", $"{How()} differs from {h} first seen at {f}:{l}; the report does not convert currencies (give --currency, or convert the file)");
        }
    }

    /// <summary>
    /// Checks a customer id in place, as <see cref="CustomerId"/>'s rule for keys does (not empty or white space, not
    /// padded), without making its string; a refused id is refused by the id type itself, for the same words.
    /// </summary>
    private static void CheckCustomerId(ReadOnlySpan<char> id)
    {
        if (id.IsWhiteSpace() || char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1]))
        {
            _ = Fields.CustomerId("customer_id", id.ToString());
        }
    }

    /// <summary>
    /// A row's cost and channel, checked: the rules of the report's own columns. With a customer id, instant, amount
    /// and currency that passed their checks, they leave nothing for the purchase's own rules to refuse — its amounts
    /// are made non-negative here, in the row's one currency — so the first read checks a row without building it.
    /// </summary>
    private static (decimal? Cost, SalesChannel Channel) PurchaseFields(CsvRow row, decimal amount)
    {
        decimal? cost = row.OptionalSpan("cost") is { IsEmpty: false } c ? Fields.Number("cost", c) : null;
        if (cost < 0 && amount >= 0)
        {
            throw new FieldException("cost", $"{cost} is negative on a sale; a sale's cost of goods is ≥ 0");
        }

        var channel = row.Optional("channel") is { } ch ? Fields.SalesChannel("channel", ch) : SalesChannel.Other;
        return (cost, channel);
    }

    /// <summary>The purchase of a row whose customer, instant, amount and currency are read: its cost and channel (<see cref="PurchaseFields"/>), and the purchase's own rules.</summary>
    private static PurchaseRecord Purchase(CsvRow row, CustomerId customer, Instant at, decimal amount, Currency currency)
    {
        var (cost, channel) = PurchaseFields(row, amount);
        return Purchase(customer, at, amount, currency, cost, channel);
    }

    /// <summary>The purchase of a row's checked fields, under the purchase's own rules: a negative amount is a refund.</summary>
    private static PurchaseRecord Purchase(CustomerId customer, Instant at, decimal amount, Currency currency, decimal? cost, SalesChannel channel)
    {
        var money = new Money(Math.Abs(amount), currency);
        Money? costMoney = cost is { } k ? new Money(Math.Abs(k), currency) : null;
        return Fields.Domain("amount", (Refund: amount < 0, customer, at, money, channel, costMoney), static p => p.Refund
            ? PurchaseRecord.Refund(p.customer, p.at, p.money, p.channel, p.costMoney)
            : PurchaseRecord.Sale(p.customer, p.at, p.money, p.channel, p.costMoney));
    }
}
