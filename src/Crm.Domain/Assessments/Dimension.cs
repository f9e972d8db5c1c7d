namespace Crm.Domain.Assessments;

/// <summary>One dimension of a framework.</summary>
/// <param name="Key">A stable key unique within the framework, e.g. <c>Communication</c>.</param>
/// <param name="Name">The name with the original term, e.g. "Communication (沟通)".</param>
/// <param name="Items">Its checklist; at least one item.</param>
/// <param name="Weight">Its weight in the overall score; not negative.</param>
public sealed record Dimension(string Key, string Name, IReadOnlyList<ChecklistItem> Items, double Weight = 1)
{
    /// <summary>Its checklist; at least one item.</summary>
    public IReadOnlyList<ChecklistItem> Items { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Items)); } = Crm.Internal.Checked.NotNull(Items, nameof(Items));

    /// <summary>The name with the original term, e.g. "Communication (沟通)".</summary>
    public string Name { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Name)); } = Crm.Internal.Checked.NotNull(Name, nameof(Name));

    /// <summary>A stable key unique within the framework, e.g. <c>Communication</c>.</summary>
    public string Key { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Key)); } = Crm.Internal.Checked.NotNull(Key, nameof(Key));

    /// <summary>Its weight in the overall score; not negative.</summary>
    public double Weight { get; init => field = Crm.Internal.Finite.Of(value, nameof(Weight)); } = Crm.Internal.Finite.Of(Weight, nameof(Weight));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
