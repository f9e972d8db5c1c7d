using Crm.Domain.Activity;
using Crm.Domain.Customers;

namespace Crm.Metrics.Engine;

/// <content>The records other than purchases: each goes to the analyses that read it, after the purchases read before it.</content>
internal sealed partial class AnalysisSet
{
    public void Add(Customer customer)
    {
        _read++;
        ApplyWaiting();
        if (_churn is not null)
        {
            CloseLane();
        }

        _cards?.Add(customer);
        _churn?.AddCustomer(customer.Id);
    }

    public void Add(SurveyResponse response)
    {
        _read++;
        ApplyWaiting();
        if (_churn is not null)
        {
            CloseLane();
        }

        _cards?.Add(response);
        _churn?.Add(response);
    }

    public void Add(CostEntry entry)
    {
        _read++;
        ApplyWaiting();
        _cards?.Add(entry);
    }

    public void Add(Complaint complaint)
    {
        _read++;
        ApplyWaiting();
        if (_churn is not null)
        {
            CloseLane();
        }

        _cards?.Add(complaint);
        _churn?.Add(complaint);
    }

    public void Add(Domain.Activity.Feedback feedback)
    {
        _read++;
        ApplyWaiting();
        _cards?.Add(feedback);
    }

    public void Add(Lead lead)
    {
        _read++;
        ApplyWaiting();
        _cards?.Add(lead);
    }

    public void MarkSupplied(DataSources sources) => _cards?.MarkSupplied(sources);
}
