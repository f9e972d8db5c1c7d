using System.Runtime.InteropServices;
using Crm.Domain.LoyaltyProgrammes;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>
/// What the loyalty programme family keeps: each customer's dense number (assigned once, at first sight) and
/// membership, and the points entries and purchase days as flat rows in arrival order — one dictionary lookup and one
/// sequential append per record. The rows are grouped by customer only when the figures or a state need them.
/// </summary>
internal sealed class ProgrammeStore
{
    /// <summary>The joining instant of a customer without a membership.</summary>
    public const long NoMembership = long.MinValue;

    private readonly Dictionary<CustomerId, int> _index = new();

    /// <summary>Each customer's id, by number.</summary>
    public List<CustomerId> Ids { get; } = [];

    /// <summary>When each customer joined (Unix ticks), or <see cref="NoMembership"/>.</summary>
    public List<long> Joined { get; } = [];

    /// <summary>When each customer left (Unix ticks), or <see cref="long.MaxValue"/> while a member.</summary>
    public List<long> Left { get; } = [];

    /// <summary>The points entries before the period's end, in arrival order (the first <see cref="EntryCount"/>).</summary>
    public EntryRow[] Entries { get; private set; } = new EntryRow[256];

    public int EntryCount { get; private set; }

    /// <summary>Purchases by customer and day within the horizon, in arrival order (the first <see cref="DayCount"/>).</summary>
    public DayRow[] Days { get; private set; } = new DayRow[256];

    public int DayCount { get; private set; }

    public int Customers => Ids.Count;

    /// <summary>The customer's number, assigned at first sight.</summary>
    public int IndexOf(CustomerId id)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, id, out var exists);
        if (!exists)
        {
            slot = Ids.Count;
            Ids.Add(id);
            Joined.Add(NoMembership);
            Left.Add(long.MaxValue);
        }

        return slot;
    }

    public bool TryIndexOf(CustomerId id, out int index) => _index.TryGetValue(id, out index);

    /// <summary>Makes room for <paramref name="more"/> entries at once (a data set whose size is known): one array, not a doubling chain.</summary>
    public void ReserveEntries(int more)
    {
        var needed = (long)EntryCount + more;
        if (needed > Entries.Length && needed <= Array.MaxLength)
        {
            var grown = new EntryRow[needed];
            Array.Copy(Entries, grown, EntryCount);
            Entries = grown;
        }
    }

    public void AddEntry(in EntryRow row)
    {
        if (EntryCount == Entries.Length)
        {
            Entries = Grown(Entries);
        }

        Entries[EntryCount++] = row;
    }

    /// <summary>Adds a purchase day; the same customer's next purchase on the same day joins its row.</summary>
    public void AddDay(int customer, int day, decimal spend, int orders)
    {
        if (DayCount > 0 && Days[DayCount - 1] is var last && last.Customer == customer && last.Day == day)
        {
            Days[DayCount - 1] = new DayRow(customer, day, last.Spend + spend, last.Orders + orders);
            return;
        }

        if (DayCount == Days.Length)
        {
            Days = Grown(Days);
        }

        Days[DayCount++] = new DayRow(customer, day, spend, orders);
    }

    /// <summary>Appends a purchase day as it is (merges append: rows of one day add up when the figures are computed).</summary>
    public void AppendDay(in DayRow row)
    {
        if (DayCount == Days.Length)
        {
            Days = Grown(Days);
        }

        Days[DayCount++] = row;
    }

    /// <summary>
    /// The rows' indexes grouped by customer, in arrival order within a customer (a counting sort: two sequential
    /// passes): customer <c>c</c>'s rows are <c>order[start[c]..start[c + 1]]</c>.
    /// </summary>
    public (int[] Start, int[] Order) Group<T>(T[] rows, int count, Func<T, int> customerOf)
    {
        var start = new int[Customers + 1];
        for (var i = 0; i < count; i++)
        {
            start[customerOf(rows[i]) + 1]++;
        }

        for (var c = 0; c < Customers; c++)
        {
            start[c + 1] += start[c];
        }

        var next = (int[])start.Clone();
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[next[customerOf(rows[i])]++] = i;
        }

        return (start, order);
    }

    private static T[] Grown<T>(T[] rows)
    {
        var grown = new T[rows.Length * 2];
        Array.Copy(rows, grown, rows.Length);
        return grown;
    }

    /// <summary>A points entry as kept (no reason: no figure reads it).</summary>
    public readonly record struct EntryRow(int Customer, PointsEntryKind Kind, PointsSource? Source, long Ticks, long Points)
    {
        /// <summary>The effect on the balance.</summary>
        public long Signed => Kind is PointsEntryKind.Earn or PointsEntryKind.Adjust ? Points : -Points;
    }

    /// <summary>A customer's purchases on one day: the day from the period's first (0), net spend, sales.</summary>
    public readonly record struct DayRow(int Customer, int Day, decimal Spend, int Orders);
}
