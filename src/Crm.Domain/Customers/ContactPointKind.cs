namespace Crm.Domain.Customers;

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
