namespace Crm.Domain.Assessments;

/// <summary>One answer of an assessment.</summary>
/// <param name="Dimension">The dimension's key.</param>
/// <param name="Item">The item's key within the dimension.</param>
/// <param name="Value">The answer, on the item's scale.</param>
/// <param name="Note">A note; optional.</param>
/// <param name="Evidence">A link to the evidence; optional.</param>
public sealed record Answer(string Dimension, string Item, int Value, string? Note = null, Uri? Evidence = null)
{
    /// <summary>The item's key within the dimension.</summary>
    public string Item { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Item)); } = Crm.Internal.Checked.NotNull(Item, nameof(Item));

    /// <summary>The dimension's key.</summary>
    public string Dimension { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Dimension)); } = Crm.Internal.Checked.NotNull(Dimension, nameof(Dimension));

    /// <summary>The members, numbers and dates in the invariant culture; the note and the evidence link shown as <c>(hidden)</c> (they may be personal data).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this, nameof(Note), nameof(Evidence));
}
