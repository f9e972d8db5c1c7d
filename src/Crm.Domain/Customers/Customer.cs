using Crm.Domain.Internal;

namespace Crm.Domain.Customers;

/// <summary>
/// A customer (客户): the aggregate root of the CRM domain. It holds the profile of a person or an
/// organisation, contact points with per-channel marketing consent, important dates, needs, preferences,
/// tags, where the customer lives and how it was acquired, and a lifecycle stage with its append-only
/// history of transitions.
/// </summary>
/// <remarks>
/// <para>The aggregate guards its own rules: lifecycle transitions follow <see cref="LifecycleRules"/> and go
/// forward in time; a contact point appears once; consent changes go forward in time; after
/// <see cref="Erase"/>, no personal data can be added. A broken rule throws <see cref="DomainException"/>
/// (or <see cref="InvalidLifecycleTransitionException"/>); a bad argument throws
/// <see cref="ArgumentException"/>.</para>
/// <para><see cref="ToString"/> shows the id, kind and stage, never personal data.</para>
/// <para>Instances are mutable and not thread-safe; the collections they expose are read-only views.</para>
/// </remarks>
public sealed class Customer
{
    private readonly List<ContactPoint> _contactPoints = [];
    private readonly List<ImportantDate> _customDates = [];
    private readonly List<CustomerNeed> _needs = [];
    private readonly SortedSet<string> _tags = new(StringComparer.Ordinal);
    private readonly List<LifecycleTransition> _lifecycle = [];

    private Customer(CustomerId id, CustomerKind kind, PersonProfile? person, OrganisationProfile? organisation, LifecycleStage initialStage, Instant createdAt, string reason)
    {
        Id = Rules.Initialised(id, nameof(id));
        Kind = kind;
        Person = person;
        Organisation = organisation;
        _lifecycle.Add(new LifecycleTransition(null, initialStage, createdAt, reason));
    }

    /// <summary>Creates an individual customer.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="profile">The personal profile.</param>
    /// <param name="createdAt">When the customer record starts; the first lifecycle entry is at this instant.</param>
    /// <param name="initialStage">The first lifecycle stage; <see cref="LifecycleStage.Prospect"/> by default.</param>
    /// <param name="reason">Why the customer starts in that stage; "created" by default.</param>
    /// <returns>The new customer.</returns>
    /// <exception cref="ArgumentException">The id is default, the profile is null, the stage is undefined or the reason empty.</exception>
    public static Customer CreatePerson(CustomerId id, PersonProfile profile, Instant createdAt, LifecycleStage initialStage = LifecycleStage.Prospect, string reason = "created")
    {
        ArgumentNullException.ThrowIfNull(profile);
        Rules.Defined(initialStage, nameof(initialStage));
        return new Customer(id, CustomerKind.Person, profile, null, initialStage, createdAt, reason);
    }

    /// <summary>Creates an organisation customer.</summary>
    /// <param name="id">The customer's id.</param>
    /// <param name="profile">The organisation profile.</param>
    /// <param name="createdAt">When the customer record starts; the first lifecycle entry is at this instant.</param>
    /// <param name="initialStage">The first lifecycle stage; <see cref="LifecycleStage.Prospect"/> by default.</param>
    /// <param name="reason">Why the customer starts in that stage; "created" by default.</param>
    /// <returns>The new customer.</returns>
    /// <exception cref="ArgumentException">The id is default, the profile is null, the stage is undefined or the reason empty.</exception>
    public static Customer CreateOrganisation(CustomerId id, OrganisationProfile profile, Instant createdAt, LifecycleStage initialStage = LifecycleStage.Prospect, string reason = "created")
    {
        ArgumentNullException.ThrowIfNull(profile);
        Rules.Defined(initialStage, nameof(initialStage));
        return new Customer(id, CustomerKind.Organisation, null, profile, initialStage, createdAt, reason);
    }

