using Orleans;

namespace Crm.Metrics.Orleans.Jobs;

/// <summary>
/// What a cluster job computes, as it travels to the silos: the parameters a partition's state depends on, how a silo
/// computes that state from a partition's records, and how the coordinator merges the states. One subclass per
/// mergeable family; everything applied after the merge (a value basis, a segment map) stays with the caller.
/// </summary>
[GenerateSerializer]
[Alias("Crm.Metrics.Orleans.PartitionJob")]
internal abstract class PartitionJob
{
    /// <summary>The family's name, for messages.</summary>
    public abstract string Family { get; }

    /// <summary>
    /// Computes one partition's state from its records: the state object, which Orleans serializes when it leaves the
    /// silo (with its layout version), or the state's own bytes for a family without a binary form.
    /// </summary>
    public abstract Task<object> ComputeStateAsync(IServiceProvider services, CrmAsyncDataSet data, CancellationToken cancellationToken);

    /// <summary>An empty accumulator of the job's family and parameters, to merge the partitions' states into.</summary>
    public abstract IStateMerger CreateMerger(IServiceProvider services);

    /// <summary>A period back from its wire form: ISO first and last days and a TZDB zone id.</summary>
    protected static ReportingPeriod PeriodOf(string from, string to, string zone) =>
        new(new DateInterval(NodaTime.Text.LocalDatePattern.Iso.Parse(from).Value, NodaTime.Text.LocalDatePattern.Iso.Parse(to).Value), ZoneOf(zone));

    /// <summary>The zone of an id, as the caller named it: a TZDB zone.</summary>
    protected static DateTimeZone ZoneOf(string id) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? throw new ArgumentException($"The zone '{id}' is not a TZDB zone on this silo; use zones of DateTimeZoneProviders.Tzdb for cluster jobs.", nameof(id));

    /// <summary>The id of a zone that every silo can look up, or an <see cref="ArgumentException"/> naming the parameter.</summary>
    internal static string ZoneId(DateTimeZone zone, string parameter) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Id) is not null
            ? zone.Id
            : throw new ArgumentException($"The zone '{zone.Id}' is not a TZDB zone; a cluster job names its zone by id, so use DateTimeZoneProviders.Tzdb.", parameter);

    /// <summary>A partition's purchases, which summary and RFM jobs need.</summary>
    protected static IAsyncEnumerable<Domain.Activity.Purchase> PurchasesOf(CrmAsyncDataSet data) =>
        data.Purchases ?? throw new ArgumentException("The partition source supplied no purchases (CrmAsyncDataSet.Purchases is null); this job reads purchases.", nameof(data));
}
