namespace Crm.Domain.Activity;

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
