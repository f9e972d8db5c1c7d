namespace Crm.Domain.Activity;

/// <summary>Whether a purchase record is a sale or a refund.</summary>
public enum PurchaseKind
{
    /// <summary>A sale: money received from the customer.</summary>
    Sale = 0,

    /// <summary>A refund: money returned to the customer.</summary>
    Refund = 1,
}

/// <summary>The channel a purchase was made through (online platform, store, app, partner/distributor).</summary>
public enum SalesChannel
{
    /// <summary>An online shop or platform.</summary>
    Online = 0,

    /// <summary>A physical store.</summary>
    Store = 1,

    /// <summary>A mobile app.</summary>
    MobileApp = 2,

    /// <summary>A partner or distributor.</summary>
    Partner = 3,

    /// <summary>Direct sales staff.</summary>
    DirectSales = 4,

    /// <summary>Any other channel, or not recorded.</summary>
    Other = 5,
}

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

/// <summary>Who started an interaction.</summary>
public enum InteractionDirection
{
    /// <summary>The customer contacted the business.</summary>
    Inbound = 0,

    /// <summary>The business contacted the customer.</summary>
    Outbound = 1,
}

/// <summary>Why an interaction happened.</summary>
public enum InteractionPurpose
{
    /// <summary>A question or request for information.</summary>
    Inquiry = 0,

    /// <summary>Selling.</summary>
    Sales = 1,

    /// <summary>Support or after-sales service.</summary>
    Support = 2,

    /// <summary>Care: a greeting or gift on a special day (关怀).</summary>
    Care = 3,

    /// <summary>A follow-up visit or call (回访).</summary>
    FollowUpVisit = 4,

    /// <summary>A complaint.</summary>
    Complaint = 5,
}

/// <summary>What a survey question measures; each kind has its own scale (<see cref="SurveyScale.For"/>).</summary>
public enum SurveyKind
{
    /// <summary>Customer satisfaction, 1–5 (5 = very satisfied).</summary>
    Csat = 0,

    /// <summary>Net Promoter Score question, 0–10 (10 = extremely likely to recommend).</summary>
    Nps = 1,

    /// <summary>Customer Effort Score (CES 2.0), 1–7 (7 = very easy).</summary>
    Ces = 2,
}

/// <summary>How serious a complaint is.</summary>
public enum ComplaintSeverity
{
    /// <summary>Low.</summary>
    Low = 0,

    /// <summary>Normal.</summary>
    Normal = 1,

    /// <summary>High.</summary>
    High = 2,

    /// <summary>Critical.</summary>
    Critical = 3,
}

/// <summary>What a piece of unsolicited feedback is.</summary>
public enum FeedbackKind
{
    /// <summary>A suggestion (建议).</summary>
    Suggestion = 0,

    /// <summary>Praise (表扬).</summary>
    Praise = 1,
}

/// <summary>What a CRM cost is for.</summary>
public enum CostKind
{
    /// <summary>Acquiring customers (获取成本): advertising, promotion, sales staff.</summary>
    Acquisition = 0,

    /// <summary>Keeping customers (维系成本): service, after-sales, loyalty.</summary>
    Retention = 1,

    /// <summary>Other CRM costs, such as training or CRM software.</summary>
    Other = 2,
}
