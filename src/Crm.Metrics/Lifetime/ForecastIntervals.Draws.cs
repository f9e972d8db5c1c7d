using System.Globalization;
using Crm.Metrics.Lifetime.Intervals;

namespace Crm.Metrics.Lifetime;

/// <content>The plan of a forecast, the draws, and the percentiles.</content>
public static partial class ForecastIntervals
{
    /// <summary>The models at the estimates (which also checks that the fits converged).</summary>
    private static (IFactoredPurchaseModel Purchases, GammaGammaModel? Spend) Estimates<TModel>(ModelFit<TModel> purchases, ModelFit<GammaGammaModel>? spend)
        where TModel : class, IPurchaseModel =>
        (Factored(purchases.Model), spend?.Model);

    private static IFactoredPurchaseModel Factored<TModel>(TModel model)
        where TModel : class, IPurchaseModel =>
        model as IFactoredPurchaseModel ?? throw new NotSupportedException($"Intervals are computed for BG/NBD, MBG/NBD and Pareto/NBD fits; {typeof(TModel).Name} is not one.");

    /// <summary>The purchase draws, then the spend draws, from one seeded sequence.</summary>
    private static (double[][] Purchases, GammaGammaModel[]? Spend) Draw<TModel>(ModelFit<TModel> purchases, ModelFit<GammaGammaModel>? spend, IntervalOptions options)
        where TModel : class
    {
        var sampler = new Sampler(options.Seed);
        var purchaseDraws = purchases.DrawParameters(options.Draws, sampler, nameof(options));
        var spendDraws = spend?.DrawParameters(options.Draws, sampler, nameof(options));
        return (purchaseDraws, spendDraws is null ? null : Array.ConvertAll(spendDraws, spend!.Create));
    }

    /// <summary>
    /// The estimate with the (1 ∓ level)/2 percentiles of <paramref name="draws"/> (sorted in place), interpolated
    /// linearly between order statistics at (n − 1)·p.
    /// </summary>
    private static PredictionInterval Interval(double estimate, Span<double> draws, double level, string what)
    {
        if (!double.IsFinite(estimate))
        {
            throw new InvalidOperationException($"At the estimates the {what} is unbounded: the spend model has q ≤ 1, so customers without repeat purchases have no finite expected spend. Check the spend data for outliers.");
        }

        draws.Sort();
        var lower = Percentile(draws, (1 - level) / 2);
        var upper = Percentile(draws, (1 + level) / 2);
        if (!double.IsFinite(lower) || !double.IsFinite(upper))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The interval of the {what} is unbounded: so many draws of the spend model have q near or below 1 (no finite mean spend) that the {(1 + level) / 2:P1} percentile is infinite. Fit the spend model on more customers, or check its data for outliers."));
        }

        return new PredictionInterval(estimate, lower, upper);
    }

    private static double Percentile(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(h);
        if (below >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        var share = h - below;
        return share == 0 ? sorted[below] : sorted[below] + (share * (sorted[below + 1] - sorted[below]));
    }

    private static MoneyInterval MoneyOf(PredictionInterval interval, Currency currency) =>
        new(new Money(ToMoney(interval.Estimate, currency), currency), new Money(ToMoney(interval.Lower, currency), currency), new Money(ToMoney(interval.Upper, currency), currency));

    private static decimal ToMoney(double value, Currency currency) =>
        double.IsFinite(value) && Math.Abs(value) < 7.9e27
            ? (decimal)value
            : throw new AmountOverflowException("computing a forecast interval", currency);

    /// <summary>What to forecast: the horizon steps in the model's unit, the discount factor per step, the margin, and the whole horizon.</summary>
    private sealed record Plan(double[] Horizons, double Rate, double Margin, ModelTime Span)
    {
        public static Plan Of<TModel>(ModelFit<TModel> purchases, ModelTime horizon)
            where TModel : class, IPurchaseModel
        {
            ArgumentNullException.ThrowIfNull(purchases);
            var unit = purchases.ModelAsFitted.TimeUnit;
            return new Plan([ModelParameters.NotNegativeTime(horizon, unit, nameof(horizon))], 1, 0, horizon);
        }

        public static Plan Of<TModel>(ModelFit<TModel> purchases, ClvSettings settings)
            where TModel : class, IPurchaseModel
        {
            ArgumentNullException.ThrowIfNull(purchases);
            ArgumentNullException.ThrowIfNull(settings);
            var unit = purchases.ModelAsFitted.TimeUnit;
            var step = settings.DiscountPeriod.ToUnit(unit);
            var horizons = new double[settings.Periods];
            for (var k = 1; k <= horizons.Length; k++)
            {
                // As the CLV forecast states each step: k periods, through ModelTime.
                horizons[k - 1] = ModelTime.In(k * step, unit).ToUnit(unit);
            }

            return new Plan(horizons, 1 + settings.DiscountRatePerPeriod, (double)settings.Margin, settings.Horizon);
        }
    }
}
