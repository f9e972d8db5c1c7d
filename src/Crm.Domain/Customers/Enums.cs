namespace Crm.Domain.Customers;

/// <summary>Whether a customer is an individual (个人客户) or an organisation (企业客户).</summary>
public enum CustomerKind
{
    /// <summary>An individual person.</summary>
    Person = 0,

    /// <summary>A company or other organisation.</summary>
    Organisation = 1,
}

/// <summary>A person's gender, when the customer chose to state it (the profile holds <c>null</c> otherwise).</summary>
public enum Gender
{
    /// <summary>Female.</summary>
    Female = 0,

    /// <summary>Male.</summary>
    Male = 1,

    /// <summary>Another gender identity.</summary>
    Other = 2,
}

/// <summary>Size band of an organisation.</summary>
public enum OrganisationSize
{
    /// <summary>A large enterprise.</summary>
    Large = 0,

    /// <summary>A small or medium enterprise.</summary>
    SmallMedium = 1,

    /// <summary>A sole proprietor or individual business.</summary>
    Individual = 2,
}

/// <summary>The kind of a contact point; also the channel a marketing consent applies to.</summary>
public enum ContactPointKind
{
    /// <summary>An e-mail address.</summary>
    Email = 0,

    /// <summary>A telephone number (calls and SMS).</summary>
    Phone = 1,

    /// <summary>A postal address.</summary>
    Postal = 2,

    /// <summary>A social-media handle (WeChat, Weibo, Facebook …; the platform goes in the label).</summary>
    SocialHandle = 3,

    /// <summary>A messaging-app account.</summary>
    Messaging = 4,
}

/// <summary>The state of a marketing consent on one contact point.</summary>
public enum ConsentStatus
{
    /// <summary>The customer agreed to marketing on this contact point.</summary>
    Granted = 0,

    /// <summary>The customer withdrew (or refused) marketing on this contact point.</summary>
    Withdrawn = 1,
}

/// <summary>Priority of a customer need (urgent-and-important … can wait).</summary>
public enum NeedPriority
{
    /// <summary>Urgent and important: act now.</summary>
    UrgentImportant = 0,

    /// <summary>Important but not urgent: plan it.</summary>
    Important = 1,

    /// <summary>Urgent but not important: handle quickly, delegate.</summary>
    Urgent = 2,

    /// <summary>Neither urgent nor important: it can wait.</summary>
    CanWait = 3,
}

/// <summary>Where a customer need stands.</summary>
public enum NeedStatus
{
    /// <summary>Recorded, nothing done yet.</summary>
    Open = 0,

    /// <summary>Being worked on.</summary>
    InProgress = 1,

    /// <summary>Met.</summary>
    Met = 2,

    /// <summary>Dropped (no longer relevant or declined).</summary>
    Dropped = 3,
}

/// <summary>What an important date of a customer is.</summary>
public enum ImportantDateKind
{
    /// <summary>A person's birthday (from <see cref="PersonProfile.BirthDate"/>).</summary>
    Birthday = 0,

    /// <summary>An organisation's founding anniversary (from <see cref="OrganisationProfile.FoundedOn"/>).</summary>
    FoundingAnniversary = 1,

    /// <summary>A date the caller recorded (a wedding anniversary, the first purchase, a contract date …).</summary>
    Custom = 2,
}
