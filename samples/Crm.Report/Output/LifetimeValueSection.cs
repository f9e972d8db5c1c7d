using Crm.Metrics.CustomerValue;
using Crm.Metrics.Lifetime;
using Crm.Report.Cli;
using Crm.Report.Input;

namespace Crm.Report.Output;

/// <summary>
/// The lifetime value LTV:CAC sets against acquisition cost (<c>--value-basis</c>): the models' predicted 52-week CLV
/// of a customer just acquired (BG/NBD purchases, Gamma-Gamma spend, discounted as the report's CLV), on revenue or on
/// margin.
/// </summary>
internal static class LifetimeValueSection
{
    /// <summary>The basis, or why there is none (the models could not be fitted, no sale has a cost…).</summary>
    public static (ValueBasis? Basis, string? Problem) Basis(LifetimeValueBasis choice, ModelsSection? models, InputData data)
    {
        if (models?.BgNbd is not { } purchases || models.GammaGamma is not { } spend)
        {
            return (null, "the purchase and spend models could not be fitted on the calibration data");
        }

        if (!purchases.IsConverged || !spend.IsConverged)
        {
            return (null, "the purchase or spend model did not converge on the calibration data (see the notes)");
        }

        var margin = 1m;
        if (choice == LifetimeValueBasis.Margin)
        {
            if (MarginRate(data) is not { } rate)
            {
                return (null, "no sale has a cost, so there is no margin rate to apply");
            }

            margin = rate;
        }

        var clv = ModelsSection.Clv;
        try
        {
            return (ValueBasis.PredictedClv(purchases.Model, spend.Model, new ClvSettings(clv.Horizon, clv.DiscountPeriod, clv.DiscountRatePerPeriod, margin)), null);
        }
        catch (ArgumentException)
        {
            return (null, "the spend model has no population mean spend (its q is at most 1)");
        }
    }

    /// <summary>What the lifetime value is, for the evidence column.</summary>
    public static string Describe(LifetimeValueBasis choice) => choice == LifetimeValueBasis.Revenue
        ? "the models' predicted 52-week CLV of a new customer, on revenue"
        : "the models' predicted 52-week CLV of a new customer, on margin";

    /// <summary>(sales − cost of goods) / sales over every sale with a cost in the data; null without one.</summary>
    private static decimal? MarginRate(InputData data)
    {
        decimal sales = 0, cost = 0;
        foreach (var purchase in (IEnumerable<Crm.Domain.Activity.PurchaseRecord>?)data.Purchases ?? [])
        {
            if (purchase.IsSale && purchase.Cost is { } c)
            {
                sales += purchase.Amount.Amount;
                cost += c.Amount;
            }
        }

        return sales > 0 ? (sales - cost) / sales : null;
    }
}
