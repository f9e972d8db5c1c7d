namespace Crm.Domain.LoyaltyProgrammes;

/// <summary>Where earned points came from.</summary>
public enum PointsSource
{
    /// <summary>A purchase.</summary>
    Purchase = 1,

    /// <summary>A campaign or promotion.</summary>
    Campaign = 2,

    /// <summary>A partner of the programme (合作伙伴): an airline, a bank, a co-branded card.</summary>
    Partner = 3,
}
