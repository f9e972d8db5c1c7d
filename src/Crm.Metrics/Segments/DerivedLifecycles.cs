using Crm.Domain.Customers;

namespace Crm.Metrics.Segments;

/// <summary>
/// The lifecycles of one derivation, kept packed: per customer its id and stage at the analysis date, and its distinct
/// sale days in one array for all. A <see cref="DerivedLifecycle"/> (whose transitions are replayed when first read)
/// is made the first time its place is read, and that same instance is returned after, on every thread; the counts by
/// stage (<see cref="LifecycleDerivation.CountByStage"/>) are taken from the stages and make none.
/// </summary>
internal sealed class DerivedLifecycles : Internal.PackedList<DerivedLifecycle>
{
    private readonly CustomerId[] _ids;
    private readonly LifecycleStage[] _stages;
    private readonly int[] _days;   // every customer's distinct sale days, customer after customer
    private readonly int[] _starts; // where each customer's days start in _days, and the end (one more than customers)
    private readonly (int Today, DateTimeZone Zone, LifecycleBehaviour Behaviour) _replay; // what a customer's transitions are replayed with

    public DerivedLifecycles(CustomerId[] ids, LifecycleStage[] stages, int[] days, int[] starts, (int Today, DateTimeZone Zone, LifecycleBehaviour Behaviour) replay)
        : base(ids.Length)
    {
        _ids = ids;
        _stages = stages;
        _days = days;
        _starts = starts;
        _replay = replay;
    }

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
    protected override DerivedLifecycle Make(int place)
    {
        var days = new ArraySegment<int>(_days, _starts[place], _starts[place + 1] - _starts[place]);
        return new DerivedLifecycle(_ids[place], _stages[place], LifecycleDerivation.Transitions(days, _replay.Today, _replay.Zone, _replay.Behaviour));
    }
}
