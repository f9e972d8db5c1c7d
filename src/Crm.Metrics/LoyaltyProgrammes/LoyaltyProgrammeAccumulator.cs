using System.Globalization;
using Crm.Domain.Activity;
using Crm.Domain.LoyaltyProgrammes;
using Crm.Metrics.Internal;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>
/// Accumulates memberships, points entries and purchases for the <see cref="LoyaltyProgrammeMetrics"/> of a period, in
/// one pass over each, in any order; partial accumulators merge exactly (<see cref="Merge(LoyaltyProgrammeAccumulator)"/>,
/// or <see cref="ToState"/> shipped and <see cref="Merge(LoyaltyProgrammeState)"/>d where partitions meet).
/// </summary>
/// <remarks>
/// <para>Memory: one row per customer with a membership, points or a purchase in the days the figures read, plus
/// the points entries before the period's end (32 bytes each: a member's balance depends on the order of all their
/// entries, which may arrive in any order and in any partition) and one row per customer and day with purchases in
/// the days the figures read (32 bytes each) — from the tiers' look-back before the period, the previous period, and the 725 days
/// before the period's end that the before-and-after comparison reads.</para>
/// <para>Points entries and purchases at or after the period's end are counted in <see cref="AfterPeriod"/> and not
/// kept. A customer has at most one membership.</para>
/// <para>Not thread-safe: use one per thread or partition and merge them.</para>
/// </remarks>
public sealed partial class LoyaltyProgrammeAccumulator
{
    /// <summary>The length of each before-and-after window, in days.</summary>
    public const int EffectWindowDays = 180;

    /// <summary>How far back from the period's end members' joining days are compared (a year of joiners).</summary>
    internal const int CohortSpanDays = 365;

    private readonly ProgrammeStore _store = new();
    private readonly string _programmeText;

    /// <summary>Where each day from <see cref="HorizonStartDay"/> to the period's end begins, in Unix ticks (the last: the end).</summary>
    private readonly long[] _dayStarts;
    private bool _membershipsSupplied;
    private bool _pointsSupplied;
    private bool _purchasesSupplied;
    private int? _firstPurchaseDay;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="programme">The programme: tiers, expiry policy, point value.</param>
    /// <param name="period">The reporting period; days are read in its zone.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The period is too close to an edge of the calendar for the days before it the figures read.</exception>
    public LoyaltyProgrammeAccumulator(LoyaltyProgramme programme, ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(period);
        Programme = programme;
        Period = period;
        _programmeText = TextOf(programme);
        StartDate = period.Dates.Start;
        LengthDays = period.LengthInDays;
        try
        {
            PreviousStartDay = NodaTime.Period.DaysBetween(StartDate, period.Previous().Dates.Start);
            _ = StartDate.PlusDays(-(programme.LookbackDays + EffectWindowDays + CohortSpanDays + EffectWindowDays + 1));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException or InvalidOperationException)
        {
            throw new ArgumentOutOfRangeException(nameof(period), "The period is too close to the calendar's start (year -9998) for the days before it the loyalty programme figures read.");
        }

        HorizonStartDay = Math.Min(Math.Min(-1 - programme.LookbackDays, PreviousStartDay), LengthDays - EffectWindowDays - CohortSpanDays - EffectWindowDays);
        _dayStarts = new long[LengthDays - HorizonStartDay + 1];
        for (var i = 0; i < _dayStarts.Length; i++)
        {
            _dayStarts[i] = ZoneDays.StartOf(period.Zone, StartDate.PlusDays(HorizonStartDay + i)).ToUnixTimeTicks();
        }
    }

    /// <summary>The programme.</summary>
    public LoyaltyProgramme Programme { get; }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>Points entries and purchases at or after the period's end, which do not count.</summary>
    public long AfterPeriod { get; private set; }

    internal LocalDate StartDate { get; }

    internal int LengthDays { get; }

    /// <summary>The previous period's first day, from the period's first (negative).</summary>
    internal int PreviousStartDay { get; }