    /// <summary>The customer's id.</summary>
    public CustomerId Id { get; }

    /// <summary>Person or organisation.</summary>
    public CustomerKind Kind { get; }

    /// <summary>The personal profile of a person; <c>null</c> for an organisation or after erasure.</summary>
    public PersonProfile? Person { get; private set; }

    /// <summary>The profile of an organisation; <c>null</c> for a person or after erasure.</summary>
    public OrganisationProfile? Organisation { get; private set; }

    /// <summary>The customer's home time zone, or <c>null</c> when not known. Kept on erasure.</summary>
    public DateTimeZone? HomeTimeZone { get; private set; }

    /// <summary>ISO 3166-1 alpha-2 country code (two upper-case letters), or <c>null</c>. Kept on erasure.</summary>
    public string? CountryCode { get; private set; }

    /// <summary>A region within the country (province, state, sales region), or <c>null</c>. Kept on erasure.</summary>
    public string? Region { get; private set; }

    /// <summary>When the customer was acquired, or <c>null</c> when not recorded. Kept on erasure.</summary>
    public Instant? AcquiredAt { get; private set; }

    /// <summary>The channel the customer was acquired through (caller-defined, e.g. "search ads"), or <c>null</c>. Kept on erasure.</summary>
    public string? AcquisitionChannel { get; private set; }

    /// <summary>The contact points, in the order added.</summary>
    public IReadOnlyList<ContactPoint> ContactPoints => _contactPoints.AsReadOnly();

    /// <summary>
    /// The customer's important dates: the birthday (from <see cref="PersonProfile.BirthDate"/>), the founding
    /// anniversary (from <see cref="OrganisationProfile.FoundedOn"/>), then the custom dates in the order added.
    /// </summary>
    public IReadOnlyList<ImportantDate> ImportantDates
    {
        get
        {
            var dates = new List<ImportantDate>(_customDates.Count + 1);
            if (Person?.BirthDate is { } birth)
            {
                dates.Add(new ImportantDate(ImportantDateKind.Birthday, birth));
            }

            if (Organisation?.FoundedOn is { } founded)
            {
                dates.Add(new ImportantDate(ImportantDateKind.FoundingAnniversary, founded));
            }

            dates.AddRange(_customDates);
            return dates.AsReadOnly();
        }
    }

    /// <summary>The needs the customer expressed, in the order added.</summary>
    public IReadOnlyList<CustomerNeed> Needs => _needs.AsReadOnly();

    /// <summary>The customer's preferences; <see cref="CustomerPreferences.None"/> until set.</summary>
    public CustomerPreferences Preferences { get; private set; } = CustomerPreferences.None;

    /// <summary>The tags, in ordinal order (a copy).</summary>
    public IReadOnlyCollection<string> Tags => Array.AsReadOnly([.. _tags]);

    /// <summary>The current lifecycle stage (the last entry of <see cref="LifecycleHistory"/>).</summary>
    public LifecycleStage Stage => _lifecycle[^1].To;

    /// <summary>The append-only lifecycle history, oldest first; never empty. Kept on erasure.</summary>
    public IReadOnlyList<LifecycleTransition> LifecycleHistory => _lifecycle.AsReadOnly();

    /// <summary>When the customer's personal data was erased, or <c>null</c>.</summary>
    public Instant? ErasedAt { get; private set; }

    /// <summary>Whether the customer's personal data was erased.</summary>
    public bool IsErased => ErasedAt is not null;

    /// <summary>Replaces the personal profile of a person.</summary>
    /// <param name="profile">The new profile.</param>
    /// <exception cref="DomainException">The customer is an organisation, or was erased.</exception>
    public void UpdateProfile(PersonProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        RequireNotErased();
        if (Kind != CustomerKind.Person)
        {
            throw new DomainException($"Customer {Id} is an organisation; update its organisation profile instead.");
        }

        Person = profile;
    }

