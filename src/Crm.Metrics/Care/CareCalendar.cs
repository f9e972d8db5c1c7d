using System.Globalization;
using Crm.Domain.Customers;

namespace Crm.Metrics.Care;

/// <summary>A day the caller wants every customer greeted on (a public holiday, a shop anniversary).</summary>
/// <param name="Date">The date (an ISO calendar date; a holiday in several years is listed once per year).</param>
/// <param name="Name">Its name, e.g. "Spring Festival".</param>
public sealed record Holiday(LocalDate Date, string Name)
{
    /// <summary>Its name, e.g. "Spring Festival".</summary>
    public string Name { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Name)); } = Crm.Internal.Checked.NotNull(Name, nameof(Name));

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

/// <summary>What an occasion of the care calendar is.</summary>
public enum OccasionKind
{
    /// <summary>A person's birthday.</summary>
    Birthday,

    /// <summary>An organisation's founding anniversary.</summary>
    FoundingAnniversary,

    /// <summary>A custom date of the customer (an anniversary of the caller's choosing).</summary>
    Custom,

    /// <summary>A holiday from the caller's list.</summary>
    Holiday,
}

/// <summary>Where the anniversary of 29 February falls in a year that has none.</summary>
public enum LeapDayRule
{
    /// <summary>On 28 February (the default: still in February, never late).</summary>
    February28,

    /// <summary>On 1 March (the day after 28 February).</summary>
    March1,
}

/// <summary>Options of the care calendar.</summary>
public sealed record CareCalendarOptions
{
    /// <summary>The zone of customers without a home time zone; default UTC.</summary>
    public DateTimeZone DefaultZone { get; init; } = DateTimeZone.Utc;

    /// <summary>Where 29 February anniversaries fall in other years; default 28 February.</summary>
    public LeapDayRule LeapDay { get; init; } = LeapDayRule.February28;

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}

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

/// <summary>
/// The care calendar of the "Concern" principle of 5C (关怀): for a range of dates, every customer's birthdays,
/// founding anniversaries, custom dates and the caller's holidays, on the local date in the customer's own zone,
/// with the channel to use. A customer who consented to no channel is listed as not contactable, never dropped;
/// erased customers have no occasions (their dates are gone, and they must not be contacted).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class CareCalendar
{
    private static readonly ContactPointKind[] ChannelOrder = [ContactPointKind.Email, ContactPointKind.Phone, ContactPointKind.SocialHandle, ContactPointKind.Postal];

    /// <summary>The occasions of the customers whose local date falls in <paramref name="dates"/>, by date, then customer, then kind.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="dates">The range of local dates (inclusive), read in each customer's zone; ISO calendar.</param>
    /// <param name="holidays">Days to greet every customer on; optional.</param>
    /// <param name="options">The default zone and the leap-day rule; null for the defaults.</param>
    /// <returns>The occasions.</returns>
    /// <exception cref="ArgumentException">The range is not in the ISO calendar, a holiday has no name, or a customer appears twice.</exception>
    public static IReadOnlyList<CareOccasion> For(IEnumerable<Customer> customers, DateInterval dates, IEnumerable<Holiday>? holidays = null, CareCalendarOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(dates);
        options ??= new CareCalendarOptions();
        if (dates.Start.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException("The care calendar's range must be ISO calendar dates.", nameof(dates));
        }

        var holidayList = (holidays ?? []).ToList();
        if (holidayList.Any(h => h is null || string.IsNullOrWhiteSpace(h.Name)))
        {
            throw new ArgumentException("Every holiday needs a name.", nameof(holidays));
        }

        var occasions = new List<CareOccasion>();
        var seen = new HashSet<CustomerId>();
        foreach (var element in customers)
        {
            var customer = Crm.Internal.Elements.NotNull(element, nameof(customers));
            if (!seen.Add(customer.Id))
            {
                throw new ArgumentException($"Customer '{customer.Id}' appears twice: pass each customer once.", nameof(customers));
            }

            if (customer.IsErased)
            {
                continue;
            }

            var zone = customer.HomeTimeZone ?? options.DefaultZone;
            var channel = ChannelFor(customer);
            foreach (var important in customer.ImportantDates)
            {
                var (kind, name) = important.Kind switch
                {
                    ImportantDateKind.Birthday => (OccasionKind.Birthday, "Birthday"),
                    ImportantDateKind.FoundingAnniversary => (OccasionKind.FoundingAnniversary, "Founding anniversary"),
                    _ => (OccasionKind.Custom, important.Label ?? "Anniversary"),
                };
                for (var year = dates.Start.Year; year <= dates.End.Year; year++)
                {
                    if (year < important.Date.Year)
                    {
                        continue;
                    }

                    var date = InYear(important.Date, year, options.LeapDay);
                    if (dates.Contains(date))
                    {
                        occasions.Add(new CareOccasion(customer.Id, kind, name, date, Internal.ZoneDays.StartOf(zone, date), year - important.Date.Year, channel));
                    }
                }
            }

            foreach (var holiday in holidayList)
            {
                if (dates.Contains(holiday.Date))
                {
                    occasions.Add(new CareOccasion(customer.Id, OccasionKind.Holiday, holiday.Name, holiday.Date, Internal.ZoneDays.StartOf(zone, holiday.Date), null, channel));
                }
            }
        }

        return occasions.OrderBy(o => o.Date).ThenBy(o => o.CustomerId).ThenBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.Ordinal).ToList().AsReadOnly();
    }

    /// <summary>The anniversary of <paramref name="original"/> in <paramref name="year"/>; 29 February by the rule in other years.</summary>
    /// <param name="original">The original date.</param>
    /// <param name="year">The year of the anniversary.</param>
    /// <param name="rule">Where 29 February falls in a year without one.</param>
    /// <returns>The anniversary's date.</returns>
    public static LocalDate InYear(LocalDate original, int year, LeapDayRule rule = LeapDayRule.February28)
    {
        if (original.Month == 2 && original.Day == 29 && !CalendarSystem.Iso.IsLeapYear(year))
        {
            return rule == LeapDayRule.March1 ? new LocalDate(year, 3, 1) : new LocalDate(year, 2, 28);
        }

        return new LocalDate(year, original.Month, original.Day);
    }

    private static ContactPointKind? ChannelFor(Customer customer)
    {
        if (customer.Preferences.PreferredChannel is { } preferred && customer.HasMarketingConsent(preferred))
        {
            return preferred;
        }

        foreach (var kind in ChannelOrder)
        {
            if (customer.HasMarketingConsent(kind))
            {
                return kind;
            }
        }

        return null;
    }
}
