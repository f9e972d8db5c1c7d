namespace Crm.Metrics.Care;

/// <summary>A day the caller wants every customer greeted on (a public holiday, a shop anniversary).</summary>
/// <param name="Date">The date (an ISO calendar date; a holiday in several years is listed once per year).</param>
/// <param name="Name">Its name, e.g. "Spring Festival".</param>
public sealed record Holiday(LocalDate Date, string Name)
{
    /// <summary>Its name, e.g. "Spring Festival".</summary>
    public string Name { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Name)); } = Crm.Internal.Checked.NotNull(Name, nameof(Name));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
