using Crm.Domain.Customers;

namespace Crm.Metrics.Care;

/// <summary>One occasion to care for a customer.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Kind">What the occasion is.</param>
/// <param name="Name">The occasion's name: "Birthday", "Founding anniversary", the custom date's label, or the holiday's name.</param>
/// <param name="Date">The local date of the occasion in the customer's zone.</param>
/// <param name="StartsAt">The first instant of that date in the customer's zone (midnight, or the first valid instant on a day that starts with a DST gap).</param>
/// <param name="Years">Years since the original date (age turned, anniversary number); null for a holiday.</param>
/// <param name="Channel">The channel to use: the preferred one if the customer consented to it, else the first consented (e-mail, phone, social handle, postal); null when the customer consented to none — listed, not contactable.</param>
public sealed record CareOccasion(CustomerId CustomerId, OccasionKind Kind, string Name, LocalDate Date, Instant StartsAt, int? Years, ContactPointKind? Channel)
{
    /// <summary>The channel to use: the preferred one if the customer consented to it, else the first consented (e-mail, phone, social handle, postal); null when the customer consented to none — listed, not contactable.</summary>
    public ContactPointKind? Channel { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Channel)); } = Crm.Internal.Checked.Defined(Channel, nameof(Channel));

    /// <summary>The occasion's name: "Birthday", "Founding anniversary", the custom date's label, or the holiday's name.</summary>
    public string Name { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Name)); } = Crm.Internal.Checked.NotNull(Name, nameof(Name));

    /// <summary>What the occasion is.</summary>
    public OccasionKind Kind { get; init => field = Crm.Internal.Checked.Defined(value, nameof(Kind)); } = Crm.Internal.Checked.Defined(Kind, nameof(Kind));

    /// <summary>Whether the customer can be contacted for it (a consented channel exists).</summary>
    public bool IsContactable => Channel is not null;

    /// <summary>The members, numbers and dates in the invariant culture; the label, the date and the years (a birthday gives the date of birth) shown as <c>(hidden)</c> (they may be personal data).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this, nameof(Name), nameof(Date), nameof(StartsAt), nameof(Years));
}
