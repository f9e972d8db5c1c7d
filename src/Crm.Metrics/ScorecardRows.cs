using Crm.Metrics.Results;

namespace Crm.Metrics;

/// <summary>Lists a scorecard's metrics as <see cref="MetricRow"/>s, in the order and with the keys of the report's JSON.</summary>
internal static class ScorecardRows
{
    public static IReadOnlyList<MetricRow> Of(Scorecard card)
    {
        var currency = card.Currency.Code;
        var rows = new List<MetricRow>(24);

        var satisfaction = card.Satisfaction;
        var csat = satisfaction.Csat;
        var topTwoBox = csat.Method == CsatMethod.TopTwoBox;
        rows.Add(new("Satisfaction", "csat", topTwoBox ? "CSAT (top-2-box, %)" : "CSAT (mean score, 1-5)", csat.Value, MetricUnits.Score, null,
            topTwoBox ? csat.Satisfied : null, csat.Answers, csat.UndefinedReason));
        var nps = satisfaction.Nps;
        rows.Add(new("Satisfaction", "nps", "NPS", nps.Value, MetricUnits.Nps, null, nps.Promoters - nps.Detractors, nps.Respondents, nps.UndefinedReason));
        var ces = satisfaction.Ces;
        rows.Add(new("Satisfaction", "ces", "CES (mean, 7 = easiest)", ces.Value, MetricUnits.Score, null, null, ces.Answers, ces.UndefinedReason));

        var loyalty = card.Loyalty;
        var purchases = (card.Supplied & DataSources.Purchases) != 0;
        const string NoPurchases = "no purchase data was supplied";
        rows.Add(new("Loyalty", "revenue", "Revenue (net)", purchases ? (double)loyalty.Revenue.Amount : null, MetricUnits.Money, currency, null, null, NoPurchases));
        rows.Add(new("Loyalty", "orders", "Orders", purchases ? loyalty.Orders : null, MetricUnits.Count, null, null, null, NoPurchases));
        rows.Add(PerCount("Loyalty", "averageOrderValue", "Average order value", loyalty.AverageOrderValue, currency));
        rows.Add(Of("Loyalty", "purchaseFrequency", "Purchase frequency (orders per active customer)", loyalty.PurchaseFrequency, MetricUnits.Ratio));
        rows.Add(Of("Loyalty", "repeatPurchaseRate", "Repeat purchase rate", loyalty.RepeatPurchaseRate, MetricUnits.Fraction));
        var retention = loyalty.Retention;
        rows.Add(new("Loyalty", "retentionRate", "Retention rate", retention.RetentionRate, MetricUnits.Fraction, null, retention.Retained, retention.CustomersAtStart, retention.UndefinedReason));
        rows.Add(new("Loyalty", "churnRate", "Churn rate", retention.ChurnRate, MetricUnits.Fraction, null, retention.Lost, retention.CustomersAtStart, retention.UndefinedReason));
        rows.Add(Of("Loyalty", "returningCustomerRevenueShare", "Returning-customer revenue share", loyalty.ReturningCustomerRevenueShare));
        rows.Add(Of("Loyalty", "salesGrowth", "Sales growth vs previous period", loyalty.SalesGrowth));

        var acquisition = card.AcquisitionCost;
        rows.Add(PerCount("AcquisitionCost", "customerAcquisitionCost", "Customer acquisition cost", acquisition.CustomerAcquisitionCost, currency));
        rows.Add(PerCount("AcquisitionCost", "retentionCostPerCustomer", "Retention cost per active customer", acquisition.RetentionCostPerActiveCustomer, currency));
        rows.Add(Of("AcquisitionCost", "grossMarginRate", "Gross margin rate", acquisition.GrossMarginRate, MetricUnits.Fraction));
        rows.Add(new("AcquisitionCost", "ltvToCac", "LTV:CAC", acquisition.LtvToCac.Value, MetricUnits.Ratio, currency,
            acquisition.LifetimeValue.Value is { } ltv ? (double)ltv.Amount : null,
            acquisition.CustomerAcquisitionCost.Value is { } cac ? (double)cac.Amount : null,
            acquisition.LtvToCac.UndefinedReason));
        rows.Add(Of("AcquisitionCost", "cacPaybackMonths", "CAC payback", acquisition.CacPaybackMonths, MetricUnits.Months));
        var benefit = card.CostBenefit;
        rows.Add(new("CostBenefit", "crmReturnOnSpend", "Return on CRM spend", benefit.ReturnOnCrmSpend.Value, MetricUnits.Fraction, currency,
            benefit.Margin.Value is { } margin ? (double)(margin.Amount - benefit.CrmCost.Amount) : null, (double)benefit.CrmCost.Amount, benefit.ReturnOnCrmSpend.UndefinedReason));

        var service = card.ServiceEfficiency;
        rows.Add(Of("ServiceEfficiency", "complaintRate", "Complaint rate (complaints per active customer)", service.ComplaintRate, MetricUnits.Ratio));
        rows.Add(Of("ServiceEfficiency", "complaintsPerThousandOrders", "Complaints per 1,000 orders", service.ComplaintsPerThousandOrders, MetricUnits.Ratio));
        rows.Add(Of("ServiceEfficiency", "slaCompliance", "SLA compliance", service.SlaCompliance, MetricUnits.Fraction));
        rows.Add(Hours("firstResponseTime", "First response time (median)", service.FirstResponseTime));
        rows.Add(Hours("resolutionTime", "Resolution time (median)", service.ResolutionTime));

        rows.Add(Of("Experience", "customerExperience", "Customer experience index", card.Experience.Index, MetricUnits.Score));
        rows.Add(Of("Conversion", "conversionRate", "Conversion rate (end to end)", card.Conversion.EndToEnd, MetricUnits.Fraction));
        return rows;
    }

    internal static MetricRow Of(string family, string key, string label, Rate rate, string unit) =>
        new(family, key, label, rate.Value, unit, null, rate.Numerator, rate.Denominator, rate.UndefinedReason);

    private static MetricRow Of(string family, string key, string label, MoneyRatio ratio) =>
        new(family, key, label, ratio.Value, MetricUnits.Fraction, ratio.Numerator.Currency.Code, (double)ratio.Numerator.Amount, (double)ratio.Denominator.Amount, ratio.UndefinedReason);

    private static MetricRow Of(string family, string key, string label, MetricValue<double> value, string unit) =>
        new(family, key, label, value.Value, unit, null, null, null, value.UndefinedReason);

    internal static MetricRow PerCount(string family, string key, string label, MoneyPerCount value, string currency) =>
        new(family, key, label, value.Value is { } per ? (double)per.Amount : null, MetricUnits.Money, currency, (double)value.Total.Amount, value.Count, value.UndefinedReason);

    private static MetricRow Hours(string key, string label, DurationDistribution times) =>
        new("ServiceEfficiency", key, label, times.MedianHours, MetricUnits.Hours, null, null, times.Count, times.Count == 0 ? "no such case in the period" : null);
}
