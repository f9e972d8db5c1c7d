namespace Crm.Domain.Activity;

/// <summary>A channel of communication with a customer (沟通渠道).</summary>
public enum CommunicationChannel
{
    /// <summary>Face to face (面对面).</summary>
    FaceToFace = 0,

    /// <summary>Telephone (电话).</summary>
    Phone = 1,

    /// <summary>E-mail (电子邮件).</summary>
    Email = 2,

    /// <summary>Online chat or web customer service (在线客服).</summary>
    OnlineChat = 3,

    /// <summary>Social media: WeChat, Weibo, Facebook … (社交媒体).</summary>
    SocialMedia = 4,

    /// <summary>SMS text message.</summary>
    Sms = 5,

    /// <summary>A mobile app.</summary>
    MobileApp = 6,

    /// <summary>Postal mail.</summary>
    Mail = 7,
}
