using Crm.Metrics;
using Crm.Metrics.Orleans;

namespace Crm.Cluster;

/// <summary>
/// The demo company's records dealt out to partitions. A real source would read its partition from where the data
/// lives — a database query by shard, a month's files, a blob prefix — on the silo that runs it.
/// </summary>
internal sealed class DemoPartitionSource(IReadOnlyDictionary<string, CrmDataSet> partitions) : ICrmPartitionSource
{
    public ValueTask<CrmAsyncDataSet> OpenAsync(string partition, CancellationToken cancellationToken) =>
        partitions.TryGetValue(partition, out var data)
            ? ValueTask.FromResult(CrmAsyncDataSet.From(data))
            : throw new ArgumentException($"There is no partition '{partition}'.", nameof(partition));

    /// <summary>Deals every kind of record out to <paramref name="count"/> partitions in turn, so each customer's records spread over several.</summary>
    public static Dictionary<string, CrmDataSet> Split(CrmDataSet data, int count)
    {
        List<T>?[] Deal<T>(IEnumerable<T>? records)
        {
            var lists = new List<T>?[count];
            if (records is null)
            {
                return lists;
            }

            for (var p = 0; p < count; p++)
            {
                lists[p] = [];
            }

            var i = 0;
            foreach (var record in records)
            {
                lists[i++ % count]!.Add(record);
            }

            return lists;
        }

        var purchases = Deal(data.Purchases);
        var surveys = Deal(data.SurveyResponses);
        var costs = Deal(data.Costs);
        var customers = Deal(data.Customers);
        var complaints = Deal(data.Complaints);
        var feedback = Deal(data.Feedback);
        var leads = Deal(data.Leads);
        var partitions = new Dictionary<string, CrmDataSet>(StringComparer.Ordinal);
        for (var p = 0; p < count; p++)
        {
            partitions[$"part-{p:00}"] = new CrmDataSet
            {
                Purchases = purchases[p],
                SurveyResponses = surveys[p],
                Costs = costs[p],
                Customers = customers[p],
                Complaints = complaints[p],
                Feedback = feedback[p],
                Leads = leads[p],
            };
        }

        return partitions;
    }
}
