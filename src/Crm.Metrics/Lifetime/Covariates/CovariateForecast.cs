namespace Crm.Metrics.Lifetime.Covariates;

/// <summary>Forecasts of a model with covariates: each cell of customers with the same covariates in one batch.</summary>
internal static class CovariateForecast
{
    public static IReadOnlyList<CustomerValueForecast> ByCell(CustomerBaseSummary summary, CovariateTable covariates, GammaGammaModel spend, ClvSettings settings, Func<CustomerCovariates, IPurchaseModel> model)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(settings);
        var cells = CovariateFit.Cells(summary, covariates, nameof(covariates));
        var position = new Dictionary<CustomerId, int>(summary.Span.Length);
        for (var i = 0; i < summary.Span.Length; i++)
        {
            position[summary.Span[i].CustomerId] = i;
        }

        var forecasts = new CustomerValueForecast[summary.Span.Length];
        foreach (var cell in cells)
        {
            var purchases = model(new CustomerCovariates(cell.Customers[0].CustomerId, cell.Purchase, cell.Lifetime));
            var cellSummary = CustomerBaseSummary.FromSummaries(cell.Customers, summary.Options);
            var results = CustomerLifetimeValue.Forecast(purchases, spend, cellSummary, settings);
            for (var i = 0; i < results.Count; i++)
            {
                forecasts[position[cell.Customers[i].CustomerId]] = results[i];
            }
        }

        return Array.AsReadOnly(forecasts);
    }
}
