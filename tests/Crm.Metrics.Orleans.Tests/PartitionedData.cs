using Crm.Benchmarks;
using Crm.Domain.Activity;
using Crm.Domain.LoyaltyProgrammes;
using Crm.Metrics;

namespace Crm.Metrics.Orleans.Tests;

/// <summary>
/// An arrival-shaped log (time-ordered, customers interleaved) dealt out to partitions row by row, so every customer's
/// purchases are spread over several partitions, with a cost entry and survey answers in each partition.
/// </summary>
public sealed class PartitionedData
{
    private PartitionedData(Dictionary<string, CrmDataSet> partitions, string[] keys, int purchases)
    {
        Partitions = partitions;
        Keys = keys;
        PurchaseCount = purchases;
    }

    public IReadOnlyDictionary<string, CrmDataSet> Partitions { get; }

    /// <summary>The keys of the regular partitions, in order.</summary>
    public string[] Keys { get; }

    public int PurchaseCount { get; }

    /// <summary>The regular partitions' data sets in key order, for the one-process computation.</summary>
    public IReadOnlyList<CrmDataSet> DataSets => [.. Keys.Select(k => Partitions[k])];

    public static PartitionedData Create(int customers, int partitions)
    {
        var log = ArrivalLog.Generate(customers);
        var purchases = new List<Purchase>[partitions];
        var surveys = new List<SurveyResponse>[partitions];
        var members = new List<Membership>[partitions];
        var points = new List<PointsEntry>[partitions];
        var joined = new HashSet<CustomerId>();
        for (var p = 0; p < partitions; p++)
        {
            purchases[p] = new List<Purchase>(log.Length / partitions + 1);
            surveys[p] = [];
            members[p] = [];
            points[p] = [];
        }

        for (var i = 0; i < log.Length; i++)
        {
            var p = i % partitions;
            purchases[p].Add(log[i]);
            if (i % 97 == 0)
            {
                surveys[p].Add(new SurveyResponse(log[i].CustomerId, log[i].OccurredAt, SurveyKind.Nps, i % 11));
            }

            // One customer in five joins the loyalty programme at the first purchase and earns a point per euro; the
            // membership lands in the partition of that purchase, the points in the partitions of their purchases.
            var customer = log[i].CustomerId;
            if (customer.Value.Sum(c => c) % 5 == 0)
            {
                if (joined.Add(customer))
                {
                    members[p].Add(new Membership(customer, log[i].OccurredAt - Duration.FromMinutes(1)));
                }

                points[p].Add(PointsEntry.Earn(customer, log[i].OccurredAt, 1 + (long)log[i].Amount.Amount));
            }
        }

        var keys = new string[partitions];
        var sets = new Dictionary<string, CrmDataSet>(StringComparer.Ordinal);
        for (var p = 0; p < partitions; p++)
        {
            keys[p] = $"p{p:00}";
            sets[keys[p]] = new CrmDataSet
            {
                Purchases = purchases[p].ToArray(),
                SurveyResponses = surveys[p],
                Memberships = members[p],
                PointsEntries = points[p],
                Costs = [new CostEntry(p % 2 == 0 ? CostKind.Acquisition : CostKind.Retention, new Money(1000m + p, Currency.Eur), new DateInterval(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31)))],
            };
        }

        // A partition in another currency: its state must be refused on merge.
        sets["yen"] = new CrmDataSet { Purchases = [Purchase.Sale(new CustomerId("y1"), Instant.FromUtc(2026, 3, 2, 10, 0), new Money(500m, Currency.Jpy))] };
        return new PartitionedData(sets, keys, log.Length);
    }
}
