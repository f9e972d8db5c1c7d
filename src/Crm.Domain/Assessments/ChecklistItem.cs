namespace Crm.Domain.Assessments;

/// <summary>One checklist item of a dimension.</summary>
/// <param name="Key">A key unique within its dimension, e.g. <c>segmentation</c>.</param>
/// <param name="Text">What the assessor rates.</param>
/// <param name="Scale">The answers it accepts.</param>
/// <param name="Weight">Its weight within the dimension; not negative.</param>
public sealed record ChecklistItem(string Key, string Text, Scale Scale, double Weight = 1)
{
    /// <summary>The answers it accepts.</summary>
    public Scale Scale { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Scale)); } = Crm.Internal.Checked.NotNull(Scale, nameof(Scale));

    /// <summary>What the assessor rates.</summary>
    public string Text { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Text)); } = Crm.Internal.Checked.NotNull(Text, nameof(Text));

    /// <summary>A key unique within its dimension, e.g. <c>segmentation</c>.</summary>
    public string Key { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Key)); } = Crm.Internal.Checked.NotNull(Key, nameof(Key));

    /// <summary>Its weight within the dimension; not negative.</summary>
    public double Weight { get; init => field = Crm.Internal.Finite.Of(value, nameof(Weight)); } = Crm.Internal.Finite.Of(Weight, nameof(Weight));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