    /// <summary>The first day whose purchases the figures read, from the period's first (negative).</summary>
    internal int HorizonStartDay { get; }

    /// <summary>Adds a membership.</summary>
    /// <param name="membership">The membership.</param>
    /// <exception cref="ArgumentNullException"><paramref name="membership"/> is null.</exception>
    /// <exception cref="ArgumentException">The customer has a membership already.</exception>
    public void Add(Membership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        var customer = _store.IndexOf(membership.CustomerId);
        if (_store.Joined[customer] != ProgrammeStore.NoMembership)
        {
            throw new ArgumentException($"Customer {membership.CustomerId} has a membership already; a customer has one (give the last joining, with its leaving if any).", nameof(membership));
        }

        _store.Joined[customer] = membership.JoinedAt.ToUnixTimeTicks();
        _store.Left[customer] = membership.LeftAt?.ToUnixTimeTicks() ?? long.MaxValue;
        _membershipsSupplied = true;
    }

    /// <summary>Adds a points entry (before the period's end it counts; after it, it is counted in <see cref="AfterPeriod"/>).</summary>
    /// <param name="entry">The entry.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public void Add(PointsEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _pointsSupplied = true;
        if (entry.OccurredAt >= Period.End)
        {
            AfterPeriod++;
            return;
        }

