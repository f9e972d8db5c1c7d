using Crm.Domain.Activity;
using Crm.Domain.Customers;

namespace Crm.Metrics;

/// <summary>The activity of a CRM data set as asynchronous streams (a database cursor, a file reader).</summary>
/// <remarks>
/// <para>Each stream is enumerated once per scorecard.</para>
/// <para>A stream left <c>null</c> (the default) is <em>not supplied</em>: the metrics that need that kind of
/// record are undefined. An empty stream is supplied and means none happened. See <see cref="DataSources"/>.</para>
/// <para>Streams and in-memory sequences mix: wrap a sequence with <see cref="Sequence{T}"/>
/// (<c>new CrmAsyncDataSet { Purchases = orders.AsAsyncEnumerable(), Costs = CrmAsyncDataSet.Sequence(costs) }</c>), or
/// start from a <see cref="CrmDataSet"/> with <see cref="From"/> and replace the kinds that stream
/// (<c>CrmAsyncDataSet.From(data) with { Purchases = orders.AsAsyncEnumerable() }</c>). A wrapped sequence is read as
/// the synchronous entry points read it — arrays and lists as spans, large purchase arrays on several threads —
/// without an await per record.</para>
/// </remarks>
public sealed record CrmAsyncDataSet
{
    /// <summary>An async data set over the sequences of <paramref name="data"/>, each read as it is; a null one stays not supplied.</summary>
    /// <param name="data">The data set.</param>
    /// <returns>The async data set, to use as it is or with some sequences replaced by streams.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public static CrmAsyncDataSet From(CrmDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new CrmAsyncDataSet
        {
            Purchases = Wrap(data.Purchases),
            SurveyResponses = Wrap(data.SurveyResponses),
            Costs = Wrap(data.Costs),
            Customers = Wrap(data.Customers),
            Complaints = Wrap(data.Complaints),
            Feedback = Wrap(data.Feedback),
            Leads = Wrap(data.Leads),
            Memberships = Wrap(data.Memberships),
            PointsEntries = Wrap(data.PointsEntries),
        };

        static IAsyncEnumerable<T>? Wrap<T>(IEnumerable<T>? records) => records is null ? null : new Internal.SyncSequence<T>(records);
    }

    /// <summary>An in-memory sequence as one member of an async data set, read as the synchronous entry points read it.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="records">The records.</param>
    /// <returns>The sequence as an <see cref="IAsyncEnumerable{T}"/> that never awaits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    public static IAsyncEnumerable<T> Sequence<T>(IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new Internal.SyncSequence<T>(records);
    }

    /// <summary>
    /// Purchases streamed as values, for <see cref="Purchases"/>: the analyses of this package read each record as it
    /// is, with no <see cref="Purchase"/> object made for it, and every other reader of the stream gets a purchase per
    /// record as it enumerates (see <see cref="CrmDataSet.PurchasesOf"/>, for in-memory records).
    /// </summary>
    /// <remarks>A default record (<c>default(PurchaseRecord)</c>) describes no purchase: reading it throws <see cref="ArgumentException"/>, as a null purchase does.</remarks>
    /// <param name="records">The sales and refunds, as a database cursor or a file reader streams them.</param>
    /// <returns>The purchases, for <see cref="Purchases"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    public static IAsyncEnumerable<Purchase> PurchasesOf(IAsyncEnumerable<PurchaseRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new Storage.AsyncPurchaseRecordSequence(records);
    }

    /// <summary>Sales and refunds; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Purchase>? Purchases { get; init; }

    /// <summary>Survey answers; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<SurveyResponse>? SurveyResponses { get; init; }

    /// <summary>CRM cost entries; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<CostEntry>? Costs { get; init; }

    /// <summary>Customers, whose acquisition instants (when recorded) define when they were acquired; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Customer>? Customers { get; init; }

    /// <summary>Complaint cases; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Complaint>? Complaints { get; init; }

    /// <summary>Suggestions and praise; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Domain.Activity.Feedback>? Feedback { get; init; }

    /// <summary>Leads, read against <see cref="ScorecardSettings.Funnel"/>; <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Lead>? Leads { get; init; }

    /// <summary>Loyalty programme memberships, read by the loyalty programme family (the scorecard does not read them); <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Domain.LoyaltyProgrammes.Membership>? Memberships { get; init; }

    /// <summary>Points ledger entries, read by the loyalty programme family (the scorecard does not read them); <c>null</c> when not supplied.</summary>
    public IAsyncEnumerable<Domain.LoyaltyProgrammes.PointsEntry>? PointsEntries { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
