using Crm.Domain.Internal;

namespace Crm.Domain.Customers;

/// <summary>
/// A date that matters to a customer relationship (特殊日子) — a birthday, a founding anniversary or a
/// custom date — the basis of care activities (关怀: greetings, gifts).
/// </summary>
/// <remarks>Immutable; equality by value. The label of a custom date may be personal: <see cref="ToString"/> hides it.</remarks>
public sealed record ImportantDate
{
    /// <summary>Creates an important date.</summary>
    /// <param name="kind">What the date is.</param>
    /// <param name="date">The date (ISO calendar); for recurring dates, the original date (the birth date, the founding date).</param>
    /// <param name="label">A label; required for <see cref="ImportantDateKind.Custom"/>, optional otherwise.</param>
    /// <exception cref="ArgumentException">The kind is undefined, the date is not ISO, or a custom date has no label.</exception>
    public ImportantDate(ImportantDateKind kind, LocalDate date, string? label = null)
    {
        Kind = Rules.Defined(kind, nameof(kind));
        Date = Rules.IsoCalendar(date, nameof(date));
        Label = kind == ImportantDateKind.Custom ? Rules.Key(label, nameof(label)) : Rules.OptionalKey(label, nameof(label));
    }

    /// <summary>What the date is.</summary>
    public ImportantDateKind Kind { get; }

    /// <summary>The original date.</summary>
    public LocalDate Date { get; }

    /// <summary>The label, or <c>null</c>.</summary>
    public string? Label { get; }

    /// <summary>Describes the date by kind only.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"ImportantDate ({Kind})";
}
