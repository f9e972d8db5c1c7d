using System.Globalization;
using Crm.Domain.Internal;

namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>
/// A loyalty programme (会员制度、积分制度): its tiers in order, lowest first, how long earned points live, and what a point
/// is worth (for the liability of the points outstanding).
/// </summary>
/// <remarks>
/// <para>Tiers are derived from activity, never assigned: see <see cref="TierHistory"/>. A member holds the
/// highest tier whose rule they met within that tier's grace period; below the first tier's rule a member holds no tier
/// (give the first tier a threshold of zero to make it the entry tier).</para>
/// <para>Points expire <see cref="ExpiryMonths"/> calendar months after they were earned, on the UTC calendar (31
/// January + 1 month is 28 or 29 February), oldest lots first; see <see cref="PointsLedger"/>. Without a policy points
/// never expire on their own.</para>
/// <para>Immutable; thread-safe.</para>
/// </remarks>
public sealed class LoyaltyProgramme
{
    /// <summary>The most tiers a programme may have.</summary>
    public const int MaxTiers = 32;

    /// <summary>The longest expiry accepted, in months (a hundred years).</summary>
    public const int MaxExpiryMonths = 1200;

    /// <summary>Creates a programme.</summary>
    /// <param name="tiers">The tiers, lowest first: names unique (ignoring case); thresholds of the same basis never lower than an earlier tier's; spend thresholds in <paramref name="pointValue"/>'s currency. May be empty (points without tiers).</param>
    /// <param name="pointValue">What one point is worth when redeemed, not negative; its currency is the programme's.</param>
    /// <param name="expiryMonths">Months after which earned points expire, 1 to <see cref="MaxExpiryMonths"/>; <c>null</c> when they never expire.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">The tiers break a rule above (the message names the tier by position), or the point value is negative or uninitialised.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The expiry is out of range.</exception>
    /// <exception cref="CurrencyMismatchException">A spend threshold is in another currency than the point value.</exception>
    public LoyaltyProgramme(IEnumerable<LoyaltyTier> tiers, Money pointValue, int? expiryMonths = null)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        PointValue = Rules.NonNegative(pointValue, nameof(pointValue));
        if (expiryMonths is < 1 or > MaxExpiryMonths)
        {
            throw new ArgumentOutOfRangeException(nameof(expiryMonths), expiryMonths, string.Create(CultureInfo.InvariantCulture, $"Points expire 1 to {MaxExpiryMonths} months after they were earned, or never (null)."));
        }

        ExpiryMonths = expiryMonths;
        var list = tiers.ToList();
        if (list.Count > MaxTiers)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A programme has at most {MaxTiers} tiers; {list.Count} were given."), nameof(tiers));
        }

        for (var i = 0; i < list.Count; i++)
        {
            var tier = list[i] ?? throw new ArgumentNullException(nameof(tiers), string.Create(CultureInfo.InvariantCulture, $"Tier {i + 1} is null."));
            if (tier.SpendThreshold is { } spend && spend.Currency != pointValue.Currency)
            {
                throw new CurrencyMismatchException(pointValue.Currency, spend.Currency, nameof(tiers));
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(list[j].Name, tier.Name, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Tiers {j + 1} and {i + 1} have the same name; each tier needs its own."), nameof(tiers));
                }

                if (list[j].Basis == tier.Basis && list[j].Threshold > tier.Threshold)
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Tier {i + 1} ({tier.Name}) asks less than tier {j + 1} ({list[j].Name}) below it, on the same basis; list the tiers lowest first."),
                        nameof(tiers));
                }
            }
        }

        Tiers = list.AsReadOnly();
        LookbackDays = list.Count == 0 ? 0 : list.Max(t => t.WindowDays + t.GraceDays);
    }

    /// <summary>The tiers, lowest first; a tier's index here is its rank.</summary>
    public IReadOnlyList<LoyaltyTier> Tiers { get; }

    /// <summary>What one point is worth.</summary>
    public Money PointValue { get; }

    /// <summary>The programme's currency: of the point value and every spend threshold.</summary>
    public Currency Currency => PointValue.Currency;

    /// <summary>Months after which earned points expire; <c>null</c> when they never expire.</summary>
    public int? ExpiryMonths { get; }

    /// <summary>
    /// The days of activity before a day that can decide the tier held on it: the largest window plus grace period of
    /// any tier (0 without tiers).
    /// </summary>
    public int LookbackDays { get; }

    /// <summary>When points earned at <paramref name="earnedAt"/> expire under the policy.</summary>
    /// <param name="earnedAt">When the points were earned (or credited by an adjustment).</param>
    /// <returns>
    /// The instant from which the points are no longer in the balance: <see cref="ExpiryMonths"/> calendar months later
    /// on the UTC calendar; <c>null</c> without a policy, or when that falls after the year 9999 (they never expire).
    /// </returns>
    public Instant? ExpiryOf(Instant earnedAt) =>
        ExpiryMonths is { } months && Crm.Internal.PointsReplay.ExpiryTicks(earnedAt.ToUnixTimeTicks(), months) is var ticks && ticks != long.MaxValue
            ? Instant.FromUnixTimeTicks(ticks)
            : null;

    /// <summary>The tier at a rank, by name, for messages and tables.</summary>
    /// <param name="rank">The tier's index in <see cref="Tiers"/>, or <c>null</c> for no tier.</param>
    /// <returns>The tier's name, or "no tier".</returns>
    public string NameOf(int? rank) => rank is { } r && r >= 0 && r < Tiers.Count ? Tiers[r].Name : "no tier";

    /// <summary>The tiers and the policy, in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"LoyaltyProgramme ({Tiers.Count} tiers: {string.Join(", ", Tiers.Select(t => t.Name))}; points worth {PointValue} each; {(ExpiryMonths is { } m ? $"expire after {m} months" : "never expire")})");
}
