using Crm.Domain.Customers;

namespace Crm.Metrics.Care;

/// <summary>
/// The care calendar through dependency injection: customers without a home zone are read in the configured zone —
/// the same code as <see cref="CareCalendar.For"/>.
/// </summary>
/// <remarks>Registered by <c>AddCrmMetrics</c> as a singleton; stateless and thread-safe.</remarks>
public interface ICarePlanner
{
    /// <summary>The occasions of the customers whose local date falls in <paramref name="dates"/> (see <see cref="CareCalendar.For"/>).</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="dates">The range of local dates (inclusive).</param>
    /// <param name="holidays">Days to greet every customer on; optional.</param>
    /// <param name="leapDay">Where a 29 February occasion falls in other years.</param>
    /// <returns>The occasions, by date, then customer, then kind.</returns>
    /// <exception cref="ArgumentException">The range is not in the ISO calendar, a holiday has no name, or a customer appears twice.</exception>
    IReadOnlyList<CareOccasion> Occasions(IEnumerable<Customer> customers, DateInterval dates, IEnumerable<Holiday>? holidays = null, LeapDayRule leapDay = LeapDayRule.February28);
}
