using Crm.Domain.Activity;
using Crm.Domain.Customers;

namespace Crm.Metrics.Internal;

/// <summary>Something that takes every kind of record a data set holds: a scorecard accumulator, or a router of records to groups.</summary>
internal interface IRecordSink
{
    void Add(Customer customer);

    void Add(Purchase purchase);

    void Add(SurveyResponse response);

    void Add(CostEntry entry);

    void Add(Complaint complaint);

    void Add(Feedback feedback);

    void Add(Lead lead);

    /// <summary>Declares kinds of record as part of the data, even if none is added.</summary>
    void MarkSupplied(DataSources sources);
}

/// <summary>The records [start, start + length) of an indexed source (an array, a list) as a span.</summary>
internal delegate ReadOnlySpan<T> SpanSlice<T>(int start, int length);

/// <summary>
/// Purchases for one thread of a concurrent read: <paramref name="Slice"/>'s [<paramref name="Start"/>,
/// <paramref name="Start"/> + <paramref name="Length"/>) when a slice is given, else <paramref name="Records"/>.
/// </summary>
internal readonly record struct PurchaseSource(IEnumerable<Purchase>? Records, SpanSlice<Purchase>? Slice = null, int Start = 0, int Length = 0);
