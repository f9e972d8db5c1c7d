using Crm.Metrics.Lifetime;
using Crm.Metrics.Loyalty;
using Crm.Metrics.Segments;
using Crm.Metrics.States;

namespace Crm.Metrics.Tests.Integrity;

/// <summary>
/// Every numeric field of every state kind, made negative, too large or out of its range — one field at a time —
/// with the JSON path the refusal must name. Fields absent from a state (no customer, no complaint …) give no case.
/// </summary>
internal static class StateTampering
{
    private const long TooMany = (1L << 53) + 1;
    private static readonly long[] BadCounts = [-1, long.MinValue, TooMany, long.MaxValue];
    private static readonly decimal[] BadAmounts = [-0.01m, -1000m, decimal.MinValue];

    public static IEnumerable<(string Path, ScorecardState State)> Of(ScorecardState good, int periodDays)
    {
        var s = good.Satisfaction;
        foreach (var bad in BadCounts)
        {
            yield return ("satisfaction.csat[2]", good with { Satisfaction = s with { Csat = With(s.Csat, 2, bad) } });
            yield return ("satisfaction.nps[10]", good with { Satisfaction = s with { Nps = With(s.Nps, 10, bad) } });
            yield return ("satisfaction.ces[0]", good with { Satisfaction = s with { Ces = With(s.Ces, 0, bad) } });
            yield return ("satisfaction.skipped[1]", good with { Satisfaction = s with { Skipped = With(s.Skipped, 1, bad) } });
            yield return ("satisfaction.outsidePeriod", good with { Satisfaction = s with { OutsidePeriod = bad } });
            yield return ("purchases.afterPeriod", good with { Purchases = good.Purchases with { AfterPeriod = bad } });
            yield return ("costs.outsidePeriod", good with { Costs = good.Costs with { OutsidePeriod = bad } });
            yield return ("complaints.opened", good with { Complaints = good.Complaints with { Opened = bad } });
            yield return ("complaints.unknownChannel", good with { Complaints = good.Complaints with { UnknownChannel = bad } });
            yield return ("complaints.outsidePeriod", good with { Complaints = good.Complaints with { OutsidePeriod = bad } });
            yield return ("feedback.outsidePeriod", good with { Feedback = good.Feedback with { OutsidePeriod = bad } });
            yield return ("feedback.praise.Email", good with { Feedback = good.Feedback with { Praise = new Dictionary<string, long>(good.Feedback.Praise) { ["Email"] = bad } } });
            yield return ("complaints.byChannel.Phone", good with { Complaints = good.Complaints with { ByChannel = new Dictionary<string, long>(good.Complaints.ByChannel) { ["Phone"] = bad } } });
            yield return ("funnel.cohort", good with { Funnel = good.Funnel with { Cohort = bad } });
            yield return ("funnel.outsidePeriod", good with { Funnel = good.Funnel with { OutsidePeriod = bad } });
            yield return ("funnel.reached[0]", good with { Funnel = good.Funnel with { Reached = With(good.Funnel.Reached, 0, bad) } });
        }

        // Counts that other counts bound: one more than allowed.
        var c = good.Complaints;
        yield return ("complaints.met", good with { Complaints = c with { Met = c.Opened + 1 } });
        yield return ("complaints.firstResponseTicks", good with { Complaints = c with { FirstResponseTicks = [.. c.FirstResponseTicks, .. Enumerable.Repeat(1L, (int)c.Opened + 1)] } });
        var f = good.Funnel;
        yield return ("funnel.reached[0]", good with { Funnel = f with { Reached = With(f.Reached, 0, f.Cohort + 1) } });
        yield return ("funnel.timesToConvertTicks", good with { Funnel = f with { TimesToConvertTicks = [.. f.TimesToConvertTicks, 1L] } });
        var periodTicks = periodDays * NodaTime.NodaConstants.TicksPerDay;
        foreach (var bad in new[] { -1L, long.MinValue, periodTicks + NodaTime.NodaConstants.TicksPerDay, long.MaxValue })
        {
            if (c.FirstResponseTicks.Count > 0)
            {
                yield return ("complaints.firstResponseTicks[0]", good with { Complaints = c with { FirstResponseTicks = With(c.FirstResponseTicks, 0, bad) } });
            }

            if (c.ResolutionTicks.Count > 0)
            {
                yield return ("complaints.resolutionTicks[0]", good with { Complaints = c with { ResolutionTicks = With(c.ResolutionTicks, 0, bad) } });
            }

            if (f.TimesToConvertTicks.Count > 0)
            {
                yield return ("funnel.timesToConvertTicks[0]", good with { Funnel = f with { TimesToConvertTicks = With(f.TimesToConvertTicks, 0, bad) } });
            }
        }

        if (good.Costs.Weighted.Count > 0)
        {
            var w = good.Costs.Weighted;
            foreach (var bad in BadAmounts)
            {
                yield return ("costs.weighted[0].sum", good with { Costs = good.Costs with { Weighted = [w[0] with { Sum = bad }, .. w.Skip(1)] } });
            }

            foreach (var bad in new[] { 0, -1, int.MinValue })
            {
                yield return ("costs.weighted[0].lengthDays", good with { Costs = good.Costs with { Weighted = [w[0] with { LengthDays = bad }, .. w.Skip(1)] } });
            }
        }

        foreach (var (path, state) in Customers(good, periodDays))
        {
            yield return (path, state);
        }
    }

