using Crm.Domain.Activity;
using Crm.Domain.Customers;

namespace Crm.Metrics;

/// <summary>The activity of a CRM data set as asynchronous streams (a database cursor, a file reader).</summary>
/// <remarks>
/// <para>Each stream is enumerated once per scorecard.</para>
/// <para>A stream left <c>null</c> (the default) is <em>not supplied</em>: the metrics that need that kind of
/// record are undefined. An empty stream is supplied and means none happened. See <see cref="DataSources"/>.</para>
/// </remarks>
public sealed record CrmAsyncDataSet
{
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

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
