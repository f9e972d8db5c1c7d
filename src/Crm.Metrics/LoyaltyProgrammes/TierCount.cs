using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>How many members held a tier at the period's end.</summary>
public sealed class TierCount
{
    [JsonConstructor]
    internal TierCount(string tier, long members)
    {
        Tier = ReadBack.Present(tier, nameof(tier));
        Members = ReadBack.Count(members, nameof(members));
    }

    /// <summary>The tier's name, or <c>no tier</c> for members below every rule.</summary>
    public string Tier { get; }

    /// <summary>Members in it.</summary>
    public long Members { get; }

    /// <summary>The count in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
