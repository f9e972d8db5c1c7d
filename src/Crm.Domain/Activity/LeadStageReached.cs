using Crm.Domain.Internal;

namespace Crm.Domain.Activity;

/// <summary>A funnel stage a lead reached, and when.</summary>
/// <remarks>The default value has an empty stage name and is rejected by <see cref="Lead"/>. Immutable value type, thread-safe.</remarks>
public readonly record struct LeadStageReached
{
    private readonly string? _stage;

    /// <summary>Creates a stage record.</summary>
    /// <param name="stage">The stage name, as in the caller's <see cref="Funnel"/>; not empty, not padded.</param>
    /// <param name="at">When the lead reached it.</param>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is empty or padded.</exception>
    public LeadStageReached(string stage, Instant at)
    {
        _stage = Rules.Key(stage, nameof(stage));
        At = at;
    }

    /// <summary>The stage name; empty for the default value.</summary>
    public string Stage => _stage ?? string.Empty;

    /// <summary>When the lead reached it.</summary>
    public Instant At { get; }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