    /// <summary>Replaces the profile of an organisation.</summary>
    /// <param name="profile">The new profile.</param>
    /// <exception cref="DomainException">The customer is a person, or was erased.</exception>
    public void UpdateProfile(OrganisationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        RequireNotErased();
        if (Kind != CustomerKind.Organisation)
        {
            throw new DomainException($"Customer {Id} is a person; update its person profile instead.");
        }

        Organisation = profile;
    }

    /// <summary>Sets the home time zone.</summary>
    /// <param name="zone">The zone.</param>
    public void SetHomeTimeZone(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        HomeTimeZone = zone;
    }

    /// <summary>Sets the home time zone from its IANA id (e.g. <c>Europe/Berlin</c>), resolved through NodaTime's TZDB.</summary>
    /// <param name="ianaId">The IANA time-zone id.</param>
    /// <exception cref="ArgumentException">The id is empty or not a known TZDB zone.</exception>
    public void SetHomeTimeZone(string ianaId)
    {
        Rules.Key(ianaId, nameof(ianaId));
        HomeTimeZone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(ianaId)
            ?? throw new ArgumentException($"{Rules.Describe(ianaId)} is not a known IANA time-zone id (e.g. \"Europe/Berlin\", \"Asia/Shanghai\").", nameof(ianaId));
    }

    /// <summary>Sets where the customer is.</summary>
    /// <param name="countryCode">ISO 3166-1 alpha-2 code (two upper-case letters), or <c>null</c>.</param>
    /// <param name="region">A region within the country, or <c>null</c>.</param>
    /// <exception cref="ArgumentException">The country code is not two upper-case letters, or the region is empty or padded.</exception>
    /// <exception cref="DomainException">The customer was erased.</exception>
    public void SetLocation(string? countryCode, string? region = null)
    {
        if (countryCode is not null && (countryCode.Length != 2 || !char.IsAsciiLetterUpper(countryCode[0]) || !char.IsAsciiLetterUpper(countryCode[1])))
        {
            throw new ArgumentException($"A country code is two upper-case letters (ISO 3166-1 alpha-2), e.g. \"DE\"; got {Rules.Describe(countryCode)}.", nameof(countryCode));
        }

        var validRegion = Rules.OptionalKey(region, nameof(region));
        RequireNotErased();
        CountryCode = countryCode;
        Region = validRegion;
    }

    /// <summary>Records when and through which channel the customer was acquired (a later call corrects it).</summary>
    /// <param name="at">When the customer was acquired.</param>
    /// <param name="channel">The acquisition channel, or <c>null</c>.</param>
    /// <exception cref="ArgumentException">The channel is empty or padded.</exception>
    public void RecordAcquisition(Instant at, string? channel = null)
    {
        AcquisitionChannel = Rules.OptionalKey(channel, nameof(channel));
        AcquiredAt = at;
    }

    /// <summary>Adds a contact point.</summary>
    /// <param name="contactPoint">The contact point.</param>
    /// <exception cref="DomainException">The customer already has this contact point (same kind and value), or was erased.</exception>
    public void AddContactPoint(ContactPoint contactPoint)
    {
        ArgumentNullException.ThrowIfNull(contactPoint);
        RequireNotErased();
        if (IndexOfContactPoint(contactPoint.Kind, contactPoint.Value) >= 0)
        {
            throw new DomainException($"Customer {Id} already has this {contactPoint.Kind} contact point; change its consent instead of adding it again.");
        }

        _contactPoints.Add(contactPoint);
    }

    /// <summary>Removes a contact point.</summary>
    /// <param name="kind">Its kind.</param>
    /// <param name="value">Its value.</param>
    /// <returns><c>true</c> when it was there.</returns>
    public bool RemoveContactPoint(ContactPointKind kind, string value)
    {
        var index = IndexOfContactPoint(kind, value);
        if (index < 0)
        {
            return false;
        }

        _contactPoints.RemoveAt(index);
        return true;
    }

