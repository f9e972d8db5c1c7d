using System.Globalization;
using Crm.Domain.Internal;

namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>
/// A tier of a loyalty programme (会员等级) and its qualification rule: net spend, or points earned, of at least a
/// threshold over a rolling window of <see cref="WindowDays"/> days; a member who stops qualifying keeps the tier for
/// <see cref="GraceDays"/> more days before the downgrade.
/// </summary>
/// <remarks>
/// <para>On a given day a member qualifies for the tier when the activity of that day and the
/// <see cref="WindowDays"/> − 1 days before it reaches the threshold; the member <em>holds</em> the tier on a day when
/// they qualified for it on that day or on one of the <see cref="GraceDays"/> days before. A threshold of zero makes
/// the tier every member's entry tier.</para>
/// <para>Immutable; equality by value; thread-safe. <see cref="ToString"/> shows the rule.</para>
/// </remarks>
public sealed record LoyaltyTier
{
    /// <summary>The longest rolling window or grace period accepted, in days (ten years).</summary>
    public const int MaxDays = 3660;

    private LoyaltyTier(string name, TierBasis basis, Money? spendThreshold, long? pointsThreshold, int windowDays, int graceDays)
    {
        Name = Rules.Key(name, nameof(name));
        if (name.Length > 64)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A tier name has at most 64 characters; this one has {name.Length}."), nameof(name));
        }

        if (windowDays is < 1 or > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(windowDays), windowDays, string.Create(CultureInfo.InvariantCulture, $"The qualification window is 1 to {MaxDays} days."));
        }

        if (graceDays is < 0 or > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(graceDays), graceDays, string.Create(CultureInfo.InvariantCulture, $"The grace period is 0 to {MaxDays} days."));
        }

        Basis = basis;
        SpendThreshold = spendThreshold;
        PointsThreshold = pointsThreshold;
        WindowDays = windowDays;
        GraceDays = graceDays;
    }

    /// <summary>A tier for net spend of at least <paramref name="threshold"/> over the window.</summary>
    /// <param name="name">The tier's name ("Silver"); not empty or padded, at most 64 characters.</param>
    /// <param name="threshold">The spend that qualifies, not negative; in the programme's currency.</param>
    /// <param name="windowDays">The rolling window, 1 to <see cref="MaxDays"/> days.</param>
    /// <param name="graceDays">Days the tier is kept after the member stops qualifying, 0 to <see cref="MaxDays"/>.</param>
    /// <returns>The tier.</returns>
    /// <exception cref="ArgumentException">The name is empty, padded or too long, or the threshold is negative or uninitialised.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The window or the grace period is out of range.</exception>
    public static LoyaltyTier BySpend(string name, Money threshold, int windowDays, int graceDays) =>
        new(name, TierBasis.Spend, Rules.NonNegative(threshold, nameof(threshold)), null, windowDays, graceDays);

    /// <summary>A tier for at least <paramref name="threshold"/> points earned over the window.</summary>
    /// <param name="name">The tier's name ("Gold"); not empty or padded, at most 64 characters.</param>
    /// <param name="threshold">The points earned that qualify, not negative.</param>
    /// <param name="windowDays">The rolling window, 1 to <see cref="MaxDays"/> days.</param>
    /// <param name="graceDays">Days the tier is kept after the member stops qualifying, 0 to <see cref="MaxDays"/>.</param>
    /// <returns>The tier.</returns>
    /// <exception cref="ArgumentException">The name is empty, padded or too long.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is negative, or the window or the grace period is out of range.</exception>
    public static LoyaltyTier ByPoints(string name, long threshold, int windowDays, int graceDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        return new(name, TierBasis.Points, null, threshold, windowDays, graceDays);
    }

    /// <summary>The tier's name.</summary>
    public string Name { get; }

    /// <summary>What the rule counts.</summary>
    public TierBasis Basis { get; }

    /// <summary>The spend that qualifies, for a <see cref="TierBasis.Spend"/> tier; otherwise <c>null</c>.</summary>
    public Money? SpendThreshold { get; }

    /// <summary>The points earned that qualify, for a <see cref="TierBasis.Points"/> tier; otherwise <c>null</c>.</summary>
    public long? PointsThreshold { get; }

    /// <summary>The rolling window in days (the day itself and the days before it).</summary>
    public int WindowDays { get; }

    /// <summary>Days the tier is kept after the member last qualified.</summary>
    public int GraceDays { get; }

    /// <summary>The threshold as a number: the spend's amount or the points.</summary>
    internal decimal Threshold => Basis == TierBasis.Spend ? SpendThreshold!.Value.Amount : PointsThreshold!.Value;

    /// <summary>The rule, as <c>Gold: 1000 points in 365 days, 30 days' grace</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Name}: {(Basis == TierBasis.Spend ? SpendThreshold!.Value.ToString() + " spent" : PointsThreshold!.Value.ToString(CultureInfo.InvariantCulture) + " points")} in {WindowDays} days, {GraceDays} days' grace");
}
