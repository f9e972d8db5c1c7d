using Crm.Domain.Activity;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// "Can I trust it?": a fitted purchase model against what happened in the holdout — by calibration frequency
/// (Fader, Hardie &amp; Lee 2005, figure 4) and cumulatively across calibration and holdout (figure 3).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class HoldoutTracking
{
    private HoldoutTracking(IReadOnlyList<FrequencyBin> bins, long actual, double expected, IReadOnlyList<CumulativePoint> cumulative)
    {
        ByFrequency = bins;
        TotalActual = actual;
        TotalExpected = expected;
        Cumulative = cumulative;
    }

    /// <summary>Rows for x = 0, 1, …, up to the open-ended last row; empty rows are left out.</summary>
    public IReadOnlyList<FrequencyBin> ByFrequency { get; }

    /// <summary>The holdout's actual repeat purchases.</summary>
    public long TotalActual { get; }

    /// <summary>The holdout's expected repeat purchases: Σ E[Y(holdout length) | x, t_x, T].</summary>
    public double TotalExpected { get; }

    /// <summary>TotalExpected − TotalActual.</summary>
    public double TotalError => TotalExpected - TotalActual;

    /// <summary>The mean over rows of |expected − actual| per customer (each row counted once, whatever its size).</summary>
    public double MeanAbsoluteErrorByFrequency => ByFrequency.Average(b => Math.Abs(b.Error));

    /// <summary>Weekly (or daily) cumulative actual and expected repeat purchases; empty unless the summary was built from purchases or the purchases were given.</summary>
    public IReadOnlyList<CumulativePoint> Cumulative { get; }

    /// <summary>The largest <c>openEndedFrom</c> of <see cref="Compute"/>: a row per repeat count up to it.</summary>
    public const int MaxOpenEndedFrom = 10_000;

    /// <summary>The tracking table by calibration frequency and the cumulative repeat purchases, step by step from the first purchase to the holdout end.</summary>
    /// <param name="model">The fitted purchase model.</param>
    /// <param name="summary">A summary with a holdout period, built from <paramref name="purchases"/>.</param>
    /// <param name="purchases">
    /// The purchases the summary was built from (same zone), for the cumulative curve; null to draw it from the repeat
    /// days the summary counted when it was built from purchases (<see cref="CustomerBaseSummary.FromPurchases"/>, an
    /// accumulator, <see cref="ICrmMetrics.ComputeAnalyses"/>) — the same curve, without a second read — or, for a
    /// summary of given rows (<see cref="CustomerBaseSummary.FromSummaries"/>), the table by frequency only.
    /// </param>
    /// <param name="openEndedFrom">The x of the last, open-ended row; default 7.</param>
    /// <returns>The tracking, with <see cref="Cumulative"/> at every 7th day (weeks) or every day (days), ending on the holdout end.</returns>
    /// <exception cref="ArgumentException">The summary has no holdout period, or <paramref name="openEndedFrom"/> is below 1 or above <see cref="MaxOpenEndedFrom"/>.</exception>
    public static HoldoutTracking Compute(IPurchaseModel model, CustomerBaseSummary summary, IEnumerable<Purchase>? purchases = null, int openEndedFrom = 7)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentOutOfRangeException.ThrowIfLessThan(openEndedFrom, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(openEndedFrom, MaxOpenEndedFrom);
        if (summary.HoldoutLength is not { } length)
        {
            throw new ArgumentException("Tracking needs a summary with a holdout period (SummaryOptions.HoldoutEnd).", nameof(summary));
        }

        var customers = new int[openEndedFrom + 1];
        var actual = new double[openEndedFrom + 1];
        var expected = new double[openEndedFrom + 1];
        long totalActual = 0;
        var totalExpected = 0.0;
        // For a factored model the expectation of a customer alive depends only on (x, T): once per distinct pair. The
        // probability of being alive depends on (x, t_x, T): for customers without a repeat purchase once per (t_x, T),
        // as they share it by the thousand and P(alive) of some models costs a hypergeometric series; repeat customers'
        // (x, t_x, T) seldom repeat, so theirs is computed each time. The same figures, added in the same order.
        var factored = model as IFactoredPurchaseModel;
        var horizon = length.ToUnit(model.TimeUnit);
        var whileAlive = new Dictionary<(int X, double T), double>();
        var aliveWithoutRepeat = new Dictionary<(double Tx, double T), double>();
        foreach (var c in summary.Span)
        {
            var bin = Math.Min(c.Frequency, openEndedFrom);
            double e;
            if (factored is null)
            {
                e = model.ExpectedPurchases(c, length);
            }
            else
            {
                var repeat = c.In(model.TimeUnit);
                ref var w = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(whileAlive, (repeat.X, repeat.T), out var known);
                if (!known)
                {
                    w = factored.ExpectedWhileAlive(repeat.X, repeat.T, horizon);
                }

                double p;
                if (repeat.X == 0)
                {
                    ref var once = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(aliveWithoutRepeat, (repeat.Tx, repeat.T), out var met);
                    if (!met)
                    {
                        once = factored.ProbabilityAlive(repeat);
                    }

                    p = once;
                }
                else
                {
                    p = factored.ProbabilityAlive(repeat);
                }

                e = w * p;
            }

            customers[bin]++;
            actual[bin] += c.HoldoutFrequency!.Value;
            expected[bin] += e;
            totalActual += c.HoldoutFrequency.Value;
            totalExpected += e;
        }

        var bins = new List<FrequencyBin>();
        for (var x = 0; x <= openEndedFrom; x++)
        {
            if (customers[x] > 0)
            {
                bins.Add(new FrequencyBin(x, x == openEndedFrom, customers[x], actual[x] / customers[x], expected[x] / customers[x]));
            }
        }

        var cumulative = purchases is null && summary.RepeatsOnDay is null ? [] : CumulativeCurve(model, summary, purchases);
        return new HoldoutTracking(bins.AsReadOnly(), totalActual, totalExpected, cumulative);
    }

    private static List<CumulativePoint> CumulativeCurve(IPurchaseModel model, CustomerBaseSummary summary, IEnumerable<Purchase>? purchases)
    {
        var options = summary.Options;
        var end = LocalDayNumbers.Of(options.HoldoutEnd!.Value);
        var calibrationEnd = LocalDayNumbers.Of(options.CalibrationEnd);
        var days = new LocalDayNumbers(options.Zone);

        // The number of customers per first day, from the earliest (the model's expectation for a new customer depends
        // only on the days since then), in an array over the days; no customer, no curve.
        var customers = summary.Span;
        if (customers.IsEmpty)
        {
            return [];
        }

        int start = int.MaxValue, last = int.MinValue;
        foreach (ref readonly var c in customers)
        {
            var first = FirstDay(c, calibrationEnd);
            start = Math.Min(start, first);
            last = Math.Max(last, first);
        }

        var byFirstDay = new int[last - start + 1];
        foreach (ref readonly var c in customers)
        {
            byFirstDay[FirstDay(c, calibrationEnd) - start]++;
        }

        // Repeat purchase days (distinct days after the first, up to the holdout end) per day: those the summary counted
        // when it was built from purchases, else from the purchases given.
        var repeatsOnDay = purchases is null ? summary.RepeatsOnDay! : RepeatsOnDay(purchases, customers, calibrationEnd, start, end, days);
        var step = summary.TimeUnit == ModelTimeUnit.Weeks ? 7 : 1;
        var points = new List<CumulativePoint>();

        // A new customer's expectation depends only on the days since the first purchase: once per distinct length.
        var expectation = new Dictionary<int, double>();
        double Expected(int days)
        {
            if (!expectation.TryGetValue(days, out var value))
            {
                value = model.ExpectedPurchasesForNewCustomer(ModelTime.Days(days));
                expectation.Add(days, value);
            }

            return value;
        }

        long running = 0;
        var counted = start; // repeatsOnDay is summed into running up to (not including) this day
        for (var day = end - (((end - start) / step) * step); day <= end; day += step)
        {
            for (; counted <= day; counted++)
            {
                running += repeatsOnDay[counted - start];
            }

            var expected = 0.0;
            for (var first = start; first < day && first - start < byFirstDay.Length; first++)
            {
                if (byFirstDay[first - start] is var count and > 0)
                {
                    expected += count * Expected(day - first);
                }
            }

            points.Add(new CumulativePoint(LocalDayNumbers.ToDate(day), running, expected));
        }

        return points;
    }

    /// <summary>A summary customer's first purchase day: the calibration end less its age, in whole days.</summary>
    private static int FirstDay(in CustomerSummary customer, int calibrationEnd) => calibrationEnd - (int)Math.Round(customer.Age.TotalDays);

    /// <summary>
    /// Every sale's customer and day logged flat, grouped by customer with a counting sort, and each customer's
    /// distinct days after their first counted on their day.
    /// </summary>
    private static int[] RepeatsOnDay(IEnumerable<Purchase> purchases, ReadOnlySpan<CustomerSummary> customers, int calibrationEnd, int start, int end, LocalDayNumbers days)
    {
        // Each summary customer's index and first day.
        var indexOf = new Dictionary<CustomerId, int>(customers.Length);
        var firstDays = new int[customers.Length];
        for (var i = 0; i < customers.Length; i++)
        {
            indexOf[customers[i].CustomerId] = i;
            firstDays[i] = FirstDay(customers[i], calibrationEnd);
        }

        var keys = new List<int>();
        var values = new List<int>();
        foreach (var element in purchases)
        {
            var purchase = Crm.Internal.Elements.NotNull(element, nameof(purchases));
            if (!purchase.IsSale || !indexOf.TryGetValue(purchase.CustomerId, out var customer))
            {
                continue;
            }

            var day = days.Of(purchase.OccurredAt.ToUnixTimeTicks());
            if (day > firstDays[customer] && day <= end)
            {
                keys.Add(customer);
                values.Add(day);
            }
        }

        var repeatsOnDay = new int[end - start + 1];
        var grouped = new int[keys.Count];
        var ends = new int[firstDays.Length + 1];
        Storage.CountingSort.ByKey(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values), grouped, ends);
        for (var c = 0; c < firstDays.Length; c++)
        {
            var slice = grouped.AsSpan(Storage.CountingSort.SliceOf(ends, c));
            Storage.SmallSort.Ascending(slice);
            for (var k = 0; k < slice.Length; k++)
            {
                if (k == 0 || slice[k] != slice[k - 1])
                {
                    repeatsOnDay[slice[k] - start]++;
                }
            }
        }

        return repeatsOnDay;
    }
}
