using Crm.Domain.Activity;
using Crm.Domain.Customers;

namespace Crm.Metrics;

/// <summary>The activity of a CRM data set, as in-memory or streamed sequences.</summary>
/// <remarks>
/// <para>Each sequence is enumerated once per scorecard.</para>
/// <para>A sequence left <c>null</c> (the default) is <em>not supplied</em>: that kind of record is unknown, and
/// the metrics that need it are undefined (no cost data: CAC undefined, not 0). An empty sequence is supplied
/// and means none happened (no complaint: complaint rate 0). See <see cref="DataSources"/>.</para>
/// </remarks>
public sealed record CrmDataSet
{
    /// <summary>Sales and refunds; <c>null</c> when not supplied.</summary>
    public IEnumerable<Purchase>? Purchases { get; init; }

    /// <summary>Survey answers; <c>null</c> when not supplied.</summary>
    public IEnumerable<SurveyResponse>? SurveyResponses { get; init; }

    /// <summary>CRM cost entries; <c>null</c> when not supplied.</summary>
    public IEnumerable<CostEntry>? Costs { get; init; }

    /// <summary>Customers, whose acquisition instants (when recorded) define when they were acquired; <c>null</c> when not supplied.</summary>
    public IEnumerable<Customer>? Customers { get; init; }

    /// <summary>Complaint cases; <c>null</c> when not supplied.</summary>
    public IEnumerable<Complaint>? Complaints { get; init; }

    /// <summary>Suggestions and praise; <c>null</c> when not supplied.</summary>
    public IEnumerable<Domain.Activity.Feedback>? Feedback { get; init; }

    /// <summary>Leads, read against <see cref="ScorecardSettings.Funnel"/>; <c>null</c> when not supplied.</summary>
    public IEnumerable<Lead>? Leads { get; init; }

    /// <summary>Loyalty programme memberships, read by the loyalty programme family (the scorecard does not read them); <c>null</c> when not supplied.</summary>
    public IEnumerable<Domain.LoyaltyProgrammes.Membership>? Memberships { get; init; }

    /// <summary>Points ledger entries, read by the loyalty programme family (the scorecard does not read them); <c>null</c> when not supplied.</summary>
    public IEnumerable<Domain.LoyaltyProgrammes.PointsEntry>? PointsEntries { get; init; }

    /// <summary>
    /// Purchases given as values, for <see cref="Purchases"/>: the analyses of this package read each record as it is,
    /// with no <see cref="Purchase"/> object made for it, and every other reader of the sequence gets a purchase per
    /// record as it enumerates. For callers that read millions of purchases from a file or a database.
    /// </summary>
    /// <remarks>
    /// <para>The records are enumerated as the analyses read the purchases (once per analysis, as any sequence), never
    /// copied. An array or a list of records is read on several threads where an array of purchases is.</para>
    /// <para>A default record (<c>default(PurchaseRecord)</c>) describes no purchase: reading it throws
    /// <see cref="ArgumentException"/>, as a null purchase does.</para>
    /// </remarks>
    /// <param name="records">The sales and refunds.</param>
    /// <returns>The purchases, for <see cref="Purchases"/> (or <see cref="CrmAsyncDataSet.From"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    /// <example><code>var data = new CrmDataSet { Purchases = CrmDataSet.PurchasesOf(records) };</code></example>
    public static IEnumerable<Purchase> PurchasesOf(IEnumerable<PurchaseRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new Storage.PurchaseRecordSequence(records);
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
