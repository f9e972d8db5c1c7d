using System.Text.Json.Serialization;
using Crm.Metrics.Internal;
using Crm.Metrics.Loyalty;

namespace Crm.Metrics.Cohorts;

/// <summary>
/// The cohort retention matrix: rows are acquisition months (acquisition instant, or else first sale, in the
/// period's zone) — the <see cref="CrmMetricsOptions.CohortMonths"/> months ending with the period's last month —
/// and columns the months since acquisition. Customers acquired earlier are not in it.
/// </summary>
public sealed class CohortMatrix
{
    // Also how a JSON document is read back (see CrmJson).
    [JsonConstructor]
    internal CohortMatrix(IReadOnlyList<CohortRow> rows)
    {
        Rows = ReadBack.Present(rows, nameof(rows));
        foreach (var row in rows)
        {
            ReadBack.Present(row, nameof(rows));
        }
    }

    /// <summary>The cohorts, oldest first.</summary>
    public IReadOnlyList<CohortRow> Rows { get; }

    internal static CohortMatrix From(PurchaseSnapshot purchases)
    {
        var scan = new Scan(purchases.Calendar);
        foreach (var customer in purchases.Customers)
        {
            scan.Add(customer.History, customer.Period);
        }

        return scan.Result();
    }

    /// <summary>The counts of one scan over a period's customers, one customer at a time, and the matrix they give.</summary>
    internal sealed class Scan
    {
        private readonly PeriodCalendar _calendar;
        private readonly long[] _sizes;
        private readonly long[,] _active;

        /// <param name="calendar">The period's calendar.</param>
        public Scan(PeriodCalendar calendar)
        {
            _calendar = calendar;
            _sizes = new long[calendar.Months];
            _active = new long[calendar.Months, calendar.Months];
        }

        /// <summary>Adds one customer's history up to the period's end and its period row.</summary>
        public void Add(in CustomerHistory history, in CustomerPeriod period)
        {
            var acquired = PurchaseRules.AcquiredTicks(history, period);
            if (!_calendar.InCohortMonths(acquired))
            {
                return;
            }

            AddTo(_calendar.MonthIndex(acquired), history.SaleMonths);
        }

        /// <summary>
        /// Adds a customer acquired in cohort month <paramref name="cohort"/> (0 = the oldest; outside the cohort months,
        /// nothing is added) with a sale in the months whose bits <paramref name="saleMonths"/> sets.
        /// </summary>
        public void AddTo(int cohort, ulong saleMonths)
        {
            if ((uint)cohort >= (uint)_sizes.Length)
            {
                return;
            }

            _sizes[cohort]++;

            // The months from the cohort's on that the customer bought in: one step per month bought in.
            for (var bought = saleMonths >> cohort; bought != 0; bought &= bought - 1)
            {
                _active[cohort, System.Numerics.BitOperations.TrailingZeroCount(bought)]++;
            }
        }

        /// <summary>The matrix of the customers added.</summary>
        public CohortMatrix Result()
        {
            var months = _sizes.Length;
            var last = _calendar.Period.Dates.End;
            var lastMonth = new YearMonth(last.Year, last.Month);
            var rows = new List<CohortRow>(months);
            for (var c = 0; c < months; c++)
            {
                var cells = new long?[months];
                for (var k = 0; k < months; k++)
                {
                    cells[k] = c + k < months ? _active[c, k] : null;
                }

                rows.Add(new CohortRow(lastMonth.PlusMonths(c - months + 1), _sizes[c], cells));
            }

            return new CohortMatrix(rows);
        }
    }
}
