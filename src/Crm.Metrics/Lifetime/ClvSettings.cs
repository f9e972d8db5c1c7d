using System.Globalization;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// How a predicted customer lifetime value is computed: over <see cref="Horizon"/>, in periods of
/// <see cref="DiscountPeriod"/>, each period's expected purchases valued at the expected spend, times
/// <see cref="Margin"/>, discounted at <see cref="DiscountRatePerPeriod"/> per period.
/// </summary>
/// <remarks>
/// <para>Both lengths are <see cref="ModelTime"/>s, so they are converted to the purchase model's unit exactly: a
/// monthly rate with a weekly model is stated as <c>DiscountPeriod = ModelTime.Days(365.25 / 12)</c> or
/// <c>ModelTime.Weeks(4)</c>, never "30" read in the wrong unit.</para>
/// <para>Immutable and thread-safe; the rules are checked at construction.</para>
/// </remarks>
public sealed record ClvSettings
{
    /// <summary>Creates the settings.</summary>
    /// <param name="horizon">How far ahead; positive and a whole number of <paramref name="discountPeriod"/>s, at most <see cref="MaxPeriods"/> of them.</param>
    /// <param name="discountPeriod">The period the discount rate is stated for (and the step of the sum); positive.</param>
    /// <param name="discountRatePerPeriod">d: the discount rate per period, 0 ≤ d &lt; 1 (0 for no discounting; 0.01 is 1 %).</param>
    /// <param name="margin">The share of revenue that is profit, in [0, 1] (1 for a revenue CLV).</param>
    /// <exception cref="ArgumentOutOfRangeException">A rule above is broken (the message names it).</exception>
    public ClvSettings(ModelTime horizon, ModelTime discountPeriod, double discountRatePerPeriod, decimal margin)
    {
        if (discountPeriod.Value <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(discountPeriod), discountPeriod, "The discount period must be positive.");
        }

        if (horizon.Value <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The CLV horizon must be positive.");
        }

        var periods = horizon.TotalDays / discountPeriod.TotalDays;
        if (!(Math.Round(periods) <= MaxPeriods))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, string.Create(CultureInfo.InvariantCulture, $"The CLV horizon spans at most {MaxPeriods:N0} discount periods ({discountPeriod} each); it spans {periods:G3}. Use a longer discount period."));
        }

        if (Math.Abs(periods - Math.Round(periods)) > 1e-9 * periods)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"The CLV horizon must be a whole number of discount periods ({discountPeriod}); it is {periods.ToString("0.###", CultureInfo.InvariantCulture)}.");
        }

        if (!(discountRatePerPeriod >= 0 && discountRatePerPeriod < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRatePerPeriod), discountRatePerPeriod, "The discount rate per period is a fraction from 0 up to, not including, 1 (0.01 is 1 %).");
        }

        if (margin is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin is a share of revenue in [0, 1].");
        }

        Horizon = horizon;
        DiscountPeriod = discountPeriod;
        DiscountRatePerPeriod = discountRatePerPeriod;
        Margin = margin;
        Periods = (int)Math.Round(periods);
    }

    /// <summary>The most discount periods a horizon may span (the sum's cost grows with them): 10,000 — 27 years of days, 192 of weeks.</summary>
    public const int MaxPeriods = 10_000;

    /// <summary>How far ahead.</summary>
    public ModelTime Horizon { get; }

    /// <summary>The period of the discount rate and the step of the sum.</summary>
    public ModelTime DiscountPeriod { get; }

    /// <summary>d: the discount rate per <see cref="DiscountPeriod"/>.</summary>
    public double DiscountRatePerPeriod { get; }

    /// <summary>The share of revenue that is profit.</summary>
    public decimal Margin { get; }

    /// <summary>The number of periods in the horizon.</summary>
    public int Periods { get; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
