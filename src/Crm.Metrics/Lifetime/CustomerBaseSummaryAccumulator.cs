using Crm.Domain.Activity;
using Crm.Metrics.Internal;
using Crm.Metrics.States;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// Builds a <see cref="CustomerBaseSummary"/> in one pass over purchases, in any order and in any number of pieces:
/// accumulators of disjoint or overlapping partitions of the purchases (a thread, a shard, a file) merge exactly —
/// directly with <see cref="Merge(CustomerBaseSummaryAccumulator)"/>, or through their plain-data state
/// (<see cref="ToState"/>, <see cref="Merge(CustomerBaseSummaryState)"/>) when the partitions run elsewhere.
/// </summary>
/// <remarks>
/// Memory: a small state per customer and 8 bytes per sale up to the last day that matters (the holdout end, else
/// the calibration end). Not thread-safe: one accumulator per thread, then merge.
/// </remarks>
public sealed class CustomerBaseSummaryAccumulator : IDisposable
{
    private readonly LocalDayNumbers _days;
    private readonly int _calibrationEnd;
    private readonly int _lastDay;
    private CustomerDayLog<SummaryDayState> _log;
    private long _refunds;
    private Currency _currency;

    /// <summary>An empty accumulator.</summary>
    /// <param name="options">The calibration end, holdout end, zone and time unit.</param>
    /// <exception cref="ArgumentException">The options break a rule (the message names it).</exception>
    public CustomerBaseSummaryAccumulator(SummaryOptions options)
        : this(options, 0)
    {
    }

