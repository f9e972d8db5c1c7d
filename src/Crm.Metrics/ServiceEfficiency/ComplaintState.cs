namespace Crm.Metrics.ServiceEfficiency;

/// <summary>Complaints opened in the period.</summary>
public sealed record ComplaintState
{
    /// <summary>Complaints opened in the period.</summary>
    public long Opened { get; init; }

    /// <summary>Complaints per channel, by name.</summary>
    public IReadOnlyDictionary<string, long> ByChannel { get; init; } = new Dictionary<string, long>();

    /// <summary>Complaints without a channel.</summary>
    public long UnknownChannel { get; init; }

    /// <summary>First-response times in ticks, of those answered before the period's end.</summary>
    public IReadOnlyList<long> FirstResponseTicks { get; init; } = [];

    /// <summary>Resolution times in ticks, of those resolved before the period's end.</summary>
    public IReadOnlyList<long> ResolutionTicks { get; init; } = [];

    /// <summary>Resolved within target.</summary>
    public long Met { get; init; }

    /// <summary>Resolved late, or unresolved past the deadline.</summary>
    public long Breached { get; init; }

    /// <summary>Unresolved, deadline not yet passed.</summary>
    public long Pending { get; init; }

    /// <summary>Without a resolution target.</summary>
    public long WithoutTarget { get; init; }

    /// <summary>Resolved in the period without a first response (layout version 2).</summary>
    public long ResolvedWithoutReply { get; init; }

    /// <summary>Complaints opened outside the period.</summary>
    public long OutsidePeriod { get; init; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
