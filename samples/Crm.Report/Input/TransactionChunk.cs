using Crm.Domain;
using NodaTime;

namespace Crm.Report.Input;

/// <summary>
/// Rows of the transactions file copied out of the reader's buffers, to be checked on another thread while the reader
/// goes on: each row's line and fields (one move of the record's text), how many malformed rows came before it, and
/// after the check what the row gave. A chunk belongs to one file and is reused once its rows are applied.
/// </summary>
internal sealed class TransactionChunk
{
    /// <summary>Rows per chunk.</summary>
    public const int Capacity = 1024;

    private readonly CsvRecord[] _records = new CsvRecord[Capacity];

    public TransactionChunk()
    {
        for (var i = 0; i < _records.Length; i++)
        {
            _records[i] = new CsvRecord();
        }
    }

    /// <summary>
    /// The copied rows' header: the file's columns with a cache of their own (a header caches the columns asked for,
    /// and one thread at a time uses a chunk).
    /// </summary>
    public CsvHeader? Header { get; private set; }

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the chunk holds <see cref="Capacity"/> rows.</summary>
    public bool IsFull => Count == Capacity;

    /// <summary>Each row's physical line.</summary>
    public int[] Lines { get; } = new int[Capacity];

    /// <summary>Each row's count of malformed rows read before it (their problems come first).</summary>
    public int[] MalformedBefore { get; } = new int[Capacity];

    /// <summary>What each row's check gave.</summary>
    public CheckedPurchase[] Results { get; } = new CheckedPurchase[Capacity];

    /// <summary>The starts of the plain dates met in the chunk's rows, for the reader to keep.</summary>
    public Dictionary<LocalDate, Instant> Days { get; } = [];

    /// <summary>Copies a row.</summary>
    public void Add(CsvRow row, int malformedBefore)
    {
        Header ??= row.Header.Copy();
        row.CopyTo(_records[Count]);
        Lines[Count] = row.Line;
        MalformedBefore[Count] = malformedBefore;
        Count++;
    }

    /// <summary>A copied row, read as the file's own rows are.</summary>
    public CsvRow Row(int index) => new(Header!, Lines[index], _records[index]);

    /// <summary>Empties the chunk for reuse (the checks' exceptions and days dropped).</summary>
    public void Clear()
    {
        Array.Clear(Results, 0, Count);
        Days.Clear();
        Count = 0;
    }
}

/// <summary>
/// A transaction row checked apart from the reader's state: the first problem met up to its currency
/// (<see cref="Early"/>); else the row's currency and instant, and the first problem met after its currency
/// (<see cref="Late"/>), which counts only when the currency agrees with the file's first; and the hash its id is
/// counted by (<see cref="DistinctIds.Hash"/>); and, when the read builds them, the row's purchase (<see cref="Built"/>,
/// the default value for a row with a problem).
/// </summary>
internal readonly record struct CheckedPurchase(FieldException? Early, Instant At, bool IsSale, Currency Currency, string? Code, FieldException? Late, ulong IdHash, Crm.Domain.Activity.PurchaseRecord Built);

/// <summary>
/// What the first and last rows of a transactions file say before the file is read (see
/// <see cref="DataSetReader.TransactionsGuess"/>): its earliest and latest instant, its first row's currency, and its
/// rows as the file's size and the size of its last rows give them (0 when not known).
/// </summary>
internal readonly record struct TransactionsGuess(Instant First, Instant Last, Currency Currency, int Rows);
