using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>
/// The programme's measured effect (定期评估忠诚度计划的效果): members against non-members in the period, and members before
/// against after joining. An observational comparison, not a causal estimate: customers who join differ from those who
/// do not in ways these figures do not control for.
/// </summary>
public sealed class ProgrammeEffect
{
    [JsonConstructor]
    internal ProgrammeEffect(GroupFigures members, GroupFigures nonMembers, BeforeAfterFigures beforeAfter)
    {
        Members = ReadBack.Present(members, nameof(members));
        NonMembers = ReadBack.Present(nonMembers, nameof(nonMembers));
        BeforeAfter = ReadBack.Present(beforeAfter, nameof(beforeAfter));
    }

    /// <summary>Customers who were members at the period's end.</summary>
    public GroupFigures Members { get; }

    /// <summary>Every other customer.</summary>
    public GroupFigures NonMembers { get; }

    /// <summary>Members in the days before joining against the days after.</summary>
    public BeforeAfterFigures BeforeAfter { get; }

    /// <summary>The figures in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
