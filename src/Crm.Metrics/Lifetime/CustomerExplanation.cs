using System.Globalization;

namespace Crm.Metrics.Lifetime;

/// <summary>Why a model predicts what it predicts for one customer: the inputs and the outputs, in plain words.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="ProbabilityAlive">P(alive) at the end of calibration.</param>
/// <param name="ExpectedPurchases">Purchases expected over the horizon.</param>
/// <param name="ExpectedSpend">Expected spend per purchase; null without a spend model.</param>
/// <param name="Value">The CLV; null without a spend model and CLV settings.</param>
/// <param name="Lines">The explanation, one sentence per line (invariant culture).</param>
public sealed record CustomerExplanation(CustomerId CustomerId, double ProbabilityAlive, double ExpectedPurchases, Money? ExpectedSpend, Money? Value, IReadOnlyList<string> Lines)
{
    /// <summary>The explanation, one sentence per line (invariant culture).</summary>
    public IReadOnlyList<string> Lines { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Lines)); } = Crm.Internal.Checked.NotNull(Lines, nameof(Lines));

    /// <summary>Purchases expected over the horizon.</summary>
    public double ExpectedPurchases { get; init => field = Crm.Internal.Finite.Of(value, nameof(ExpectedPurchases)); } = Crm.Internal.Finite.Of(ExpectedPurchases, nameof(ExpectedPurchases));

    /// <summary>P(alive) at the end of calibration.</summary>
    public double ProbabilityAlive { get; init => field = Crm.Internal.Finite.Of(value, nameof(ProbabilityAlive)); } = Crm.Internal.Finite.Of(ProbabilityAlive, nameof(ProbabilityAlive));

    /// <summary>Explains a customer's predictions.</summary>
    /// <param name="model">The fitted purchase model.</param>
    /// <param name="customer">The customer's summary.</param>
    /// <param name="horizon">The horizon of the expected purchases.</param>
    /// <param name="spend">The fitted spend model; optional.</param>
    /// <param name="clv">CLV settings (with <paramref name="spend"/>); optional.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentException">The spend model cannot value the customer (see <see cref="GammaGammaModel.ExpectedMeanSpend"/>).</exception>
    public static CustomerExplanation Explain(IPurchaseModel model, in CustomerSummary customer, ModelTime horizon, GammaGammaModel? spend = null, ClvSettings? clv = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var unit = model.TimeUnit;
        var name = unit == ModelTimeUnit.Weeks ? "weeks" : "days";
        var x = customer.Frequency;
        var tx = customer.Recency.In(unit);
        var t = customer.Age.ToUnit(unit);
        var silence = customer.RfmRecency.SinceLastPurchase.ToUnit(unit);
        var alive = model.ProbabilityAlive(customer);
        var expected = model.ExpectedPurchases(customer, horizon);
        var lines = new List<string>
        {
            x == 0
                ? Text($"One purchase, {t:0.#} {name} before the end of calibration, and none since (x = 0, T = {t:0.#}).")
                : Text($"{Crm.Internal.Words.Count(x, "repeat purchase", "repeat purchases")} after the first (x = {x}); the last {tx:0.#} {name} after the first (t_x = {tx:0.#}); the first {t:0.#} {name} before the end of calibration (T = {t:0.#})."),
        };
        if (x > 0)
        {
            var gap = tx / x;
            lines.Add(Text($"On average {gap:0.#} {name} between purchases; none in the last {silence:0.#} {name} — {(silence > 2 * gap ? "a long silence for this customer" : "not unusual for this customer")}."));
        }

        lines.Add(Text($"P(alive) {alive:0.00}: a {alive * 100:0} % chance they are still a customer."));
        lines.Add(Text($"Expected {Crm.Internal.Words.Count(expected, "0.##", "purchase", "purchases")} in the next {horizon.ToUnit(unit):0.#} {name}."));
        Money? meanSpend = null;
        Money? value = null;
        if (spend is not null)
        {
            var m = spend.ExpectedMeanSpend(customer);
            meanSpend = m;
            lines.Add(customer.MeanRepeatValue is { } own && x > 0
                ? spend.PopulationMeanSpend is { } population
                    ? Text($"Expected spend per purchase {m.Amount:0.00} {m.Currency}: their own mean {own.Amount:0.00} pulled towards the population's {population.Amount:0.00} (the fewer purchases, the stronger the pull).")
                    : Text($"Expected spend per purchase {m.Amount:0.00} {m.Currency}: their own mean {own.Amount:0.00}, adjusted by the spend model (whose population mean is undefined: its tail is too heavy).")
                : Text($"Expected spend per purchase {m.Amount:0.00} {m.Currency}: the population's mean, as they have no repeat purchase yet."));
            if (clv is not null)
            {
                var forecast = CustomerLifetimeValue.Forecast(model, spend, customer, clv);
                value = forecast.Value;
                lines.Add(Text($"CLV over {clv.Horizon.ToUnit(unit):0.#} {name}: {forecast.Value.Amount:0.00} {forecast.Value.Currency} (margin {clv.Margin:0.##}, {clv.DiscountRatePerPeriod:0.####} discount per {clv.DiscountPeriod.ToUnit(unit):0.#} {name})."));
            }
        }

        return new CustomerExplanation(customer.CustomerId, alive, expected, meanSpend, value, lines.AsReadOnly());
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
