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
        var calendar = purchases.Calendar;
        var months = calendar.Months;
        var sizes = new long[months];
        var active = new long[months, months];
        foreach (var customer in purchases.Customers)
        {
            ref readonly var history = ref customer.History;
            var acquired = PurchaseRules.AcquiredTicks(history, customer.Period);
            if (!calendar.InCohortMonths(acquired))
            {
                continue;
            }

            var cohort = calendar.MonthIndex(acquired);
            sizes[cohort]++;
            for (var k = 0; cohort + k < months; k++)
            {
                if ((history.SaleMonths & (1UL << (cohort + k))) != 0)
                {
                    active[cohort, k]++;
                }
            }
        }

        var last = calendar.Period.Dates.End;
        var lastMonth = new YearMonth(last.Year, last.Month);
        var rows = new List<CohortRow>(months);
        for (var c = 0; c < months; c++)
        {
            var cells = new long?[months];
            for (var k = 0; k < months; k++)
            {
                cells[k] = c + k < months ? active[c, k] : null;
            }

            rows.Add(new CohortRow(lastMonth.PlusMonths(c - months + 1), sizes[c], cells));
        }

        return new CohortMatrix(rows);
    }
}
