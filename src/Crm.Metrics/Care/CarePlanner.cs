using Crm.Domain.Customers;

namespace Crm.Metrics.Care;

/// <summary>The default <see cref="ICarePlanner"/>: <see cref="CareCalendar.For"/> with the configured zone as the default zone.</summary>
public sealed class CarePlanner : ICarePlanner
{
    private readonly DateTimeZone _zone;

    /// <summary>Creates the service.</summary>
    /// <param name="options">The registered options (their zone is copied).</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CarePlanner(CrmMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _zone = options.DefaultZone;
    }

    /// <inheritdoc />
    public IReadOnlyList<CareOccasion> Occasions(IEnumerable<Customer> customers, DateInterval dates, IEnumerable<Holiday>? holidays = null, LeapDayRule leapDay = LeapDayRule.February28)
    {
        if (!Enum.IsDefined(leapDay))
        {
            throw new ArgumentOutOfRangeException(nameof(leapDay), leapDay, "Not a defined leap-day rule.");
        }

        return CareCalendar.For(customers, dates, holidays, new CareCalendarOptions { DefaultZone = _zone, LeapDay = leapDay });
    }
}
