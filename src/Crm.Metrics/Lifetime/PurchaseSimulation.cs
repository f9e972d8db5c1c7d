using System.Globalization;
using Crm.Domain.Activity;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// What a purchase-model simulator generates: how many customers, when they are acquired (their first purchase,
/// uniform over the acquisition window), until when they are observed, the seed, and the spend per purchase.
/// </summary>
/// <remarks>Immutable; the rules are checked on construction and on <c>with</c>.</remarks>
public sealed record PurchaseSimulation
{
    /// <summary>The most customers one simulation generates.</summary>
    public const int MaxCustomers = 10_000_000;

    /// <summary>Creates the settings.</summary>
    /// <param name="customers">How many customers; 1 to <see cref="MaxCustomers"/>.</param>
    /// <param name="acquisition">The days the customers make their first purchase in, uniformly.</param>
    /// <param name="observedUntil">The last day simulated (inclusive); on or after the acquisition window's last day.</param>
    /// <param name="seed">The seed: the same settings and seed give the same purchases.</param>
    /// <exception cref="ArgumentException">A rule is broken (the message names it).</exception>
    public PurchaseSimulation(int customers, DateInterval acquisition, LocalDate observedUntil, int seed)
    {
        if (customers is < 1 or > MaxCustomers)
        {
            throw new ArgumentOutOfRangeException(nameof(customers), customers, string.Create(CultureInfo.InvariantCulture, $"A simulation has 1 to {MaxCustomers:N0} customers."));
        }

        ArgumentNullException.ThrowIfNull(acquisition);
        if (observedUntil < acquisition.End)
        {
            throw new ArgumentOutOfRangeException(nameof(observedUntil), "The simulation runs at least to the last acquisition day.");
        }

        Customers = customers;
        Acquisition = acquisition;
        ObservedUntil = observedUntil;
        Seed = seed;
    }

    /// <summary>How many customers.</summary>
    public int Customers
    {
        get;
        init => field = value is >= 1 and <= MaxCustomers ? value
            : throw new ArgumentOutOfRangeException(nameof(Customers), value, string.Create(CultureInfo.InvariantCulture, $"A simulation has 1 to {MaxCustomers:N0} customers."));
    }

    /// <summary>The days the customers make their first purchase in, uniformly.</summary>
    public DateInterval Acquisition { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Acquisition)); }

    /// <summary>The last day simulated (inclusive).</summary>
    public LocalDate ObservedUntil
    {
        get;
        init => field = Acquisition is null || value >= Acquisition.End ? value
            : throw new ArgumentOutOfRangeException(nameof(ObservedUntil), "The simulation runs at least to the last acquisition day.");
    }

    /// <summary>The seed.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The spend per purchase: a Gamma-Gamma model (each customer's mean spend drawn from it, each purchase's value
    /// around it, rounded to cents); null for purchases of 1 in <see cref="Currency"/>.
    /// </summary>
    public GammaGammaModel? Spend { get; init; }

    /// <summary>The currency of purchases without a spend model; the spend model's otherwise.</summary>
    public Currency Currency { get; init; } = Currency.Usd;

    /// <summary>The zone the days are read in; UTC by default.</summary>
    public DateTimeZone Zone { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Zone)); } = DateTimeZone.Utc;

    /// <summary>The settings (invariant culture).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);

    /// <summary>
    /// Generates the purchases: for each customer, the first purchase at a uniform instant of the acquisition
    /// window, then the repeat purchases at the instants <paramref name="repeats"/> gives (in the model's time unit
    /// after the first, up to the observation end), in time order across customers.
    /// </summary>
    internal IReadOnlyList<Purchase> Generate(ModelTimeUnit unit, Func<Sampler, double, List<double>, bool> repeats)
    {
        var sampler = new Sampler(Seed);
        var start = Zone.AtStartOfDay(Acquisition.Start).ToInstant();
        var acquisitionEnd = Zone.AtStartOfDay(Acquisition.End.PlusDays(1)).ToInstant();
        var end = Zone.AtStartOfDay(ObservedUntil.PlusDays(1)).ToInstant();
        var unitLength = unit == ModelTimeUnit.Weeks ? Duration.FromDays(7) : Duration.FromDays(1);
        var currency = Spend?.Currency ?? Currency;
        var purchases = new List<Purchase>();
        var times = new List<double>();
        for (var i = 0; i < Customers; i++)
        {
            var id = new CustomerId("sim" + i.ToString(CultureInfo.InvariantCulture));
            var first = start + ((acquisitionEnd - start) * sampler.Uniform());
            var horizon = (end - first) / unitLength;
            times.Clear();
            repeats(sampler, horizon, times);
            // Gamma-Gamma: the customer's rate ν ~ Gamma(q, rate γ), each value z ~ Gamma(p, rate ν).
            var nu = Spend is { } spend ? sampler.Gamma(spend.Q) / spend.Gamma : 0;
            Money Value() => Spend is { } s
                ? new Money(Math.Max(0.01m, Math.Round((decimal)(sampler.Gamma(s.P) / nu), 2)), currency)
                : new Money(1m, currency);
            purchases.Add(Purchase.Sale(id, first, Value()));
            foreach (var t in times)
            {
                purchases.Add(Purchase.Sale(id, first + (unitLength * t), Value()));
            }
        }

        purchases.Sort(static (a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return purchases.AsReadOnly();
    }
}
