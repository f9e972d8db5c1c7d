using System.Globalization;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>The CDNOW 1/10 sample (tests/data/cdnow, see its README), read through the public API.</summary>
internal static class CdnowData
{
    public static readonly LocalDate CalibrationEnd = new(1997, 9, 30);
    public static readonly LocalDate HoldoutEnd = new(1998, 6, 30);

    private static readonly Lazy<List<Purchase>> Raw = new(ReadPurchases);
    private static readonly Lazy<CustomerBaseSummary> WithHoldout = new(() =>
        CustomerBaseSummary.FromPurchases(Raw.Value, new SummaryOptions(CalibrationEnd) { HoldoutEnd = HoldoutEnd }));

    private static readonly Lazy<CustomerBaseSummary> WithoutHoldout = new(() =>
        CustomerBaseSummary.FromPurchases(Raw.Value, new SummaryOptions(CalibrationEnd)));

    /// <summary>The summary of the raw rows to 1997-09-30 without a holdout, weeks.</summary>
    public static CustomerBaseSummary SummaryWithoutHoldout => WithoutHoldout.Value;

    /// <summary>Every row of CDNOW_sample.txt as a sale in USD at the start of its day (UTC); the customer is the sample id.</summary>
    public static IReadOnlyList<Purchase> Purchases => Raw.Value;

    /// <summary>The summary of the raw rows: calibration to 1997-09-30, holdout to 1998-06-30, weeks.</summary>
    public static CustomerBaseSummary Summary => WithHoldout.Value;

    /// <summary>The shipped summary with transactions (2 dp): ID, x, t_x, T, zbar.</summary>
    public static IEnumerable<(string Id, int X, double Tx, double T, decimal Zbar)> PublishedRows() =>
        File.ReadLines(Path("cdnow_customers_summary_with_transactions.csv")).Skip(1).Select(line =>
        {
            var f = line.Split(',');
            return (f[0], int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture));
        });

    /// <summary>The shipped 2-dp summary as the caller's own summaries (no values where x = 0).</summary>
    public static CustomerBaseSummary PublishedSummary() =>
        CustomerBaseSummary.FromSummaries(
            PublishedRows().Select(r => new CustomerSummary(
                new CustomerId(r.Id),
                r.X,
                new BtydRecency(ModelTime.Weeks(r.Tx)),
                ModelTime.Weeks(r.T),
                r.X > 0 ? new Money(r.Zbar, Currency.Usd) : null)),
            new SummaryOptions(CalibrationEnd));

    private static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "data", "cdnow", file);

    private static List<Purchase> ReadPurchases()
    {
        var date = NodaTime.Text.LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");
        return File.ReadLines(Path("CDNOW_sample.txt"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line =>
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var day = date.Parse(f[2]).Value;
                return Purchase.Sale(
                    new CustomerId(int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
                    day.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(),
                    new Money(decimal.Parse(f[4], CultureInfo.InvariantCulture), Currency.Usd));
            })
            .ToList();
    }
}
