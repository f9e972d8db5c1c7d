using Crm.Domain.Activity;
using Crm.Metrics.Segments;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Segments;

/// <summary>
/// An RFM analysis keeps its customers packed: the R × F counts, the segments, the value tiers and the clusters are
/// taken without making a customer, and each customer read is made once, the same instance on every thread.
/// </summary>
public class RfmCustomersProperties
{
    private static readonly LocalDate Today = new(2026, 3, 31);

    [Property(Arbitrary = [typeof(RfmClusteringTests)], MaxTest = 200)]
    public void The_grid_segments_tiers_and_clusters_are_those_of_the_customers_and_make_none(Purchase[] sales)
    {
        var rfm = RfmAnalysis.Compute(sales, new RfmOptions(Today));
        var packed = Assert.IsType<RfmCustomers>(rfm.Customers);

        var cells = Enumerable.Range(1, 5).SelectMany(r => Enumerable.Range(1, 5).Select(f => (r, f, Count: rfm.CountAt(r, f)))).ToList();
        var tiers = ValueTierAnalysis.FromRfm(rfm);
        var clusters = RfmClustering.Compute(rfm, new ClusterOptions(2) { Seed = 3 });
        Assert.Equal(0, packed.Made);

        // Against the customers, made now.
        var customers = rfm.Customers.ToList();
        Assert.Equal(rfm.Customers.Count, packed.Made);
        Assert.Equal(customers.Count, cells.Sum(c => c.Count));
        Assert.All(cells, c => Assert.Equal(customers.Count(x => x.RecencyScore == c.r && x.FrequencyScore == c.f), c.Count));
        Assert.All(rfm.Segments, s =>
        {
            var members = customers.Where(c => c.Segment == s.Name).ToList();
            Assert.Equal((members.Count, members.Sum(c => c.Revenue.Amount)), (s.Customers, s.Revenue.Amount));
        });
        Assert.Equal(
            ValueTierAnalysis.Compute(customers.Select(c => KeyValuePair.Create(c.CustomerId, c.Revenue.Amount))).Customers,
            tiers.Customers);
        Assert.All(clusters.Clusters.Where(c => c.Customers > 0), cluster =>
        {
            // Each cluster described by its members' own R, F and M (summed in customer order, as the clustering does).
            var members = customers.Where((_, i) => clusters.Assignments[i] == cluster.Index).ToList();
            double Mean(Func<CustomerRfm, double> of) => members.Aggregate(0.0, (sum, c) => sum + of(c)) / members.Count;
            Assert.Equal((Mean(c => c.Recency.Days), Mean(c => c.Frequency), Mean(c => (double)c.Monetary.Amount)), (cluster.Recency!.Value, cluster.Frequency!.Value, cluster.Monetary!.Value));
        });
    }

    [Fact]
    public void A_cell_outside_the_five_scores_is_refused()
    {
        var rfm = RfmAnalysis.Compute([Sale("a", 3, 10m), Sale("b", 30, 20m)], new RfmOptions(Today));

        Assert.Equal("recencyScore", Assert.Throws<ArgumentOutOfRangeException>(() => rfm.CountAt(0, 1)).ParamName);
        Assert.Equal("recencyScore", Assert.Throws<ArgumentOutOfRangeException>(() => rfm.CountAt(6, 1)).ParamName);
        Assert.Equal("frequencyScore", Assert.Throws<ArgumentOutOfRangeException>(() => rfm.CountAt(1, 0)).ParamName);
        Assert.Equal("frequencyScore", Assert.Throws<ArgumentOutOfRangeException>(() => rfm.CountAt(1, 6)).ParamName);
    }

    [Fact]
    public void A_place_read_on_several_threads_is_one_instance_with_the_customers_own_figures()
    {
        // 3,000 customers: customer i bought on 1 + i % 7 days, the last i % 90 days ago, 10 + i % 13 euros a day.
        var sales = Enumerable.Range(0, 3_000)
            .SelectMany(i => Enumerable.Range(0, 1 + (i % 7)).Select(k => Sale($"c{i:D4}", (i % 90) + (3 * k), 10m + (i % 13))))
            .ToArray();
        var rfm = RfmAnalysis.Compute(sales, new RfmOptions(Today));
        var packed = Assert.IsType<RfmCustomers>(rfm.Customers);

        var read = new CustomerRfm[8][];
        Parallel.For(0, read.Length, t =>
        {
            read[t] = new CustomerRfm[rfm.Customers.Count];
            for (var i = 0; i < read[t].Length; i++)
            {
                var place = (i + (t * 389)) % read[t].Length;
                read[t][place] = rfm.Customers[place];
            }
        });

        foreach (var r in read)
        {
            Assert.All(r, (c, place) => Assert.Same(rfm.Customers[place], c));
        }

        Assert.Equal(rfm.Customers.Count, packed.Made);
        Assert.Equal(rfm.Customers.Count, rfm.Customers.Select(c => c.CustomerId).Distinct().Count()); // each place its own customer
        Assert.All(rfm.Customers, c =>
        {
            var i = int.Parse(c.CustomerId.Value[1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((i % 90, 1 + (i % 7), 10m + (i % 13), (10m + (i % 13)) * (1 + (i % 7))), (c.Recency.Days, c.Frequency, c.Monetary.Amount, c.Revenue.Amount));
            Assert.Equal(rfm.Options.SegmentMap.SegmentOf(c.RecencyScore, c.FrequencyScore), c.Segment);
        });
    }

    private static Purchase Sale(string id, int daysAgo, decimal amount) =>
        Purchase.Sale(new CustomerId(id), Today.PlusDays(-daysAgo).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() + Duration.FromHours(12), new Money(amount, Currency.Eur));
}
