using Crm.Domain.Activity;
using Crm.Domain.Customers;

namespace Crm.Metrics.Engine;

/// <content>The records other than purchases: each goes to the analyses that read it, after the purchases read before it.</content>
internal sealed partial class AnalysisSet
{
    public void Add(Customer customer)
    {
        BeforeRecord(churnReads: true);
        _cards?.Add(customer);
        _churn?.AddCustomer(customer.Id);
    }

    public void Add(SurveyResponse response)
    {
        BeforeRecord(churnReads: true);
        _cards?.Add(response);
        _churn?.Add(response);
    }

    public void Add(CostEntry entry)
    {
        BeforeRecord(churnReads: false);
        _cards?.Add(entry);
    }

    public void Add(Complaint complaint)
    {
        BeforeRecord(churnReads: true);
        _cards?.Add(complaint);
        _churn?.Add(complaint);
    }

    public void Add(Domain.Activity.Feedback feedback)
    {
        BeforeRecord(churnReads: false);
        _cards?.Add(feedback);
    }

    public void Add(Lead lead)
    {
        BeforeRecord(churnReads: false);
        _cards?.Add(lead);
    }

    public void MarkSupplied(DataSources sources) => _cards?.MarkSupplied(sources);

    /// <summary>
    /// Counts a record of another kind than purchases and applies the purchases read before it: those waiting in the
    /// look-ahead, and, when the churn warning reads this kind (on this thread), those waiting in the lane too.
    /// </summary>
    private void BeforeRecord(bool churnReads)
    {
        _read++;
        ApplyWaiting();
        if (churnReads && _churn is not null)
        {
            CloseLane();
        }
    }
}
