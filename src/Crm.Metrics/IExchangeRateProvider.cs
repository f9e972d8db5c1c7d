namespace Crm.Metrics;

/// <summary>
/// Converts amounts between currencies, so a scorecard can include activity in other currencies than its own.
/// Implement it over your own rates (we ship none that fetches them) and register it before
/// <c>AddCrmMetrics()</c>. Without one, activity in a second currency is an error naming both.
/// </summary>
/// <remarks>Implementations must be thread-safe: the metrics services are singletons.</remarks>
public interface IExchangeRateProvider
{
    /// <summary>The rate to multiply an amount in <paramref name="source"/> by to get <paramref name="target"/>.</summary>
    /// <param name="source">The currency of the amount.</param>
    /// <param name="target">The scorecard's currency.</param>
    /// <param name="day">The local date (in the reporting zone) of the activity the amount belongs to.</param>
    /// <returns>A positive rate.</returns>
    decimal GetRate(Currency source, Currency target, LocalDate day);
}
