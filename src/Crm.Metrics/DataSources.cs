namespace Crm.Metrics;

/// <summary>
/// The kinds of record a data set can hold. A kind that is <em>supplied</em> is part of the data, even with no
/// record (no complaint was made); a kind that is not supplied is unknown, and the metrics that need it are
/// undefined rather than zero (with no complaint data, the complaint rate is not 0 but unknown).
/// </summary>
/// <remarks>
/// A <see cref="CrmDataSet"/> supplies the kinds whose sequence is not <c>null</c>; a
/// <see cref="ScorecardAccumulator"/> supplies the kinds it was given a record of, plus those declared with
/// <see cref="ScorecardAccumulator.MarkSupplied"/>. Which metrics need which kind is listed in docs/metrics.md.
/// </remarks>
[Flags]
public enum DataSources
{
    /// <summary>No kind of record.</summary>
    None = 0,

    /// <summary>Sales and refunds (<see cref="CrmDataSet.Purchases"/>).</summary>
    Purchases = 1,

    /// <summary>Survey answers (<see cref="CrmDataSet.SurveyResponses"/>).</summary>
    SurveyResponses = 2,

    /// <summary>CRM cost entries (<see cref="CrmDataSet.Costs"/>): CAC, retention cost per customer, return on CRM spend.</summary>
    Costs = 4,

    /// <summary>Customers and their acquisition instants (<see cref="CrmDataSet.Customers"/>).</summary>
    Customers = 8,

    /// <summary>Complaint cases (<see cref="CrmDataSet.Complaints"/>): complaint rate, complaints per 1,000 orders, the experience index's complaint component.</summary>
    Complaints = 16,

    /// <summary>Suggestions and praise (<see cref="CrmDataSet.Feedback"/>).</summary>
    Feedback = 32,

    /// <summary>Leads (<see cref="CrmDataSet.Leads"/>).</summary>
    Leads = 64,

    /// <summary>Every kind.</summary>
    All = Purchases | SurveyResponses | Costs | Customers | Complaints | Feedback | Leads,
}
