using System.Collections;
using Crm.Domain.Customers;

namespace Crm.Metrics.Segments;

/// <summary>
/// The lifecycles of one derivation, kept packed: per customer its id and stage at the analysis date, and its distinct
/// sale days in one array for all. A <see cref="DerivedLifecycle"/> (whose transitions are replayed when first read)
/// is made the first time its place is read, and that same instance is returned after, on every thread; the counts by
/// stage (<see cref="LifecycleDerivation.CountByStage"/>) are taken from the stages and make none.
/// </summary>
internal sealed class DerivedLifecycles : IReadOnlyList<DerivedLifecycle>
{
    private readonly CustomerId[] _ids;
    private readonly LifecycleStage[] _stages;
    private readonly int[] _days;   // every customer's distinct sale days, customer after customer
    private readonly int[] _starts; // where each customer's days start in _days, and the end (one more than customers)
    private readonly (int Today, DateTimeZone Zone, LifecycleBehaviour Behaviour) _replay; // what a customer's transitions are replayed with
    private readonly Internal.MadeOnRead<DerivedLifecycle> _rows; // by place: the instances made so far

    public DerivedLifecycles(CustomerId[] ids, LifecycleStage[] stages, int[] days, int[] starts, (int Today, DateTimeZone Zone, LifecycleBehaviour Behaviour) replay)
    {
        _ids = ids;
        _stages = stages;
        _days = days;
        _starts = starts;
        _replay = replay;
        _rows = new(ids.Length, Make);
    }

    /// <inheritdoc/>
    public int Count => _ids.Length;

    /// <inheritdoc/>
    public DerivedLifecycle this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _rows[index];
        }
    }

    /// <summary>How many places have been made into instances (for tests).</summary>
    internal int Made => _rows.Made;

    /// <summary>The lifecycles at each stage some lifecycle is at.</summary>
    public IReadOnlyDictionary<LifecycleStage, int> CountByStage()
    {
        var counts = new Dictionary<LifecycleStage, int>();
        foreach (var stage in _stages)
        {
            counts[stage] = counts.GetValueOrDefault(stage) + 1;
        }

        return counts;
    }

    /// <inheritdoc/>
    public IEnumerator<DerivedLifecycle> GetEnumerator()
    {
        // Every place at once for a reader of them all.
        var all = _rows.All();
        for (var i = 0; i < all.Length; i++)
        {
            yield return all[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private DerivedLifecycle Make(int place)
    {
        var days = new ArraySegment<int>(_days, _starts[place], _starts[place + 1] - _starts[place]);
        return new DerivedLifecycle(_ids[place], _stages[place], LifecycleDerivation.Transitions(days, _replay.Today, _replay.Zone, _replay.Behaviour));
    }
}
