namespace Crm.Metrics.Storage;

/// <summary>
/// An upper bound of the largest magnitudes a table holds (of any amount and of any count), kept across merges: a
/// merge check compares the two tables' bounds before it compares customers, and without a kept bound merging P
/// partitions into one table rescanned the growing table P times. After a merge the bound is the sum of the two
/// (every merged magnitude is at most that); any other write forgets it, and the next check scans again.
/// </summary>
internal struct MergeBound
{
    private decimal _amount;
    private int _count;
    private bool _known;

    /// <summary>The kept bound, if any.</summary>
    public readonly bool TryGet(out decimal amount, out int count)
    {
        amount = _amount;
        count = _count;
        return _known;
    }

    /// <summary>Keeps a bound just measured.</summary>
    public void Set(decimal amount, int count)
    {
        _amount = amount;
        _count = count;
        _known = true;
    }

    /// <summary>Forgets the bound: the table was written other than by a merge.</summary>
    public void Forget() => _known = false;

    /// <summary>
    /// The bound after merging a table whose largest magnitudes are <paramref name="amount"/> and
    /// <paramref name="count"/> into one whose bound this was (taken before the merge, which writes through the
    /// forgetting paths): their sum, or none when this one was unknown or the sum would leave the ranges.
    /// </summary>
    public readonly MergeBound Plus(decimal amount, int count)
    {
        var sum = default(MergeBound);
        if (_known && _amount <= decimal.MaxValue - amount && _count <= int.MaxValue - count)
        {
            sum.Set(_amount + amount, _count + count);
        }

        return sum;
    }
}
