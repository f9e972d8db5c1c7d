using System.Globalization;
using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>
/// How members moved between tiers over the period: the tier held on the day before the period against the tier held
/// on its last day, for everyone who was a member at some time in it.
/// </summary>
/// <remarks>
/// <see cref="Counts"/>[from][to] indexes <see cref="Tiers"/>, whose first entry is <c>no tier</c> (not a member then,
/// or below every rule) and the others the programme's tiers, lowest first.
/// </remarks>
public sealed class TierMigration
{
    [JsonConstructor]
    internal TierMigration(IReadOnlyList<string> tiers, IReadOnlyList<IReadOnlyList<long>> counts, long upgrades, long downgrades, long joined, long left)
    {
        Tiers = ReadBack.Present(tiers, nameof(tiers));
        ReadBack.Present(counts, nameof(counts));
        if (counts.Count != tiers.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The result's \"counts\" has {counts.Count} rows; it has one per tier ({tiers.Count})."), nameof(counts));
        }

        Counts = counts.Select(row => (IReadOnlyList<long>)ReadBack.Counts(row, tiers.Count, nameof(counts))).ToArray();
        Upgrades = ReadBack.Count(upgrades, nameof(upgrades));
        Downgrades = ReadBack.Count(downgrades, nameof(downgrades));
        Joined = ReadBack.Count(joined, nameof(joined));
        Left = ReadBack.Count(left, nameof(left));
    }

    /// <summary><c>no tier</c>, then the programme's tiers, lowest first.</summary>
    public IReadOnlyList<string> Tiers { get; }

    /// <summary>Members by tier before the period (row) and at its end (column).</summary>
    public IReadOnlyList<IReadOnlyList<long>> Counts { get; }

    /// <summary>Members whose tier at the end is above the one before the period (joining into a tier counts).</summary>
    public long Upgrades { get; }

    /// <summary>Members whose tier at the end is below the one before the period (leaving a tier counts).</summary>
    public long Downgrades { get; }

    /// <summary>Members who joined in the period.</summary>
    public long Joined { get; }

    /// <summary>Members who left in the period.</summary>
    public long Left { get; }

    /// <summary>The matrix's size and totals in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"TierMigration {{ Tiers = {Tiers.Count}, Upgrades = {Upgrades}, Downgrades = {Downgrades}, Joined = {Joined}, Left = {Left} }}");
}
