using System.Diagnostics;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// One customer's purchase history as the customer-base models read it, for a calibration period: the number of
/// repeat purchases x (<see cref="Frequency"/>), the models' recency t_x (<see cref="Recency"/>), the age T
/// (<see cref="Age"/>), the mean value of the repeat purchases, and — with a holdout period — the repeat purchases
/// actually made in it.
/// </summary>
/// <remarks>
/// <para>Built by <see cref="CustomerBaseSummary.FromPurchases(IEnumerable{Purchase}, SummaryOptions, IProgress{long}, CancellationToken)"/>, or by hand
/// from a caller's own summary (for example the published CDNOW file). Rules: x ≥ 0; 0 ≤ t_x ≤ T; T at most
/// <see cref="MaxAgeDays"/>; a customer with no repeat purchase has t_x = 0 and no mean repeat value; and x counts
/// purchase <em>days</em>, so there are at most as many repeat purchases as days in t_x (several orders on one day
/// are one purchase: the models describe purchase occasions, and more occasions than days make them meaningless).</para>
/// <para>This type is an immutable value type and is thread-safe. Equality compares every member.</para>
/// </remarks>
public readonly record struct CustomerSummary
{
    /// <summary>Creates a summary.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="frequency">x: the repeat purchases (purchase days after the first) in the calibration period; ≥ 0.</param>
    /// <param name="recency">t_x: from the first purchase to the last repeat purchase; zero when x = 0; not longer than <paramref name="age"/>.</param>
    /// <param name="age">T: from the first purchase to the end of the calibration period.</param>
    /// <param name="meanRepeatValue">m̄: the mean value of the x repeat purchases; null when x = 0 (or when the caller has no values).</param>
    /// <param name="holdoutFrequency">The repeat purchases (purchase days) in the holdout period; null without a holdout period; ≥ 0.</param>
    /// <exception cref="ArgumentException">An id is default, or a rule above is broken (the message names it).</exception>
    public CustomerSummary(CustomerId customerId, int frequency, BtydRecency recency, ModelTime age, Money? meanRepeatValue = null, int? holdoutFrequency = null)
    {
        if (customerId == default)
        {
            throw new ArgumentException("The customer id must not be the default value.", nameof(customerId));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        if (age.TotalDays > MaxAgeDays)
        {
            throw new ArgumentOutOfRangeException(nameof(age), age, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The age T of a customer is at most {MaxAgeDays:N0} days (200 years)."));
        }

        // Rounded to the day: published summaries state t_x in weeks to two decimals (1 day = 0.14 weeks = 0.98 days).
        if (frequency > Math.Round(recency.SinceFirstPurchase.TotalDays))
        {
            throw new ArgumentException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Customer '{customerId}' has x = {frequency} repeat purchases within t_x = {recency.SinceFirstPurchase.TotalDays:0.###} days of the first: count purchase days, not orders (at most one repeat purchase a day)."),
                nameof(frequency));
        }

        if (recency.SinceFirstPurchase > age)
        {
            throw new ArgumentException($"The recency t_x ({recency.SinceFirstPurchase}) cannot be longer than the age T ({age}) of customer '{customerId}'.", nameof(recency));
        }

        if (frequency == 0 && recency.SinceFirstPurchase != default)
        {
            throw new ArgumentException($"Customer '{customerId}' has no repeat purchase (x = 0), so the recency t_x must be zero, not {recency.SinceFirstPurchase}.", nameof(recency));
        }

        if (frequency == 0 && meanRepeatValue is not null)
        {
            throw new ArgumentException($"Customer '{customerId}' has no repeat purchase (x = 0), so there is no mean repeat value: pass null.", nameof(meanRepeatValue));
        }

        if (meanRepeatValue is { Currency: var currency } && currency == default)
        {
            throw new ArgumentException("The mean repeat value must have a currency.", nameof(meanRepeatValue));
        }

        if (holdoutFrequency is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutFrequency), holdoutFrequency, "The holdout repeat purchases cannot be negative.");
        }

        CustomerId = customerId;
        Frequency = frequency;
        Recency = recency;
        Age = age;
        MeanRepeatValue = meanRepeatValue;
        HoldoutFrequency = holdoutFrequency;
    }

    /// <summary>A summary built by the library from validated data: the rules hold by construction.</summary>
    internal CustomerSummary(CustomerId customerId, int frequency, BtydRecency recency, ModelTime age, Money? meanRepeatValue, int? holdoutFrequency, bool trusted)
    {
        Debug.Assert(trusted, "Only for summaries whose rules hold by construction.");
        CustomerId = customerId;
        Frequency = frequency;
        Recency = recency;
        Age = age;
        MeanRepeatValue = meanRepeatValue;
        HoldoutFrequency = holdoutFrequency;
    }

    /// <summary>The longest age T a summary may have, in days: 73,050 (200 years).</summary>
    public const double MaxAgeDays = 73_050;

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>x: the repeat purchases in the calibration period (purchase days after the first one).</summary>
    public int Frequency { get; }

    /// <summary>t_x: the time from the first purchase to the last repeat purchase (the models' recency).</summary>
    public BtydRecency Recency { get; }

    /// <summary>T: the time from the first purchase to the end of the calibration period.</summary>
    public ModelTime Age { get; }

    /// <summary>The RFM recency at the end of the calibration period: T − t_x (from the last purchase to the end).</summary>
    public RfmRecency RfmRecency => new(Age - Recency.SinceFirstPurchase);

    /// <summary>m̄: the mean value of the repeat purchases; null when there are none.</summary>
    public Money? MeanRepeatValue { get; }

    /// <summary>The repeat purchases in the holdout period; null without one.</summary>
    public int? HoldoutFrequency { get; }

    /// <summary>The summary in model units, for the likelihoods and predictions.</summary>
    internal RepeatSummary In(ModelTimeUnit unit) => new(Frequency, Recency.In(unit), Age.ToUnit(unit));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
