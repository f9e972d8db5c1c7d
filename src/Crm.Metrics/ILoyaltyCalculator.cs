using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Loyalty;

namespace Crm.Metrics;

/// <summary>
/// Computes the purchase and loyalty family (revenue, orders, AOV, frequency, repeat rate, retention, growth) on its
/// own, over purchases (and customers' acquisition instants), with a <see cref="PurchaseAccumulator"/>.
/// </summary>
/// <remarks>Implementations are stateless and thread-safe.</remarks>
public interface ILoyaltyCalculator
{
    /// <summary>Computes the family over purchases.</summary>
    /// <param name="purchases">The purchases: those before the period feed history; those after it are ignored.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="customers">Customers whose recorded acquisition instant counts instead of their first sale; optional.</param>
    /// <param name="currency">The result's currency; when <c>null</c>, the first met (USD with no amounts).</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The loyalty metrics.</returns>
    /// <exception cref="ArgumentException">A purchase or customer is null.</exception>
    /// <exception cref="CurrencyMismatchException">A second currency without a registered exchange-rate provider.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    LoyaltyMetrics Compute(IEnumerable<Purchase> purchases, ReportingPeriod period, IEnumerable<Customer>? customers = null, Currency? currency = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Computes the family over streamed purchases.</summary>
    /// <param name="purchases">The purchases.</param>
    /// <param name="period">The reporting period.</param>
    /// <param name="currency">The result's currency; when <c>null</c>, the first met (USD with no amounts).</param>
    /// <param name="progress">Receives the number of records read so far: each multiple of 65,536 once and in order, then the total.</param>
    /// <param name="cancellationToken">Stops the work (checked every 65,536 records); nothing is returned.</param>
    /// <returns>The loyalty metrics.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<LoyaltyMetrics> ComputeAsync(IAsyncEnumerable<Purchase> purchases, ReportingPeriod period, Currency? currency = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>An empty accumulator with the registered options and exchange rates, for partitioned computation.</summary>
    /// <param name="period">The reporting period.</param>
    /// <param name="currency">The result's currency; when <c>null</c>, the first met.</param>
    /// <returns>The accumulator; merge partial ones and take <see cref="PurchaseAccumulator.LoyaltyResult(Currency)"/>.</returns>
    PurchaseAccumulator CreateAccumulator(ReportingPeriod period, Currency? currency = null);
}
