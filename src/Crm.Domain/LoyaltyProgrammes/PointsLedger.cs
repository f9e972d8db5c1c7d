using System.Globalization;
using Crm.Domain.Internal;

namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>
/// A member's points ledger (积分账户): immutable entries in order of their instants, whose balance never goes negative
/// at any instant. Every credit opens a lot; debits (redemptions, expiries, negative adjustments) take from the oldest
/// open lots first; under the programme's expiry policy what is left of a lot expires on its own.
/// </summary>
/// <remarks>
/// <para>Entries may be added in any order: the ledger orders them by instant — at the same instant credits before
/// debits, then in the order added — and refuses an entry that would leave the balance negative at any instant,
/// with an <see cref="InsufficientPointsException"/> naming the member, the entry and the shortfall. A refused entry
/// leaves the ledger unchanged.</para>
/// <para>A lot that expires at an instant is gone for entries at that same instant. Balances and movements are read
/// <em>before</em> an instant (what a period ending there saw), so that adjacent periods never count a change twice.</para>
/// <para>Not thread-safe.</para>
/// </remarks>
public sealed class PointsLedger
{
    /// <summary>The reason every adjustment holds after <see cref="Erase"/>.</summary>
    public const string ErasedReason = "(erased)";

    private readonly List<PointsEntry> _entries = [];

    /// <summary>Creates an empty ledger.</summary>
    /// <param name="member">The member.</param>
    /// <param name="programme">The programme, whose expiry policy the ledger applies.</param>
    /// <exception cref="ArgumentException">The id is the default value.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="programme"/> is null.</exception>
    public PointsLedger(CustomerId member, LoyaltyProgramme programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        Member = Rules.Initialised(member, nameof(member));
        Programme = programme;
    }

    /// <summary>A ledger of many entries at once, ordered and checked once (faster than adding them one by one).</summary>
    /// <param name="member">The member.</param>
    /// <param name="programme">The programme.</param>
    /// <param name="entries">The entries, in any order; all of <paramref name="member"/>.</param>
    /// <returns>The ledger.</returns>
    /// <exception cref="ArgumentException">An entry is of another customer, or the id is the default value.</exception>
    /// <exception cref="ArgumentNullException">An argument or an entry is null.</exception>
    /// <exception cref="InsufficientPointsException">In ledger order the balance goes negative; the message names the first debit that does.</exception>
    public static PointsLedger From(CustomerId member, LoyaltyProgramme programme, IEnumerable<PointsEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var ledger = new PointsLedger(member, programme);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            if (entry.CustomerId != member)
            {
                throw new ArgumentException($"An entry is of customer {entry.CustomerId}, not of this ledger's member {member}.", nameof(entries));
            }

            ledger._entries.Add(entry);
        }

