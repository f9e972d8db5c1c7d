using Crm.Domain.Internal;

namespace Crm.Domain.Customers;

/// <summary>The profile of an organisation customer (企业客户).</summary>
/// <remarks>Immutable; equality by value. <see cref="ToString"/> shows the industry and size only.</remarks>
public sealed record OrganisationProfile
{
    /// <summary>Creates an organisation profile.</summary>
    /// <param name="legalName">The registered company name; not empty.</param>
    /// <param name="industry">The industry category (行业类别), when known.</param>
    /// <param name="size">The size band, when known.</param>
    /// <param name="registeredCapital">The registered capital (注册资本), not negative, when known.</param>
    /// <param name="foundedOn">The founding date (成立时间, ISO calendar), when known.</param>
    /// <param name="businessScope">The business scope (经营范围), when known.</param>
    /// <exception cref="ArgumentException">A text is empty or padded, an enum value is undefined, the capital is negative, or the date is not ISO.</exception>
    public OrganisationProfile(
        string legalName,
        string? industry = null,
        OrganisationSize? size = null,
        Money? registeredCapital = null,
        LocalDate? foundedOn = null,
        string? businessScope = null)
    {
        LegalName = Rules.Key(legalName, nameof(legalName));
        Industry = Rules.OptionalKey(industry, nameof(industry));
        Size = size is { } s ? Rules.Defined(s, nameof(size)) : null;
        RegisteredCapital = registeredCapital is { } c ? Rules.NonNegative(c, nameof(registeredCapital)) : null;
        FoundedOn = foundedOn is { } d ? Rules.IsoCalendar(d, nameof(foundedOn)) : null;
        BusinessScope = Rules.OptionalKey(businessScope, nameof(businessScope));
    }

    /// <summary>The registered company name.</summary>
    public string LegalName { get; }

    /// <summary>The industry category, or <c>null</c>.</summary>
    public string? Industry { get; }

    /// <summary>The size band, or <c>null</c>.</summary>
    public OrganisationSize? Size { get; }

    /// <summary>The registered capital, or <c>null</c>.</summary>
    public Money? RegisteredCapital { get; }

    /// <summary>The founding date, or <c>null</c>.</summary>
    public LocalDate? FoundedOn { get; }

    /// <summary>The business scope, or <c>null</c>.</summary>
    public string? BusinessScope { get; }

    /// <summary>Describes the profile by industry and size, without the name.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        $"OrganisationProfile (industry: {Industry ?? "unknown"}, size: {Size?.ToString() ?? "unknown"})";
}