        _store.AddEntry(new ProgrammeStore.EntryRow(_store.IndexOf(entry.CustomerId), entry.Kind, entry.Source, entry.OccurredAt.ToUnixTimeTicks(), entry.Points));
    }

    /// <summary>Adds a purchase, in the programme's currency.</summary>
    /// <param name="purchase">The purchase.</param>
    /// <exception cref="ArgumentNullException"><paramref name="purchase"/> is null.</exception>
    /// <exception cref="CurrencyMismatchException">The purchase is in another currency than the programme's.</exception>
    /// <exception cref="AmountOverflowException">A customer's spend on one day passes the largest decimal.</exception>
    public void Add(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        Add(purchase.CustomerId, purchase.OccurredAt, purchase.IsSale, purchase.Amount, nameof(purchase));
    }

    /// <summary>Adds a purchase given as a value, as <see cref="Add(Purchase)"/> adds one.</summary>
    /// <param name="purchase">The purchase; not the default value.</param>
    /// <exception cref="ArgumentException"><paramref name="purchase"/> is the default value.</exception>
    /// <exception cref="CurrencyMismatchException">The purchase is in another currency than the programme's.</exception>
    /// <exception cref="AmountOverflowException">A customer's spend on one day passes the largest decimal.</exception>
    public void Add(in PurchaseRecord purchase)
    {
        Storage.PurchaseValues.Checked(in purchase, nameof(purchase));
        Add(purchase.CustomerId, purchase.OccurredAt, purchase.IsSale, purchase.Amount, nameof(purchase));
    }

    /// <summary>A purchase by what the programme reads of it (its currency checked here; a mismatch names <paramref name="parameterName"/>).</summary>
    private void Add(CustomerId customer, Instant occurredAt, bool isSale, Money amount, string parameterName)
    {
        if (amount.Currency != Programme.Currency)
        {
            throw new CurrencyMismatchException(Programme.Currency, amount.Currency, parameterName);
        }

        _purchasesSupplied = true;
        if (occurredAt >= Period.End)
        {
            AfterPeriod++;
            return;
        }

        var day = DayOf(occurredAt);
        if (_firstPurchaseDay is not { } first || day < first)
        {
            _firstPurchaseDay = day;
        }

        if (day < HorizonStartDay)
        {
            return;
        }

        try
        {
            _store.AddDay(_store.IndexOf(customer), day, isSale ? amount.Amount : -amount.Amount, isSale ? 1 : 0);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("a customer's spend on one day", Programme.Currency, e);
        }
    }

    /// <summary>Adds the memberships, points entries and purchases of a data set; its non-null sequences become supplied.</summary>
    /// <param name="data">The data set (other kinds of record are not read).</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the reading (checked every 65,536 records); the records read until then stay added: discard the accumulator.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or one of its records is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void AddRange(CrmDataSet data, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var watch = ProgressWatch.For(progress, cancellationToken);
        if (data.PointsEntries?.TryGetNonEnumeratedCount(out var entries) == true)
        {
            _store.ReserveEntries(entries);
        }

        Feed(data.Memberships, Add, ref _membershipsSupplied, watch);
        Feed(data.PointsEntries, Add, ref _pointsSupplied, watch);
        if (data.Purchases is Storage.PurchaseRecordSequence { Records: var records })
        {
            // Records given as values (CrmDataSet.PurchasesOf): read as they are.
            _purchasesSupplied = true;
            foreach (var record in ProgressWatch.Watched(records, watch))
            {
                Add(in Storage.PurchaseValues.Checked(in record, nameof(data)));
            }
        }
        else
        {
            Feed(data.Purchases, Add, ref _purchasesSupplied, watch);
        }

        watch?.Finish();
    }

    /// <summary>Adds the memberships, points entries and purchases of an asynchronous data set; its non-null streams become supplied.</summary>
    /// <param name="data">The data set (other kinds of record are not read).</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the reading; the records read until then stay added: discard the accumulator.</param>
    /// <returns>A task that completes when every record was added.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or one of its records is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task AddRangeAsync(CrmAsyncDataSet data, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var watch = ProgressWatch.For(progress, cancellationToken);
        if (data.Memberships is { } memberships)
        {
            _membershipsSupplied = true;
            await foreach (var m in ProgressWatch.Watched(memberships, watch, cancellationToken).ConfigureAwait(false))
            {
                Add(m ?? throw new ArgumentNullException(nameof(data), "A membership is null."));
            }
        }

        if (data.PointsEntries is { } entries)
        {
            _pointsSupplied = true;
            await foreach (var e in ProgressWatch.Watched(entries, watch, cancellationToken).ConfigureAwait(false))
            {
                Add(e ?? throw new ArgumentNullException(nameof(data), "A points entry is null."));
            }
        }

        if (data.Purchases is Storage.AsyncPurchaseRecordSequence { Records: var records })
        {
            // Records streamed as values (CrmAsyncDataSet.PurchasesOf): read as they are.
            _purchasesSupplied = true;
            await foreach (var record in ProgressWatch.Watched(records, watch, cancellationToken).ConfigureAwait(false))
            {
                Add(in Storage.PurchaseValues.Checked(in record, nameof(data)));
            }
        }
        else if (data.Purchases is { } purchases)
        {
            _purchasesSupplied = true;
            await foreach (var p in ProgressWatch.Watched(purchases, watch, cancellationToken).ConfigureAwait(false))
            {
                Add(p ?? throw new ArgumentNullException(nameof(data), "A purchase is null."));
            }
        }

        watch?.Finish();
    }

    /// <summary>Adds everything another accumulator of the same programme and period holds (all or nothing).</summary>
    /// <param name="other">The other accumulator; unchanged.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">It is of another programme or period, or both hold a membership of one customer.</exception>
    public void Merge(LoyaltyProgrammeAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("An accumulator cannot be merged into itself.", nameof(other));
        }

        if (!other.Period.Equals(Period) || other._programmeText != _programmeText)
        {
            throw new ArgumentException("The accumulator is of another period or programme; merge partitions of one computation only.", nameof(other));
        }

        MergeStore(other._store, other._membershipsSupplied, other._pointsSupplied, other._purchasesSupplied, other._firstPurchaseDay, other.AfterPeriod, nameof(other));
    }

    /// <summary>The figures of everything added, computed now.</summary>
    /// <param name="computedAt">When (from the caller's clock).</param>
    /// <returns>The figures.</returns>
    /// <exception cref="InsufficientPointsException">A member's ledger goes negative at some instant; the message names the member and the entry.</exception>
    public LoyaltyProgrammeMetrics Result(Instant computedAt) =>
        ProgrammeFigures.Compute(this, _store, _membershipsSupplied, _pointsSupplied, _purchasesSupplied, _firstPurchaseDay, computedAt);

    /// <summary>The day of an instant, from the period's first day, in the period's zone.</summary>
    /// <remarks>
    /// Within the days the figures read, from a table of day starts: the quotient by a day's ticks lands on the day or
    /// next to it (a zone's offset changes move day starts by hours). Before them, from the zone's rules.
    /// </remarks>
    internal int DayOf(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        var starts = _dayStarts;
        if (ticks < starts[0] || ticks >= starts[^1])
        {
            return NodaTime.Period.DaysBetween(StartDate, instant.InZone(Period.Zone).Date);
        }

        var i = (int)Math.Min((ticks - starts[0]) / TimeSpan.TicksPerDay, starts.Length - 2);
        while (starts[i + 1] <= ticks)
        {
            i++;
        }

        while (starts[i] > ticks)
        {
            i--;
        }

        return HorizonStartDay + i;
    }

    /// <summary>The programme's rules as canonical text: two accumulators merge only when it is the same.</summary>
    private static string TextOf(LoyaltyProgramme programme) =>
        string.Join(
            ";",
            programme.Tiers.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name}|{t.Basis}|{t.SpendThreshold?.Amount ?? t.PointsThreshold}|{t.WindowDays}|{t.GraceDays}"))
                .Append(string.Create(CultureInfo.InvariantCulture, $"expiry|{programme.ExpiryMonths?.ToString(CultureInfo.InvariantCulture) ?? "never"}"))
                .Append(string.Create(CultureInfo.InvariantCulture, $"point|{programme.PointValue.Amount}|{programme.Currency.Code}")));

    private static void Feed<T>(IEnumerable<T>? records, Action<T> add, ref bool supplied, ProgressWatch? watch)
        where T : class
    {
        if (records is null)
        {
            return;
        }

        supplied = true;
        foreach (var record in ProgressWatch.Watched(records, watch))
        {
            add(record ?? throw new ArgumentNullException(nameof(records), $"A {typeof(T).Name} record is null."));
        }
    }

    /// <summary>Adds the rows of another accumulator or a checked state: membership conflicts are found before anything changes.</summary>
    private void MergeStore(ProgrammeStore other, bool memberships, bool points, bool purchases, int? firstPurchaseDay, long afterPeriod, string parameter)
    {
        for (var c = 0; c < other.Customers; c++)
        {
            if (other.Joined[c] != ProgrammeStore.NoMembership && _store.TryIndexOf(other.Ids[c], out var mine) && _store.Joined[mine] != ProgrammeStore.NoMembership)
            {
                throw new ArgumentException($"Both partitions hold a membership of customer {other.Ids[c]}; a customer has one. Was a partition merged twice?", parameter);
            }
        }

        var map = new int[other.Customers];
        for (var c = 0; c < map.Length; c++)
        {
            var mine = map[c] = _store.IndexOf(other.Ids[c]);
            if (other.Joined[c] != ProgrammeStore.NoMembership)
            {
                _store.Joined[mine] = other.Joined[c];
                _store.Left[mine] = other.Left[c];
            }
        }

        for (var i = 0; i < other.EntryCount; i++)
        {
            var row = other.Entries[i];
            _store.AddEntry(row with { Customer = map[row.Customer] });
        }

        for (var i = 0; i < other.DayCount; i++)
        {
            var row = other.Days[i];
            _store.AppendDay(row with { Customer = map[row.Customer] });
        }

        _membershipsSupplied |= memberships;
        _pointsSupplied |= points;
        _purchasesSupplied |= purchases;
        if (firstPurchaseDay is { } f && (_firstPurchaseDay is not { } mineFirst || f < mineFirst))
        {
            _firstPurchaseDay = f;
        }

        AfterPeriod += afterPeriod;
    }
}
