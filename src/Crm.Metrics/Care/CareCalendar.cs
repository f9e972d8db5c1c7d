using Crm.Domain.Customers;

namespace Crm.Metrics.Care;

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
