using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Metrics.Loyalty;

namespace Crm.Metrics;

/// <summary>The default <see cref="ILoyaltyCalculator"/>: one <see cref="PurchaseAccumulator"/> per call, nothing else.</summary>
public sealed class LoyaltyCalculator : ILoyaltyCalculator
{
    private readonly CrmMetricsOptions _options;
    private readonly IExchangeRateProvider? _exchangeRates;

    /// <summary>Creates the calculator.</summary>
    /// <param name="options">The registered options (copied).</param>
    /// <param name="exchangeRates">The exchange-rate provider, when registered.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public LoyaltyCalculator(CrmMetricsOptions options, IExchangeRateProvider? exchangeRates = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _exchangeRates = exchangeRates;
    }

    /// <inheritdoc />
    public LoyaltyMetrics Compute(IEnumerable<Purchase> purchases, ReportingPeriod period, IEnumerable<Customer>? customers = null, Currency? currency = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        var watch = Internal.ProgressWatch.For(progress, cancellationToken);
        var accumulator = CreateAccumulator(period, currency);
        foreach (var customer in Internal.ProgressWatch.Watched(customers ?? [], watch))
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(customer, nameof(customers)));
        }

        foreach (var purchase in Internal.ProgressWatch.Watched(purchases, watch))
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(purchase, nameof(purchases)));
        }

        watch?.Finish();
        return Result(accumulator, currency);
    }

    /// <inheritdoc />
    public async ValueTask<LoyaltyMetrics> ComputeAsync(IAsyncEnumerable<Purchase> purchases, ReportingPeriod period, Currency? currency = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        var watch = Internal.ProgressWatch.For(progress, cancellationToken);
        var accumulator = CreateAccumulator(period, currency);
        await foreach (var purchase in Internal.ProgressWatch.Watched(purchases, watch, cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(Crm.Internal.Elements.NotNull(purchase, nameof(purchases)));
        }

        watch?.Finish();
        return Result(accumulator, currency);
    }

    /// <inheritdoc />
    public PurchaseAccumulator CreateAccumulator(ReportingPeriod period, Currency? currency = null)
    {
        if (currency == default(Currency))
        {
            throw new ArgumentException("The currency is the default (uninitialised) value; give an ISO 4217 currency, or null for the first met.", nameof(currency));
        }

        return new(period, _options, currency, _exchangeRates);
    }

    private static LoyaltyMetrics Result(PurchaseAccumulator accumulator, Currency? currency)
    {
        try
        {
            return accumulator.LoyaltyResult(currency ?? Currency.Usd);
        }
        finally
        {
            accumulator.Release(); // the engine owns this accumulator: its pooled tables go back for the next call
        }
    }
}
