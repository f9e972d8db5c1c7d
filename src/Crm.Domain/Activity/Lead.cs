using Crm.Domain.Internal;

namespace Crm.Domain.Activity;

/// <summary>
/// A sales lead (潜在客户线索) and the funnel stages it reached (注册 → 成交 …), each with its instant, and
/// the customer it became when it converted.
/// </summary>
/// <remarks>
/// <para>Stage names are the caller's (see <see cref="Funnel"/>). A lead reaches a stage at most once and may
/// skip stages. <see cref="Stages"/> is ordered by instant (stable for equal instants).</para>
/// <para>Immutable; equality by value (id, stages in order, converted customer); thread-safe.</para>
/// </remarks>
public sealed class Lead : IEquatable<Lead>
{
    private readonly LeadStageReached[] _stages;

    /// <summary>Creates a lead record.</summary>
    /// <param name="id">The lead's id.</param>
    /// <param name="stages">The stages it reached; at least one, each stage name once (ordinal).</param>
    /// <param name="convertedCustomerId">The customer it became, or <c>null</c>.</param>
    /// <exception cref="ArgumentException">The id is default, no stage is given, a stage is the default value, or a stage is repeated.</exception>
    public Lead(LeadId id, IEnumerable<LeadStageReached> stages, CustomerId? convertedCustomerId = null)
    {
        ArgumentNullException.ThrowIfNull(stages);
        Id = Rules.Initialised(id, nameof(id));
        var list = stages.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A lead needs at least one stage it reached.", nameof(stages));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in list)
        {
            if (stage.Stage.Length == 0)
            {
                throw new ArgumentException("A stage is the default (uninitialised) value; construct it with a stage name.", nameof(stages));
            }

            if (!seen.Add(stage.Stage))
            {
                throw new ArgumentException($"Lead {id}: the stage \"{stage.Stage}\" is listed twice; a lead reaches a stage once.", nameof(stages));
            }
        }

        _stages = [.. list.OrderBy(s => s.At)];
        Stages = Array.AsReadOnly(_stages);
        ConvertedCustomerId = convertedCustomerId is { } c ? Rules.Initialised(c, nameof(convertedCustomerId)) : null;
    }

    /// <summary>The lead's id.</summary>
    public LeadId Id { get; }

    /// <summary>The stages reached, ordered by instant.</summary>
    public IReadOnlyList<LeadStageReached> Stages { get; }

    /// <summary>The customer the lead became, or <c>null</c>.</summary>
    public CustomerId? ConvertedCustomerId { get; }

    /// <summary>When the lead reached its first recorded stage.</summary>
    public Instant FirstReachedAt => _stages[0].At;

    /// <summary>When the lead reached a stage, or <c>null</c> if it did not.</summary>
    /// <param name="stage">The stage name.</param>
    /// <returns>The instant, or <c>null</c>.</returns>
    public Instant? ReachedAt(string stage)
    {
        foreach (var s in _stages)
        {
            if (string.Equals(s.Stage, stage, StringComparison.Ordinal))
            {
                return s.At;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public bool Equals(Lead? other) =>
        other is not null
        && Id == other.Id
        && ConvertedCustomerId == other.ConvertedCustomerId
        && _stages.AsSpan().SequenceEqual(other._stages);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Lead);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, ConvertedCustomerId, _stages.Length, _stages[0]);

    /// <summary>Describes the lead by id and stage count.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"Lead {Id} ({_stages.Length} stages{(ConvertedCustomerId is { } c ? $", converted to {c}" : string.Empty)})";
}
