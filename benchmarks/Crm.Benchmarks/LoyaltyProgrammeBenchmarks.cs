using BenchmarkDotNet.Attributes;
using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Domain.LoyaltyProgrammes;
using Crm.Metrics;
using Crm.Metrics.LoyaltyProgrammes;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// The loyalty programme family over a points ledger against the scorecard over purchases, per record, in the same
/// run, both on one thread. The purchases are the time-ordered log of 250,000 customers (about 1,031,000 purchases,
/// customers interleaved; see <see cref="ArrivalLog"/>); the ledger holds 1,000,000 entries of 100,000 members — ten
/// each, earnings with a redemption after every third, spread over January 2025 to March 2026, sorted by time and made
/// anew in that order, so members interleave as in a ledger table — and their memberships. Each computes March 2026 in Berlin, from an empty
/// accumulator to the result. The goal: the ledger within 3× the purchases' cost per record.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class LoyaltyProgrammeBenchmarks
{
    private static readonly ReportingPeriod March = ReportingPeriod.Month(2026, 3, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly CrmMetricsOptions OneThread = new() { Execution = new ExecutionOptions { MaxDegreeOfParallelism = 1 } };

    private static readonly LoyaltyProgramme Programme = new(
        [
            LoyaltyTier.ByPoints("Member", 0, 365, 0),
            LoyaltyTier.BySpend("Silver", new Money(300m, Currency.Eur), 365, 60),
            LoyaltyTier.ByPoints("Gold", 600, 365, 60),
        ],
        new Money(0.01m, Currency.Eur),
        expiryMonths: 12);

    private Purchase[] _purchases = null!;
    private Membership[] _members = null!;
    private PointsEntry[] _entries = null!;

    [GlobalSetup]
    public void Setup()
    {
        _purchases = ArrivalLog.Generate(customers: 250_000);
        (_members, _entries) = Ledger(count: 100_000, perMember: 10);
        Console.WriteLine($"// {_purchases.Length:N0} purchases; {_entries.Length:N0} ledger entries of {_members.Length:N0} members");
    }

    /// <summary>A ledger of <paramref name="count"/> members, <paramref name="perMember"/> entries each, sorted by time.</summary>
    public static (Membership[] Members, PointsEntry[] Entries) Ledger(int count, int perMember)
    {
        var random = new Random(20261205);
        var start = Instant.FromUtc(2025, 1, 1, 0, 0);
        var members = new Membership[count];
        var entries = new List<PointsEntry>(count * perMember);
        for (var m = 0; m < members.Length; m++)
        {
            var id = new CustomerId("m" + m.ToString("D7", System.Globalization.CultureInfo.InvariantCulture));
            var at = start + Duration.FromMinutes(random.Next(0, 60 * 24 * 60));
            members[m] = new Membership(id, at);
            for (var k = 0; k < perMember; k++)
            {
                at += Duration.FromMinutes(random.Next(60, 60 * 24 * 40));
                entries.Add(k % 4 == 3 ? PointsEntry.Redeem(id, at, 50) : PointsEntry.Earn(id, at, 100));
            }
        }

        // Made anew in time order, each with its own id string, as a reader of a ledger table creates them (see
        // ArrivalLog.AsRead: objects created in another order would make every read a cache miss).
        entries.Sort(static (a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        var read = entries.Select(e => new PointsEntry(new CustomerId(new string(e.CustomerId.Value)), e.OccurredAt, e.Kind, e.Points, e.Source)).ToArray();
        return (members, read);
    }

    /// <summary>The scorecard of March over the purchases, on one thread (the baseline).</summary>
    /// <returns>The scorecard.</returns>
    [Benchmark(Baseline = true)]
    public Scorecard ScorecardOverPurchases()
    {
        using var accumulator = new ScorecardAccumulator(March, new ScorecardSettings { Currency = Currency.Eur }, OneThread);
        accumulator.AddRange(new CrmDataSet { Purchases = _purchases });
        return accumulator.Result(Instant.FromUtc(2026, 4, 1, 0, 0));
    }

    /// <summary>The loyalty programme of March over the ledger and its memberships.</summary>
    /// <returns>The figures.</returns>
    [Benchmark]
    public LoyaltyProgrammeMetrics LoyaltyOverLedger()
    {
        var accumulator = new LoyaltyProgrammeAccumulator(Programme, March);
        accumulator.AddRange(new CrmDataSet { Memberships = _members, PointsEntries = _entries });
        return accumulator.Result(Instant.FromUtc(2026, 4, 1, 0, 0));
    }
}
