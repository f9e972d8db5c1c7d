using Crm.Metrics.Storage;

namespace Crm.Metrics.Loyalty;

/// <summary>
/// Reads a long state's customer rows into a store table by table rather than in the state's order. The rows, checked
/// as they come, wait in a chunk in their order; a full chunk is applied one table at a time. A state from another
/// process lists its customers in that process's table order, which has nothing to do with this one's (ids hash
/// differently in each process): row by row, every insert would go to another table, whose arrays are out of the
/// cache. Within a table the rows go in the state's order, so the tables end as a row-by-row read leaves them.
/// </summary>
/// <param name="store">The store read into.</param>
internal sealed class PurchaseStateStager(PurchaseStore store) : IDisposable
{
    /// <summary>The rows a chunk holds (about 6 MB of staged rows).</summary>
    public const int ChunkRows = 1 << 15;

    private readonly int[] _starts = new int[PurchaseStore.TableCount + 1];
    private StagedRow[] _rows = WorkArrays<StagedRow>.Rent(ChunkRows);
    private int[] _order = WorkArrays<int>.Rent(ChunkRows);
    private int _count;

    /// <summary>Stages one checked row; applies the chunk when it is full.</summary>
    /// <exception cref="ArgumentException">A row of the chunk repeats the id of an earlier row (named by its index).</exception>
    public void Add(int index, CustomerId id, in CustomerHistory history, in CustomerPeriod period, bool hasPeriod)
    {
        ref var staged = ref _rows[_count];
        staged.Id = id;
        staged.Index = index;
        staged.Table = PurchaseStore.Partition(id);
        staged.HasPeriod = hasPeriod;
        staged.History = history;
        staged.Period = period;
        if (++_count == ChunkRows)
        {
            Flush();
        }
    }

    /// <summary>Applies the staged rows, one table after the other, each table's in the order they came.</summary>
    /// <exception cref="ArgumentException">A row repeats the id of an earlier row (named by its index).</exception>
    public void Flush()
    {
        var rows = _rows.AsSpan(0, _count);
        var starts = _starts.AsSpan();
        starts.Clear();
        foreach (ref readonly var row in rows)
        {
            starts[row.Table + 1]++;
        }

        for (var p = 1; p < starts.Length; p++)
        {
            starts[p] += starts[p - 1];
        }

        Span<int> next = stackalloc int[PurchaseStore.TableCount];
        starts[..^1].CopyTo(next);
        for (var i = 0; i < rows.Length; i++)
        {
            _order[next[rows[i].Table]++] = i;
        }

        for (var p = 0; p < PurchaseStore.TableCount; p++)
        {
            if (starts[p] == starts[p + 1])
            {
                continue;
            }

            var table = store.TableOf(rows[_order[starts[p]]].Id);
            for (var k = starts[p]; k < starts[p + 1]; k++)
            {
                ref readonly var row = ref rows[_order[k]];
                var count = table.Count;
                var at = table.IndexOf(row.Id);
                if (table.Count == count)
                {
                    throw PurchaseStateRules.RepeatedId(row.Index);
                }

                table.History(at) = row.History;
                if (row.HasPeriod)
                {
                    table.PeriodForUpdate(at) = row.Period;
                }
            }
        }

        _count = 0;
    }

    /// <summary>Gives the chunk's arrays back (the staged ids cleared).</summary>
    public void Dispose()
    {
        if (_rows.Length > 0)
        {
            WorkArrays<StagedRow>.Return(_rows, clearArray: true);
            WorkArrays<int>.Return(_order);
            (_rows, _order) = ([], []);
        }
    }

    /// <summary>A row checked and converted, waiting for its table's turn.</summary>
    private struct StagedRow
    {
        public CustomerId Id;
        public int Index;
        public int Table;
        public bool HasPeriod;
        public CustomerHistory History;
        public CustomerPeriod Period;
    }
}