        // A stable sort: entries of equal instant and direction keep the order given.
        var keys = new (long Ticks, int Debit, int Index)[ledger._entries.Count];
        var sorted = ledger._entries.ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = (sorted[i].OccurredAt.ToUnixTimeTicks(), sorted[i].IsCredit ? 0 : 1, i);
        }

        Array.Sort(keys, sorted);
        ledger._entries.Clear();
        ledger._entries.AddRange(sorted);
        if (ledger.FirstShortfall() is { } failure)
        {
            throw new InsufficientPointsException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The points ledger of member {member} goes {failure.Shortfall:N0} points below zero at {failure.Entry.OccurredAt}, with the {Describe(failure.Entry)} there; the entries cannot all be right."),
                member,
                failure.Entry,
                failure.Shortfall,
                failure.Entry.OccurredAt);
        }

        return ledger;
    }

    /// <summary>The member.</summary>
    public CustomerId Member { get; }

    /// <summary>The programme whose expiry policy applies.</summary>
    public LoyaltyProgramme Programme { get; }

    /// <summary>The entries in ledger order.</summary>
    public IReadOnlyList<PointsEntry> Entries => _entries.AsReadOnly();

    /// <summary>Adds an entry in its place in time.</summary>
    /// <param name="entry">The entry, of this ledger's member.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    /// <exception cref="ArgumentException">The entry is of another customer.</exception>
    /// <exception cref="InsufficientPointsException">The entry would leave the balance negative at some instant; the ledger is unchanged.</exception>
    public void Add(PointsEntry entry)
    {
        RequireOwn(entry);
        var index = _entries.Count;
        while (index > 0 && Before(entry, _entries[index - 1]))
        {
            index--;
        }

        _entries.Insert(index, entry);
        if (FirstShortfall() is not { } failure)
        {
            return;
        }

        _entries.RemoveAt(index);
        var message = ReferenceEquals(failure.Entry, entry)
            ? string.Create(CultureInfo.InvariantCulture, $"Member {Member} cannot take the {Describe(entry)} at {entry.OccurredAt}: the balance then is {-failure.Entry.SignedPoints - failure.Shortfall:N0} points, {failure.Shortfall:N0} short.")
            : string.Create(CultureInfo.InvariantCulture, $"The {Describe(entry)} at {entry.OccurredAt} for member {Member} would leave the balance {failure.Shortfall:N0} points short at {failure.Entry.OccurredAt} (the {Describe(failure.Entry)} there); the entry is refused.");
        throw new InsufficientPointsException(message, Member, entry, failure.Shortfall, failure.Entry.OccurredAt);
    }

    /// <summary>The balance just before an instant: every change at an earlier instant applied.</summary>
    /// <param name="at">The instant.</param>
    /// <returns>The points, never negative.</returns>
    public long BalanceBefore(Instant at)
    {
        var balance = 0L;
        Replay(at, m => balance = m.Balance);
        return balance;
    }

    /// <summary>
    /// Every change of the balance before an instant, in order: the entries and the expiries the policy applied.
    /// </summary>
    /// <param name="end">The instant (exclusive).</param>
    /// <returns>The movements.</returns>
    public IReadOnlyList<PointsMovement> MovementsBefore(Instant end)
    {
        var list = new List<PointsMovement>(_entries.Count + 4);
        Replay(end, list.Add);
        return list;
    }

    /// <summary>
    /// Erases personal data with the customer's: every adjustment's free-text reason becomes <see cref="ErasedReason"/>.
    /// Points, instants and kinds stay, so the ledger's totals and balances do not change.
    /// </summary>
    public void Erase()
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Reason is not null)
            {
                _entries[i] = _entries[i].WithReason(ErasedReason);
            }
        }
    }

    /// <summary>The ledger by member and size, without personal data.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PointsLedger {Member} ({_entries.Count} entries)");

    // Ledger order: by instant, credits before debits at the same instant; equal keys keep the order added.
    private static bool Before(PointsEntry a, PointsEntry b) =>
        a.OccurredAt < b.OccurredAt || (a.OccurredAt == b.OccurredAt && a.IsCredit && !b.IsCredit);

    private void RequireOwn(PointsEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.CustomerId != Member)
        {
            throw new ArgumentException($"The entry is of customer {entry.CustomerId}, not of this ledger's member {Member}.", nameof(entry));
        }
    }

    private (PointsEntry Entry, long Shortfall)? FirstShortfall()
    {
        (PointsEntry, long)? failure = null;
        Replay(Instant.MaxValue, null, (entry, shortfall) => failure ??= (entry, shortfall));
        return failure;
    }

    /// <summary>"redeem of 500 points": an entry for a message (never its reason).</summary>
    private static string Describe(PointsEntry entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{entry.Kind.ToString().ToLowerInvariant()} of {Crm.Internal.Words.Count(Math.Abs(entry.Points), "point", "points")}");

    /// <summary>
    /// Runs the ledger up to <paramref name="end"/> (exclusive), reporting each movement; with
    /// <paramref name="onShortfall"/>, stops at the first debit the balance cannot cover instead of failing.
    /// </summary>
    private void Replay(Instant end, Action<PointsMovement>? onMovement, Action<PointsEntry, long>? onShortfall = null)
    {
        var steps = new (long, long, int)[_entries.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = (_entries[i].OccurredAt.ToUnixTimeTicks(), _entries[i].SignedPoints, (int)_entries[i].Kind);
        }

        var sink = new Sink(onMovement);
        var failed = Crm.Internal.PointsReplay.Run(steps, Programme.ExpiryMonths, end.ToUnixTimeTicks(), ref sink, out var shortfall, []);
        if (failed >= 0)
        {
            if (onShortfall is null)
            {
                throw new InvalidOperationException("The ledger holds an entry it should have refused.");
            }

            onShortfall(_entries[failed], shortfall);
        }
    }

    private readonly struct Sink(Action<PointsMovement>? onMovement) : Crm.Internal.IPointsSink
    {
        public void Movement(long ticks, int kind, long points, long balance, bool automatic) =>
            onMovement?.Invoke(new PointsMovement(Instant.FromUnixTimeTicks(ticks), (PointsEntryKind)kind, points, balance, automatic));
    }
}
