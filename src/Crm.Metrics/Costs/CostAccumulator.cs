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
        sums[entry.Period.Length] = sums.GetValueOrDefault(entry.Period.Length) + (amount * inside);
    }

    /// <summary>Adds the state of another accumulator of the same period.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <exception cref="ArgumentException">The periods differ.</exception>
    /// <exception cref="CurrencyMismatchException">The two are in different currencies.</exception>
    public void Merge(CostAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Accumulators.RequireMergeable(this, other, Period, other.Period);

        _currency.Merge(other._currency);
        for (var kind = 0; kind < _weighted.Length; kind++)
        {
            foreach (var (length, sum) in other._weighted[kind])
            {
                _weighted[kind][length] = _weighted[kind].GetValueOrDefault(length) + sum;
            }
        }

        EntriesOutsidePeriod += other.EntriesOutsidePeriod;
    }

    internal States.CostState ToState()
    {
        var weighted = new List<States.WeightedCostState>();
        for (var kind = 0; kind < _weighted.Length; kind++)
        {
            foreach (var (length, sum) in _weighted[kind])
            {
                weighted.Add(new States.WeightedCostState { Kind = ((CostKind)kind).ToString(), LengthDays = length, Sum = sum });
            }
        }

        return new States.CostState { Weighted = weighted, OutsidePeriod = EntriesOutsidePeriod };
    }

    internal void MergeState(States.CostState state)
    {
        foreach (var entry in state.Weighted ?? throw StateChecks.Missing("Costs.Weighted"))
        {
            var kind = StateChecks.Name<CostKind>(entry?.Kind, "Costs.Weighted.Kind");
            if (entry!.LengthDays < 1)
            {
                throw new ArgumentException($"Costs.Weighted.LengthDays is {entry.LengthDays}; an entry lasts at least one day.", nameof(state));
            }

            var sums = _weighted[(int)kind];
            sums[entry.LengthDays] = sums.GetValueOrDefault(entry.LengthDays) + entry.Sum;
        }

        EntriesOutsidePeriod += StateChecks.Count(state.OutsidePeriod, "Costs.OutsidePeriod");
    }

    /// <summary>The prorated costs of the period.</summary>
    /// <param name="fallbackCurrency">The currency of the result when no amount was seen and none was given.</param>
    /// <returns>The totals per kind.</returns>
    public CostTotals Result(Currency fallbackCurrency)
    {
        var currency = Currency ?? fallbackCurrency;
        return new CostTotals(
            new Money(Total(CostKind.Acquisition), currency),
            new Money(Total(CostKind.Retention), currency),
            new Money(Total(CostKind.Other), currency));
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

/// <summary>CRM costs of a period, prorated by days.</summary>
public sealed class CostTotals
{
    /// <summary>The reason of the metrics that divide costs when none were supplied.</summary>
    internal const string NotSupplied = "no cost data was supplied";

    internal CostTotals(Money acquisition, Money retention, Money other)
    {
        Acquisition = acquisition;
        Retention = retention;
        Other = other;
    }

    /// <summary>Acquisition cost (获取成本).</summary>
    public Money Acquisition { get; }

    /// <summary>Retention cost (维系成本).</summary>
    public Money Retention { get; }

    /// <summary>Other CRM costs (training, software …).</summary>
    public Money Other { get; }

    /// <summary>All CRM costs.</summary>
    public Money Total => Acquisition + Retention + Other;
}
