using Crm.Metrics.Internal;

namespace Crm.Metrics.Storage;

/// <summary>Merging one customer table into another: first whether every sum stays in range, then the rows.</summary>
internal sealed partial class CustomerTable<THistory, TPeriod>
{
    /// <summary>
    /// Whether merging <paramref name="other"/> into this table keeps every sum inside its range: every amount inside
    /// <see cref="decimal"/>'s and every count inside <see cref="int"/>'s. A merge checks this first, so that it never
    /// stops half-way. Usually the two tables' largest magnitudes settle it (this table's kept from its last merge when
    /// nothing else wrote to it, see <see cref="MergeBound"/>; the other's scanned); only when those could overflow
    /// together are the customers both tables hold compared one by one.
    /// </summary>
    public MergeFit MergeFits(CustomerTable<THistory, TPeriod> other)
    {
        if (Count == 0 && !_totals.AsSpan().ContainsAnyExcept(0m))
        {
            return MergeFit.Fits; // the merge gives the other table's values, which are in range
        }

        var kept = _bound.TryGet(out var amount, out var count);
        if (!kept)
        {
            (amount, count) = Largest();
        }

        var (otherAmount, otherCount) = other.Largest();
        if (kept && !(amount <= decimal.MaxValue - otherAmount && count <= int.MaxValue - otherCount))
        {
            // The kept bound is a sum of bounds, perhaps far above the true largest: measure before looking closer.
            (amount, count) = Largest();
        }

        _bound.Set(amount, count);
        if (amount <= decimal.MaxValue - otherAmount && count <= int.MaxValue - otherCount)
        {
            return MergeFit.Fits;
        }

        for (var k = 0; k < _totals.Length; k++)
        {
            if (!Sums.Fit(_totals[k], other._totals[k]))
            {
                return MergeFit.AmountOverflows;
            }
        }

        for (var j = 0; j < other.Count; j++)
        {
            var i = Probe(other._ids[j], other._keys[j], out _); // the other table's packed id: its string is not read
            if (i < 0)
            {
                continue;
            }

            var fit = _history[i].MergeFits(other._history[j]);
            if (fit == MergeFit.Fits && other._periodIndex[j] != 0)
            {
                fit = Period(i).MergeFits(other.Period(j));
            }

            if (fit != MergeFit.Fits)
            {
                return fit;
            }
        }

        return MergeFit.Fits;
    }

    /// <summary>The largest magnitude of any amount and of any count in the table.</summary>
    private (decimal Amount, int Count) Largest()
    {
        var amount = 0m;
        foreach (var total in _totals)
        {
            amount = Math.Max(amount, Math.Abs(total));
        }

        var count = 0;
        foreach (ref readonly var history in _history.AsSpan(0, Count))
        {
            amount = Math.Max(amount, history.LargestAmount);
            count = Math.Max(count, history.LargestCount);
        }

        foreach (ref readonly var period in _periods.AsSpan(0, _periodCount))
        {
            amount = Math.Max(amount, period.LargestAmount);
            count = Math.Max(count, period.LargestCount);
        }

        return (amount, count);
    }

    /// <summary>Merges another table; call <see cref="MergeFits"/> first (a sum that overflows would stop it half-way).</summary>
    public void Merge(CustomerTable<THistory, TPeriod> other)
    {
        // The other table is only read (it may be a caller's accumulator): its largest values are measured again.
        var (otherAmount, otherCount) = other.Largest();
        var bound = _bound.Plus(otherAmount, otherCount);
        _bound.Forget(); // until the merge completes
        for (var k = 0; k < _totals.Length; k++)
        {
            _totals[k] += other._totals[k];
        }

        for (var j = 0; j < other.Count; j++)
        {
            // As when purchases are applied: fetch the lookups a few customers ahead.
            if (j + SlotAhead < other.Count)
            {
                PrefetchSlot(other._ids[j + SlotAhead]);
            }

            if (j + StateAhead < other.Count)
            {
                PrefetchState(other._ids[j + StateAhead]);
            }

            var i = IndexOf(other._ids[j], other._keys[j]);
            _history[i].Merge(other._history[j]);
            if (other._periodIndex[j] != 0)
            {
                PeriodForUpdate(i).Merge(other.Period(j));
            }
        }

        _bound = bound;
    }
}