    internal CustomerBaseSummaryAccumulator(SummaryOptions options, int expectedPurchases)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        Options = options;
        _days = new LocalDayNumbers(options.Zone);
        _calibrationEnd = LocalDayNumbers.Of(options.CalibrationEnd);
        _lastDay = options.HoldoutEnd is { } holdout ? LocalDayNumbers.Of(holdout) : _calibrationEnd;
        _log = new CustomerDayLog<SummaryDayState>(expectedPurchases / 10);
    }

    /// <summary>The options.</summary>
    public SummaryOptions Options { get; }

    /// <summary>Adds one purchase (a refund is counted, not summarised).</summary>
    /// <param name="purchase">The purchase.</param>
    /// <exception cref="ArgumentNullException"><paramref name="purchase"/> is null.</exception>
    /// <exception cref="CurrencyMismatchException">The sale is in another currency than the sales before it.</exception>
    public void Add(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        if (!purchase.IsSale)
        {
            _refunds++;
            return;
        }

        var amount = purchase.Amount;
        if (_currency != amount.Currency)
        {
            if (_currency != default)
            {
                throw new CurrencyMismatchException(_currency, amount.Currency, nameof(purchase));
            }

            _currency = amount.Currency;
        }

        var day = _days.Of(purchase.OccurredAt.ToUnixTimeTicks());
        var customer = _log.IndexOf(purchase.CustomerId);
        _log.State(customer).Add(day, amount.Amount, _calibrationEnd);
        if (day <= _lastDay)
        {
            _log.AddDay(customer, day);
        }
    }

    /// <summary>Adds purchases.</summary>
    /// <param name="purchases">The purchases.</param>
    /// <exception cref="ArgumentNullException">The sequence or a purchase is null.</exception>
    /// <exception cref="CurrencyMismatchException">Sales are in more than one currency.</exception>
    public void AddRange(IEnumerable<Purchase> purchases)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        foreach (var purchase in purchases)
        {
            Add(purchase);
        }
    }

    /// <summary>Adds another accumulator's purchases (of the same options); <paramref name="other"/> is unchanged.</summary>
    /// <param name="other">The other accumulator.</param>
    /// <exception cref="ArgumentException">The options differ, or <paramref name="other"/> is this accumulator.</exception>
    /// <exception cref="CurrencyMismatchException">The two hold sales in different currencies.</exception>
    public void Merge(CustomerBaseSummaryAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other) || other.Options != Options)
        {
            throw new ArgumentException("Only a different accumulator of the same summary options can be merged.", nameof(other));
        }

        MergeCurrency(other._currency, nameof(other));
        _log.Merge(other._log);
        _refunds += other._refunds;
    }

    /// <summary>This accumulator's state as plain data (see <see cref="CustomerBaseSummaryState"/>).</summary>
    /// <returns>The state.</returns>
    public CustomerBaseSummaryState ToState()
    {
        var customers = new CustomerDaysState[_log.Customers];
        using var days = _log.SortByCustomer();
        for (var c = 0; c < customers.Length; c++)
        {
            ref readonly var state = ref _log.State(c);
            customers[c] = new CustomerDaysState
            {
                Id = _log.Id(c).Value,
                FirstDay = state.FirstDay,
                FirstDayTotal = state.FirstDayTotal,
                CalibrationTotal = state.CalibrationTotal,
                Days = days.Distinct(c).ToArray(),
            };
        }

        return Header() with
        {
            Currency = _currency == default ? null : _currency.Code,
            Refunds = _refunds,
            Customers = customers,
        };
    }

    private CustomerBaseSummaryState Header() => new()
    {
        CalibrationEnd = NodaTime.Text.LocalDatePattern.Iso.Format(Options.CalibrationEnd),
        HoldoutEnd = Options.HoldoutEnd is { } end ? NodaTime.Text.LocalDatePattern.Iso.Format(end) : null,
        Zone = Options.Zone.Id,
        TimeUnit = Options.TimeUnit.ToString(),
    };

    /// <summary>Merges a shipped state (checked whole first: on an error this accumulator is unchanged).</summary>
    /// <param name="state">The state, of the same options.</param>
    /// <exception cref="ArgumentException">Another layout version or options, or a field breaks its rule (named).</exception>
    /// <exception cref="CurrencyMismatchException">The state's sales are in another currency.</exception>
    public void Merge(CustomerBaseSummaryState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        StateChecks.Version(state.Version, CustomerBaseSummaryState.CurrentVersion, "summary state");
        var mine = Header();
        if (mine.CalibrationEnd != state.CalibrationEnd || mine.HoldoutEnd != state.HoldoutEnd || mine.Zone != state.Zone || mine.TimeUnit != state.TimeUnit)
        {
            throw new ArgumentException($"The state is for calibration end {state.CalibrationEnd}, holdout end {state.HoldoutEnd ?? "none"}, zone {state.Zone}, unit {state.TimeUnit}; this accumulator's options are {mine.CalibrationEnd}, {mine.HoldoutEnd ?? "none"}, {mine.Zone}, {mine.TimeUnit}.", nameof(state));
        }

        using var staged = new CustomerBaseSummaryAccumulator(Options);
        staged._currency = state.Currency is { } code ? new Currency(code) : default;
        staged._refunds = StateChecks.Count(state.Refunds, "Refunds");
        foreach (var row in state.Customers ?? throw StateChecks.Missing("Customers"))
        {
            if (row is null || string.IsNullOrEmpty(row.Id) || row.Days is null)
            {
                throw new ArgumentException("The state's Customers holds a row without an id or days.", nameof(state));
            }

            var c = staged._log.IndexOf(new CustomerId(row.Id));
            staged._log.State(c).Merge(new SummaryDayState { FirstDay = row.FirstDay, FirstDayTotal = row.FirstDayTotal, CalibrationTotal = row.CalibrationTotal });
            foreach (var day in row.Days)
            {
                if (day < row.FirstDay || day > _lastDay)
                {
                    throw new ArgumentException($"The state's customer {row.Id} has a purchase day {day} before its first day or after the last day that matters.", nameof(state));
                }

                staged._log.AddDay(c, day);
            }
        }

        Merge(staged);
    }

    /// <summary>The summary of every purchase added so far (the accumulator can go on adding).</summary>
    /// <returns>The summary.</returns>
    public CustomerBaseSummary Result() => CustomerBaseSummary.Build(Options, _log, _currency, _refunds, _calibrationEnd);

    /// <summary>Returns the pooled buffers; the accumulator cannot be used afterwards.</summary>
    public void Dispose() => _log.Dispose();

    private void MergeCurrency(Currency theirs, string parameter)
    {
        if (theirs == default)
        {
            return;
        }

        if (_currency == default)
        {
            _currency = theirs;
        }
        else if (_currency != theirs)
        {
            throw new CurrencyMismatchException(_currency, theirs, parameter);
        }
    }
}

/// <summary>
/// What each sale updates, whatever the order of the sales: the first purchase day and the value bought on it, and
/// the value bought up to the calibration end; m̄ is then (total − first day's) / x.
/// </summary>
internal struct SummaryDayState : ICustomerDayState<SummaryDayState>
{
    public int FirstDay;
    public decimal FirstDayTotal;
    public decimal CalibrationTotal;

    public static SummaryDayState Empty => new() { FirstDay = int.MaxValue };

    public void Add(int day, decimal amount, int calibrationEnd)
    {
        if (day < FirstDay)
        {
            FirstDay = day;
            FirstDayTotal = amount;
        }
        else if (day == FirstDay)
        {
            FirstDayTotal += amount;
        }

        if (day <= calibrationEnd)
        {
            CalibrationTotal += amount;
        }
    }

    public void Merge(in SummaryDayState other)
    {
        if (other.FirstDay < FirstDay)
        {
            FirstDay = other.FirstDay;
            FirstDayTotal = other.FirstDayTotal;
        }
        else if (other.FirstDay == FirstDay)
        {
            FirstDayTotal += other.FirstDayTotal;
        }

        CalibrationTotal += other.CalibrationTotal;
    }
}
