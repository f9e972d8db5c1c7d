using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>The points of a period: what moved in it and what was left at its end. Units: points.</summary>
public sealed class PointsFigures
{
    [JsonConstructor]
    internal PointsFigures(long issued, long redeemed, long expired, long adjusted, long outstanding)
    {
        Issued = ReadBack.Count(issued, nameof(issued));
        Redeemed = ReadBack.Count(redeemed, nameof(redeemed));
        Expired = ReadBack.Count(expired, nameof(expired));
        Adjusted = adjusted;
        Outstanding = ReadBack.Count(outstanding, nameof(outstanding));
    }

    /// <summary>Points earned in the period (earn entries).</summary>
    public long Issued { get; }

    /// <summary>Points redeemed in the period.</summary>
    public long Redeemed { get; }

    /// <summary>Points expired in the period: expire entries plus the lots the expiry policy ended.</summary>
    public long Expired { get; }

    /// <summary>The net of the adjustments in the period, signed.</summary>
    public long Adjusted { get; }

    /// <summary>Points in members' balances at the period's end (every change before it applied).</summary>
    public long Outstanding { get; }

    /// <summary>The figures in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
