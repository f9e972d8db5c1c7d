using Crm.Domain.Internal;

namespace Crm.Domain.Activity;

/// <summary>
/// A conversion funnel (转化): the caller's ordered stage names, e.g. <c>lead, qualified, proposal, won</c> or
/// <c>注册, 联系, 成交</c>. Every business names its own stages, so they are data, not an enumeration.
/// </summary>
/// <remarks>Stage names are compared ordinally. Immutable; thread-safe.</remarks>
public sealed class Funnel
{
    private readonly string[] _stages;
    private readonly System.Collections.ObjectModel.ReadOnlyCollection<string> _view;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a funnel.</summary>
    /// <param name="stages">The stage names in funnel order; at least two, distinct, none empty or padded.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stages"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two stages, or a name is empty, padded or repeated.</exception>
    public Funnel(IEnumerable<string> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        _stages = [.. stages];
        _view = Array.AsReadOnly(_stages);
        if (_stages.Length < 2)
        {
            throw new ArgumentException($"A funnel needs at least two stages; got {_stages.Length}.", nameof(stages));
        }

        _index = new Dictionary<string, int>(_stages.Length, StringComparer.Ordinal);
        for (var i = 0; i < _stages.Length; i++)
        {
            var name = Rules.Key(_stages[i], nameof(stages));
            if (!_index.TryAdd(name, i))
            {
                throw new ArgumentException($"The funnel stage \"{name}\" is listed twice.", nameof(stages));
            }
        }
    }

    /// <summary>The stage names in funnel order.</summary>
    public IReadOnlyList<string> Stages => _view;

    /// <summary>The first stage (where leads enter).</summary>
    public string FirstStage => _stages[0];

    /// <summary>The last stage (conversion).</summary>
    public string LastStage => _stages[^1];

    /// <summary>The position of a stage in the funnel.</summary>
    /// <param name="stage">The stage name.</param>
    /// <returns>The zero-based position, or −1 when the funnel has no such stage.</returns>
    public int IndexOf(string stage) => _index.TryGetValue(stage ?? throw new ArgumentNullException(nameof(stage)), out var i) ? i : -1;

    /// <summary>Whether the funnel has a stage of this name.</summary>
    /// <param name="stage">The stage name.</param>
    /// <returns><c>true</c> when it does.</returns>
    public bool Contains(string stage) => _index.ContainsKey(stage ?? throw new ArgumentNullException(nameof(stage)));

    /// <summary>Checks that every stage a lead reached belongs to this funnel.</summary>
    /// <param name="lead">The lead.</param>
    /// <exception cref="ArgumentException">The lead reached a stage the funnel does not have.</exception>
    public void Validate(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        foreach (var stage in lead.Stages)
        {
            if (!_index.ContainsKey(stage.Stage))
            {
                throw new ArgumentException(
                    $"Lead {lead.Id} reached the stage \"{stage.Stage}\", which is not in the funnel ({string.Join(", ", _stages)}).",
                    nameof(lead));
            }
        }
    }

    /// <summary>Formats as the stages joined by arrows.</summary>
    /// <returns>The funnel.</returns>
    public override string ToString() => string.Join(" → ", _stages);
}