    /// <summary>Records that the customer granted marketing consent on a contact point.</summary>
    /// <param name="kind">The contact point's kind.</param>
    /// <param name="value">The contact point's value.</param>
    /// <param name="at">When consent was given; not before the contact point's last consent change.</param>
    /// <exception cref="DomainException">No such contact point, the instant goes back in time, or the customer was erased.</exception>
    public void GrantMarketingConsent(ContactPointKind kind, string value, Instant at) =>
        ChangeConsent(kind, value, new MarketingConsent(ConsentStatus.Granted, at));

    /// <summary>Records that the customer withdrew marketing consent on a contact point.</summary>
    /// <param name="kind">The contact point's kind.</param>
    /// <param name="value">The contact point's value.</param>
    /// <param name="at">When consent was withdrawn; not before the contact point's last consent change.</param>
    /// <exception cref="DomainException">No such contact point, or the instant goes back in time.</exception>
    public void WithdrawMarketingConsent(ContactPointKind kind, string value, Instant at) =>
        ChangeConsent(kind, value, new MarketingConsent(ConsentStatus.Withdrawn, at));

    /// <summary>Whether marketing is allowed on at least one contact point of the given kind.</summary>
    /// <param name="kind">The channel.</param>
    /// <returns><c>true</c> when a contact point of that kind has granted consent.</returns>
    public bool HasMarketingConsent(ContactPointKind kind) =>
        _contactPoints.Exists(c => c.Kind == kind && c.AllowsMarketing);

    /// <summary>Adds a custom important date.</summary>
    /// <param name="label">What the date is (e.g. "wedding anniversary"); not empty.</param>
    /// <param name="date">The date (ISO calendar).</param>
    /// <exception cref="ArgumentException">The label is empty or padded, or the date is not ISO.</exception>
    /// <exception cref="DomainException">The customer was erased.</exception>
    public void AddCustomDate(string label, LocalDate date)
    {
        var importantDate = new ImportantDate(ImportantDateKind.Custom, date, label);
        RequireNotErased();
        _customDates.Add(importantDate);
    }

    /// <summary>Adds a need.</summary>
    /// <param name="need">The need.</param>
    /// <exception cref="DomainException">The customer was erased.</exception>
    public void AddNeed(CustomerNeed need)
    {
        ArgumentNullException.ThrowIfNull(need);
        RequireNotErased();
        _needs.Add(need);
    }

    /// <summary>Replaces a need (to change its status or priority).</summary>
    /// <param name="existing">The need as it is now.</param>
    /// <param name="replacement">The need as it should be.</param>
    /// <exception cref="DomainException">The customer has no such need, or was erased.</exception>
    public void ReplaceNeed(CustomerNeed existing, CustomerNeed replacement)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(replacement);
        RequireNotErased();
        var index = _needs.IndexOf(existing);
        if (index < 0)
        {
            throw new DomainException($"Customer {Id} has no such need; add it first.");
        }

