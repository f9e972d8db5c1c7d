using Crm.Domain.Internal;

namespace Crm.Domain.Customers;

/// <summary>The personal profile of an individual customer (客户个人资料). Personal data.</summary>
/// <remarks>Immutable; equality by value. <see cref="ToString"/> shows no personal data.</remarks>
public sealed record PersonProfile
{
    /// <summary>Creates a personal profile.</summary>
    /// <param name="name">The person's name as they use it; not empty.</param>
    /// <param name="gender">The gender, when stated; <c>null</c> when not.</param>
    /// <param name="birthDate">The birth date (ISO calendar), when known.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or padded, an argument is undefined, or the date is not ISO.</exception>
    public PersonProfile(string name, Gender? gender = null, LocalDate? birthDate = null)
    {
        Name = Rules.Key(name, nameof(name));
        Gender = gender is { } g ? Rules.Defined(g, nameof(gender)) : null;
        BirthDate = birthDate is { } d ? Rules.IsoCalendar(d, nameof(birthDate)) : null;
    }

    /// <summary>The person's name.</summary>
    public string Name { get; }

    /// <summary>The gender, or <c>null</c> when not stated.</summary>
    public Gender? Gender { get; }

    /// <summary>The birth date, or <c>null</c> when not known.</summary>
    public LocalDate? BirthDate { get; }

    /// <summary>Describes the profile without personal data.</summary>
    /// <returns>A constant description.</returns>
    public override string ToString() => "PersonProfile (personal data hidden)";
}
