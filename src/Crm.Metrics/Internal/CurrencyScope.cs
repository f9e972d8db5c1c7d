namespace Crm.Metrics.Internal;

/// <summary>
/// The one currency of a scorecard: the caller's, or else the first one met. Amounts in another currency are
/// converted through the exchange-rate provider when one is registered, and are an error naming both otherwise.
/// </summary>
internal sealed class CurrencyScope
{
    private readonly IExchangeRateProvider? _rates;
    private readonly DateTimeZone _zone;

    // Boxed, so that threads reading purchases at once (PurchaseAccumulator.AddConcurrently) set it once, atomically,
    // and never read a half-written currency.
    private Box? _target;

    public CurrencyScope(Currency? currency, IExchangeRateProvider? rates, DateTimeZone zone)
    {
        _target = currency is { } c ? new Box(c) : null;
        _rates = rates;
        _zone = zone;
    }

    /// <summary>The scorecard's currency, once known.</summary>
    public Currency? Target => Volatile.Read(ref _target)?.Value;

    // Hot path: one comparison when the amount is already in the scorecard's currency; no allocation.
    public decimal Convert(Money money, Instant at) => IsTarget(money) ? money.Amount : ConvertAt(money, at.InZone(_zone).Date);

    public decimal Convert(Money money, LocalDate day) => IsTarget(money) ? money.Amount : ConvertAt(money, day);

    /// <summary>Takes the other scope's currency when this one has none; see <see cref="CheckMerge"/>.</summary>
    public void Merge(CurrencyScope other)
    {
        CheckMerge(other);
        if (Target is null && other.Target is { } theirs)
        {
            _target = new Box(theirs);
        }
    }

    /// <summary>Throws <see cref="CurrencyMismatchException"/> when both scopes have a currency and they differ; changes nothing.</summary>
    public void CheckMerge(CurrencyScope other)
    {
        if (other.Target is { } theirs && Target is { } mine && mine != theirs)
        {
            throw new CurrencyMismatchException(
                $"The partial results are in {mine} and {theirs}; a scorecard is in one currency. Give every partition the same currency (ScorecardSettings.Currency).");
        }
    }

    private bool IsTarget(Money money)
    {
        var target = Volatile.Read(ref _target);
        if (target is null)
        {
            // The first currency met; when another thread sets one first, that one is the target.
            target = Interlocked.CompareExchange(ref _target, new Box(money.Currency), null) ?? _target;
        }

        return money.Currency == target.Value;
    }

    private decimal ConvertAt(Money money, LocalDate date)
    {
        var target = Target!.Value;
        if (_rates is null)
        {
            throw new CurrencyMismatchException(
                $"The activity holds amounts in {target} and {money.Currency}; a scorecard is in one currency. Compute one scorecard per currency, each over only that currency's records, or register an IExchangeRateProvider before AddCrmMetrics() to convert them.");
        }

        var rate = _rates.GetRate(money.Currency, target, date);
        if (rate <= 0m)
        {
            throw new InvalidOperationException(
                $"The exchange-rate provider returned {rate} for {money.Currency}->{target} on {date:yyyy-MM-dd}; a rate must be positive.");
        }

        try
        {
            return money.Amount * rate;
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("converting an amount at the exchange rate", target, e);
        }
    }

    private sealed class Box(Currency value)
    {
        public Currency Value { get; } = value;
    }
}