        _needs[index] = replacement;
    }

    /// <summary>Removes a need.</summary>
    /// <param name="need">The need.</param>
    /// <returns><c>true</c> when it was there.</returns>
    public bool RemoveNeed(CustomerNeed need) => _needs.Remove(need);

    /// <summary>Replaces the customer's preferences.</summary>
    /// <param name="preferences">The preferences.</param>
    /// <exception cref="DomainException">The customer was erased.</exception>
    public void SetPreferences(CustomerPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        RequireNotErased();
        Preferences = preferences;
    }

    /// <summary>Adds a tag (ordinal; adding an existing tag changes nothing).</summary>
    /// <param name="tag">The tag; not empty, not padded.</param>
    /// <returns><c>true</c> when the tag was new.</returns>
    /// <exception cref="DomainException">The customer was erased.</exception>
    public bool AddTag(string tag)
    {
        Rules.Key(tag, nameof(tag));
        RequireNotErased();
        return _tags.Add(tag);
    }

    /// <summary>Removes a tag.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns><c>true</c> when it was there.</returns>
    public bool RemoveTag(string tag) => _tags.Remove(tag);

    /// <summary>Moves the customer to another lifecycle stage and records the transition.</summary>
    /// <param name="stage">The stage to enter; allowed from the current stage by <see cref="LifecycleRules"/>.</param>
    /// <param name="at">When; not earlier than the last entry of the history.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <exception cref="InvalidLifecycleTransitionException">The transition is not in the table.</exception>
    /// <exception cref="DomainException"><paramref name="at"/> is earlier than the last recorded transition.</exception>
    public void MoveTo(LifecycleStage stage, Instant at, string reason)
    {
        Rules.Defined(stage, nameof(stage));
        var transition = new LifecycleTransition(Stage, stage, at, reason);
        if (!LifecycleRules.CanMove(Stage, stage))
        {
            throw new InvalidLifecycleTransitionException(Id, Stage, stage);
        }

        var last = _lifecycle[^1].At;
        if (at < last)
        {
            throw new DomainException(
                $"Customer {Id}: the lifecycle history is append-only in time order; a transition at {at} cannot follow the one at {last}.");
        }

        _lifecycle.Add(transition);
    }

    /// <summary>
    /// Erases the customer's personal data on request (数据安全与隐私保护): the person or organisation profile,
    /// contact points and their consents, custom important dates, needs, preferences and tags, and the free-text
    /// reasons of the lifecycle history (they can name people; each becomes <see cref="ErasedReason"/>). The id, the
    /// kind, the home time zone, country and region, the acquisition and the lifecycle's stages and instants are
    /// kept, so metrics over the customer's activity stay correct. Erasing an erased customer changes nothing.
    /// </summary>
    /// <param name="at">When the erasure happened.</param>
    public void Erase(Instant at)
    {
        if (IsErased)
        {
            return;
        }

        Person = null;
        Organisation = null;
        _contactPoints.Clear();
        _customDates.Clear();
        _needs.Clear();
        _tags.Clear();
        Preferences = CustomerPreferences.None;

        // Free-text reasons can name people ("moved to VIP after Ada's call"): the stages and instants stay.
        for (var i = 0; i < _lifecycle.Count; i++)
        {
            var entry = _lifecycle[i];
            _lifecycle[i] = new LifecycleTransition(entry.From, entry.To, entry.At, ErasedReason);
        }

        ErasedAt = at;
    }

    /// <summary>The reason every lifecycle entry holds after <see cref="Erase"/>.</summary>
    public const string ErasedReason = "(erased)";

    /// <summary>Describes the customer by id, kind and stage, without personal data.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"Customer {Id} ({Kind}, {Stage}{(IsErased ? ", erased" : string.Empty)})";

    private void ChangeConsent(ContactPointKind kind, string value, MarketingConsent consent)
    {
        var index = IndexOfContactPoint(kind, value);
        if (index < 0)
        {
            throw new DomainException($"Customer {Id} has no such {kind} contact point; add it before recording consent.");
        }

        var current = _contactPoints[index];
        if (current.Consent is { } previous && consent.At < previous.At)
        {
            throw new DomainException(
                $"Customer {Id}: the consent on this {kind} contact point changed at {previous.At}; a change at {consent.At} cannot come after it.");
        }

        _contactPoints[index] = current.WithConsent(consent);
    }

    private int IndexOfContactPoint(ContactPointKind kind, string value) =>
        _contactPoints.FindIndex(c => c.Matches(kind, value));

    private void RequireNotErased()
    {
        if (IsErased)
        {
            throw new DomainException(
                $"Customer {Id} was erased on request; personal data can no longer be added. Create a new customer if the person returns and consents.");
        }
    }
}
