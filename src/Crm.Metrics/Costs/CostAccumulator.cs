using Crm.Domain.Activity;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Costs;

/// <summary>
/// Accumulates CRM cost entries for a period. An entry that straddles the period counts with the share of its
/// (inclusive) days that fall inside it: 310 over 31 days with 10 inside counts 100. Entries wholly outside
/// count in <see cref="EntriesOutsidePeriod"/> only. Merging is exact whatever the partition and order: shares
/// are summed per entry length and divided once, in a fixed order, when the result is taken.
/// </summary>
/// <remarks>Not thread-safe: use one per thread or partition and <see cref="Merge"/> them.</remarks>
public sealed class CostAccumulator
{
    // Per cost kind: entry length in days → Σ amount × days inside the period.
    private readonly SortedDictionary<int, decimal>[] _weighted = [new(), new(), new()];
    private readonly CurrencyScope _currency;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="period">The reporting period.</param>
    /// <param name="currency">The scorecard's currency; when <c>null</c>, the first currency met.</param>
    /// <param name="exchangeRates">Converts other currencies (at each entry's first date); without it, a second currency is an error.</param>
    public CostAccumulator(ReportingPeriod period, Currency? currency = null, IExchangeRateProvider? exchangeRates = null)
        : this(period, new CurrencyScope(currency, exchangeRates, period?.Zone ?? DateTimeZone.Utc))
    {
    }

    internal CostAccumulator(ReportingPeriod period, CurrencyScope currency)
    {
        ArgumentNullException.ThrowIfNull(period);
        Period = period;
        _currency = currency;
    }

    /// <summary>The reporting period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The scorecard's currency: the one given, or the first met; <c>null</c> while none is known.</summary>
    public Currency? Currency => _currency.Target;

    /// <summary>Entries with no day inside the period.</summary>
    public long EntriesOutsidePeriod { get; private set; }

    /// <summary>Adds one cost entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <exception cref="CurrencyMismatchException">The entry is in another currency and no exchange-rate provider was given.</exception>
    /// <exception cref="AmountOverflowException">The entry would take a sum beyond the range of <see cref="decimal"/>; it is not added.</exception>
    public void Add(CostEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var inside = Period.OverlapInDays(entry.Period);
        if (inside == 0)
        {
            EntriesOutsidePeriod++;
            return;
        }

        var amount = _currency.Convert(entry.Amount, entry.Period.Start);
        var sums = _weighted[(int)entry.Kind];
        try
        {
            sums[entry.Period.Length] = sums.GetValueOrDefault(entry.Period.Length) + (amount * inside);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("adding a cost entry to the period's costs", _currency.Target ?? entry.Amount.Currency, e);
        }
    }

    /// <summary>Adds the state of another accumulator of the same period.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <remarks>Checked whole before anything changes: on an error this accumulator is as it was.</remarks>
    /// <exception cref="ArgumentException">The periods differ, or a merged count would leave its range.</exception>
    /// <exception cref="CurrencyMismatchException">The two are in different currencies.</exception>
    /// <exception cref="AmountOverflowException">A merged sum would leave the range of <see cref="decimal"/>.</exception>
    public void Merge(CostAccumulator other)
    {
        CheckMerge(other);
        _currency.Merge(other._currency);
        MergeChecked(other);
    }

    /// <summary>Throws what <see cref="Merge"/> would throw, changing nothing.</summary>
    internal void CheckMerge(CostAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Accumulators.RequireMergeable(this, other, Period, other.Period);
        _currency.CheckMerge(other._currency);
        for (var kind = 0; kind < _weighted.Length; kind++)
        {
            foreach (var (length, sum) in other._weighted[kind])
            {
                Sums.RequireFit(_weighted[kind].GetValueOrDefault(length), sum, "merging the costs of two partitions", _currency.Target ?? other._currency.Target);
            }
        }

        Sums.RequireCountFit(EntriesOutsidePeriod, other.EntriesOutsidePeriod, "the cost entries outside the period", nameof(other));
    }

    /// <summary>Merges an accumulator that <see cref="CheckMerge"/> accepted (the currency already merged).</summary>
    internal void MergeChecked(CostAccumulator other)
    {
        for (var kind = 0; kind < _weighted.Length; kind++)
        {
            foreach (var (length, sum) in other._weighted[kind])
            {
                _weighted[kind][length] = _weighted[kind].GetValueOrDefault(length) + sum;
            }
        }

        EntriesOutsidePeriod += other.EntriesOutsidePeriod;
    }

    internal CostState ToState()
    {
        var weighted = new List<WeightedCostState>();
        for (var kind = 0; kind < _weighted.Length; kind++)
        {
            foreach (var (length, sum) in _weighted[kind])
            {
                weighted.Add(new WeightedCostState { Kind = ((CostKind)kind).ToString(), LengthDays = length, Sum = sum });
            }
        }

        return new CostState { Weighted = weighted, OutsidePeriod = EntriesOutsidePeriod };
    }

    /// <summary>Reads a checked state into this empty accumulator.</summary>
    internal void ReadState(CostState state)
    {
        // The rules were checked (States.ScorecardStateRules) and each kind and length appears once.
        foreach (var entry in state.Weighted)
        {
            _weighted[(int)Enum.Parse<CostKind>(entry.Kind)][entry.LengthDays] = entry.Sum;
        }

        EntriesOutsidePeriod = state.OutsidePeriod;
    }

    /// <summary>The prorated costs of the period.</summary>
    /// <param name="fallbackCurrency">The currency of the result when no amount was seen and none was given.</param>
    /// <returns>The totals per kind.</returns>
    /// <exception cref="AmountOverflowException">A total is beyond the range of <see cref="decimal"/>.</exception>
    public CostTotals Result(Currency fallbackCurrency)
    {
        if (fallbackCurrency == default)
        {
            throw new ArgumentException("The fallback currency is the default (uninitialised) value; give an ISO 4217 currency.", nameof(fallbackCurrency));
        }

        var currency = Currency ?? fallbackCurrency;
        try
        {
            var totals = new CostTotals(
                new Money(Total(CostKind.Acquisition), currency),
                new Money(Total(CostKind.Retention), currency),
                new Money(Total(CostKind.Other), currency));
            return totals;
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("totalling the period's costs", currency, e);
        }
    }

    private decimal Total(CostKind kind)
    {
        var total = 0m;
        foreach (var (length, sum) in _weighted[(int)kind])
        {
            total += sum / length;
        }

        return total;
    }
}
