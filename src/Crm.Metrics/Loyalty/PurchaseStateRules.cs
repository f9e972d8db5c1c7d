using Crm.Metrics.Internal;

namespace Crm.Metrics.Loyalty;

/// <summary>
/// The rules of a <see cref="PurchaseState"/>: one row per customer, each consistent in itself — period fields only
/// with a period record, sale days and cohort months inside the layout, amounts of sales and refunds not negative,
/// sales without a cost no more than the sales. See <see cref="States.ScorecardStateRules"/>. The rows are checked
/// one at a time as they are read (<see cref="PurchaseAccumulator.ReadState"/>), whether they came as objects or packed.
/// </summary>
internal static class PurchaseStateRules
{
    private const string Rows = "purchases.customers";

    /// <summary>
    /// Checks what a state holds beside its rows; the rows are checked one at a time by <see cref="Row"/> as they are
    /// read into an accumulator, which also refuses an id that repeats an earlier row's.
    /// </summary>
    public static void Validate(PurchaseState state)
    {
        _ = state.Customers ?? throw StateChecks.Missing(Rows);
        StateChecks.Count(state.AfterPeriod, "purchases.afterPeriod");
    }

    /// <summary>The error for row <paramref name="i"/> when it is null.</summary>
    public static ArgumentException MissingRow(int i) => StateChecks.Missing(StateChecks.At(Rows, i));

    /// <summary>The error for row <paramref name="i"/> when its id repeats an earlier row's.</summary>
    public static ArgumentException RepeatedId(int i) => Broken(i, "id", "repeats the id of an earlier row; each customer has one row");

    /// <summary>Checks row <paramref name="i"/> in itself and returns its id.</summary>
    public static CustomerId Row(in PurchaseRow row, int i, in Bounds bounds)
    {
        var id = StateChecks.Id(row.Id, StateChecks.At(Rows, i, "id"));

        // History up to the period's end.
        if (row.FirstSaleTicks is { } first && (first < bounds.MinTicks || first >= bounds.EndTicks))
        {
            throw Broken(i, "firstSaleTicks", "is not an instant before the period's end");
        }

        StateChecks.Count(row.LifetimeSalesWithoutCost, StateChecks.At(Rows, i, "lifetimeSalesWithoutCost"));
        if (bounds.CohortMonths < 64 && row.SaleMonths >> bounds.CohortMonths != 0)
        {
            throw Broken(i, "saleMonths", "has a bit above the options' cohort months");
        }

        if (row.FirstSaleTicks is null && (row.SaleMonths != 0 || row.SaleInWindowBefore || row.LifetimeSalesWithoutCost != 0 || row.PeriodSales != 0))
        {
            throw Broken(i, "firstSaleTicks", "is missing while the row counts sales; a customer with a sale has a first sale");
        }

        if (row.SaleInWindowBefore && row.FirstSaleTicks >= bounds.StartTicks)
        {
            throw Broken(i, "saleInWindowBefore", "is set while the first sale is in the period");
        }

        if (row.AcquiredTicks is { } acquired && (acquired < bounds.MinTicks || acquired > bounds.MaxTicks))
        {
            throw Broken(i, "acquiredTicks", "is not an instant");
        }

        Period(row, i, bounds.Days);
        return id;
    }

    private static void Period(in PurchaseRow row, int i, int days)
    {
        if (!row.HasPeriodRecord)
        {
            if (row.PeriodSales != 0 || row.FirstSaleDay != 0 || row.SalesOnSeveralDays || row.PeriodSalesAmount != 0m
                || row.PeriodRefundAmount != 0m || row.PeriodCost != 0m || row.PeriodSalesWithoutCost != 0)
            {
                throw Broken(i, "hasPeriodRecord", "is false while period fields are set; they count only with a sale or refund in the period");
            }

            return;
        }

        StateChecks.Count(row.PeriodSales, StateChecks.At(Rows, i, "periodSales"));
        StateChecks.Count(row.PeriodSalesWithoutCost, StateChecks.At(Rows, i, "periodSalesWithoutCost"));
        StateChecks.NonNegative(row.PeriodSalesAmount, StateChecks.At(Rows, i, "periodSalesAmount"));
        StateChecks.NonNegative(row.PeriodRefundAmount, StateChecks.At(Rows, i, "periodRefundAmount"));
        if (row.FirstSaleDay < 0 || row.FirstSaleDay > days)
        {
            throw Broken(i, "firstSaleDay", "is outside 0 .. the period's length in days");
        }

        if ((row.PeriodSales > 0) != (row.FirstSaleDay > 0))
        {
            throw Broken(i, "firstSaleDay", "and periodSales disagree; a sale in the period has a first sale day (1 = the period's first), none has 0");
        }

        if (row.PeriodSales == 0 && row.PeriodSalesAmount != 0m)
        {
            throw Broken(i, "periodSalesAmount", "is not 0 without a sale in the period");
        }

        if (row.SalesOnSeveralDays && row.PeriodSales < 2)
        {
            throw Broken(i, "salesOnSeveralDays", "is set with fewer than two sales in the period");
        }

        if (row.PeriodSalesWithoutCost > row.PeriodSales)
        {
            throw Broken(i, "periodSalesWithoutCost", "is above periodSales");
        }

        if (row.PeriodSalesWithoutCost > row.LifetimeSalesWithoutCost)
        {
            throw Broken(i, "periodSalesWithoutCost", "is above lifetimeSalesWithoutCost; the period is part of the history");
        }

        if (row.PeriodSales > 0 && row.FirstSaleTicks is null)
        {
            throw Broken(i, "firstSaleTicks", "is missing while the row has sales in the period");
        }
    }

    private static ArgumentException Broken(int row, string field, string rule) => StateChecks.Broken(StateChecks.At(Rows, row, field), rule);

    /// <summary>What a row's instants and fields are checked against: the period's and the options'.</summary>
    public readonly struct Bounds(ReportingPeriod period, int cohortMonths)
    {
        public long StartTicks { get; } = period.Start.ToUnixTimeTicks();

        public long EndTicks { get; } = period.End.ToUnixTimeTicks();

        public long MinTicks { get; } = Instant.MinValue.ToUnixTimeTicks();

        public long MaxTicks { get; } = Instant.MaxValue.ToUnixTimeTicks();

        public int Days { get; } = period.LengthInDays;

        public int CohortMonths { get; } = cohortMonths;
    }
}
