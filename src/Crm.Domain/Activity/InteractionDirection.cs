namespace Crm.Domain.Activity;

/// <summary>Who started an interaction.</summary>
public enum InteractionDirection
{
    /// <summary>The customer contacted the business.</summary>
    Inbound = 0,

    /// <summary>The business contacted the customer.</summary>
    Outbound = 1,
}