    private static IEnumerable<(string Path, ScorecardState State)> Customers(ScorecardState good, int periodDays)
    {
        var rows = good.Purchases.Customers;
        var i = -1;
        for (var k = 0; k < rows.Count; k++)
        {
            if (rows[k].HasPeriodRecord && rows[k].PeriodSales > 0)
            {
                i = k;
                break;
            }
        }

        if (i < 0)
        {
            yield break;
        }

        var row = rows[i];
        ScorecardState With(Func<CustomerPurchaseState, CustomerPurchaseState> change) =>
            good with { Purchases = good.Purchases with { Customers = [.. rows.Take(i), change(row), .. rows.Skip(i + 1)] } };
        string At(string field) => $"purchases.customers[{i}].{field}";

        foreach (var bad in BadAmounts)
        {
            yield return (At("periodSalesAmount"), With(r => r with { PeriodSalesAmount = bad }));
            yield return (At("periodRefundAmount"), With(r => r with { PeriodRefundAmount = bad }));
        }

        foreach (var bad in new[] { -1, int.MinValue })
        {
            yield return (At("periodSales"), With(r => r with { PeriodSales = bad }));
            yield return (At("periodSalesWithoutCost"), With(r => r with { PeriodSalesWithoutCost = bad }));
            yield return (At("lifetimeSalesWithoutCost"), With(r => r with { LifetimeSalesWithoutCost = bad }));
        }

        foreach (var bad in new[] { -1, periodDays + 1, int.MaxValue, int.MinValue })
        {
            yield return (At("firstSaleDay"), With(r => r with { FirstSaleDay = bad }));
        }

        yield return (At("periodSalesWithoutCost"), With(r => r with { PeriodSalesWithoutCost = r.PeriodSales + 1, LifetimeSalesWithoutCost = r.LifetimeSalesWithoutCost + r.PeriodSales + 1 }));
        yield return (At("saleMonths"), With(r => r with { SaleMonths = 1UL << 63 }));
        yield return (At("firstSaleTicks"), With(r => r with { FirstSaleTicks = long.MaxValue }));
        yield return (At("firstSaleTicks"), With(r => r with { FirstSaleTicks = null }));
        yield return (At("acquiredTicks"), With(r => r with { AcquiredTicks = long.MinValue }));
        yield return (At("id"), With(r => r with { Id = string.Empty }));
        yield return (At("hasPeriodRecord"), With(r => r with { HasPeriodRecord = false }));
        if (rows.Count > 1)
        {
            yield return ($"purchases.customers[{(i == 0 ? 1 : i)}].id", good with { Purchases = good.Purchases with { Customers = [.. rows.Select((r, k) => k == (i == 0 ? 1 : i) ? r with { Id = rows[i == 0 ? 0 : i - 1].Id } : r)] } });
        }
    }

    public static IEnumerable<(string Path, CustomerBaseSummaryState State)> Of(CustomerBaseSummaryState good)
    {
        foreach (var bad in BadCounts)
        {
            yield return ("refunds", good with { Refunds = bad });
        }

        if (good.Customers.Count == 0)
        {
            yield break;
        }

        var row = good.Customers[0];
        CustomerBaseSummaryState With(CustomerDaysState changed) => good with { Customers = [changed, .. good.Customers.Skip(1)] };
        foreach (var bad in BadAmounts)
        {
            yield return ("customers[0].firstDayTotal", With(row with { FirstDayTotal = bad }));
            yield return ("customers[0].calibrationTotal", With(row with { CalibrationTotal = bad }));
        }

        foreach (var bad in new[] { int.MinValue, int.MaxValue })
        {
            yield return ("customers[0].firstDay", With(row with { FirstDay = bad }));
        }

        if (row.Days.Count > 0)
        {
            foreach (var bad in new[] { int.MinValue, row.FirstDay - 1, int.MaxValue })
            {
                yield return ("customers[0].days[0]", With(row with { Days = [bad, .. row.Days.Skip(1)] }));
            }
        }
    }

    public static IEnumerable<(string Path, RfmState State)> Of(RfmState good)
    {
        if (good.Customers.Count == 0)
        {
            yield break;
        }

        var row = good.Customers[0];
        RfmState With(CustomerRfmState changed) => good with { Customers = [changed, .. good.Customers.Skip(1)] };
        foreach (var bad in BadAmounts)
        {
            yield return ("customers[0].total", With(row with { Total = bad }));
        }

        foreach (var bad in new[] { int.MinValue, int.MaxValue })
        {
            yield return ("customers[0].days[0]", With(row with { Days = [bad, .. row.Days.Skip(1)] }));
        }

        yield return ("customers[0].days", With(row with { Days = [] }));
    }

    private static long[] With(IReadOnlyList<long> values, int index, long value)
    {
        var copy = values.ToArray();
        copy[index] = value;
        return copy;
    }
}
