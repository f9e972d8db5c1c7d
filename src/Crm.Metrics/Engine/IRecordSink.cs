using Crm.Domain.Activity;
using Crm.Domain.Customers;

namespace Crm.Metrics.Engine;

/// <summary>Something that takes every kind of record a data set holds: a scorecard accumulator, or a router of records to groups.</summary>
internal interface IRecordSink
{
    void Add(Customer customer);

    void Add(Purchase purchase);

    /// <summary>Adds a purchase given as a value (checked by the caller: not the default value).</summary>
    void Add(in PurchaseRecord purchase);

    void Add(SurveyResponse response);

    void Add(CostEntry entry);

    void Add(Complaint complaint);

    void Add(Domain.Activity.Feedback feedback);

    void Add(Lead lead);

    /// <summary>Declares kinds of record as part of the data, even if none is added.</summary>
    void MarkSupplied(DataSources sources);
}
