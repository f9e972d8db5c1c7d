using System.Globalization;
using Crm.Metrics.Lifetime;
using static Crm.Metrics.Lifetime.SpecialFunctions;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>The numerics under the customer-base models, against known values and the published CDNOW fit (REFERENCE.md §3).</summary>
public class BgNbdFoundationTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(0.5, 0.57236494292470008707)] // ln √π
    [InlineData(10.0, 12.801827480081469611)] // ln 9!
    [InlineData(100.0, 359.13420536957539878)]
    [InlineData(1e-8, 18.420680738180209)] // ≈ −ln x − γx
    [InlineData(0.1, 2.2527126517342059599)]
    public void LogGamma_matches_known_values(double x, double expected) =>
        Assert.Equal(expected, LogGamma(x), 1e-13 * Math.Max(1, Math.Abs(expected)));

    [Theory]
    [InlineData(1.0, -0.57721566490153286061)] // −γ
    [InlineData(0.5, -1.9635100260214235)] // −γ − 2 ln 2
    [InlineData(10.0, 2.2517525890667211076)]
    [InlineData(0.1, -10.423754940411076795)]
    public void Digamma_matches_known_values(double x, double expected) =>
        Assert.Equal(expected, Digamma(x), 1e-12 * Math.Max(1, Math.Abs(expected)));

    [Fact]
    public void LogSumExp_is_stable_at_extremes()
    {
        Assert.Equal(1000 + Math.Log(2), LogSumExp(1000, 1000), 12);
        Assert.Equal(-1000.0, LogSumExp(-1000, double.NegativeInfinity));
        Assert.Equal(double.NegativeInfinity, LogSumExp(double.NegativeInfinity, double.NegativeInfinity));
    }

    [Fact]
    public void Invalid_arguments_throw() =>
        Assert.Throws<ArgumentOutOfRangeException>("x", () => LogGamma(0));

    [Theory]
    [InlineData(0, 0.0, -0.59947382, 1e-8)]
    [InlineData(200, 38.0, 100.7957, 1e-4)]
    public void One_customer_log_likelihood_matches_the_published_values(int x, double tx, double expected, double tolerance) =>
        Assert.Equal(expected, BgNbdLikelihood.Single(0.25, 4, 0.8, 2.5, new RepeatSummary(x, tx, 40)), tolerance);

    [Fact]
    public void The_gradient_matches_finite_differences()
    {
        RepeatSummary[] customers = [new(0, 0, 39), new(2, 30.43, 38.86), new(26, 30.857, 31), new(1, 1, 5)];
        int[] weights = [3, 1, 1, 2];
        double[] p = [0.3, 5, 0.7, 2.1];
        var gradient = new double[4];
        BgNbdLikelihood.Sum(p[0], p[1], p[2], p[3], customers, weights, gradient);
        var scratch = new double[4];
        for (var i = 0; i < 4; i++)
        {
            var h = 1e-6 * p[i];
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            up[i] += h;
            down[i] -= h;
            var numeric = (BgNbdLikelihood.Sum(up[0], up[1], up[2], up[3], customers, weights, scratch)
                - BgNbdLikelihood.Sum(down[0], down[1], down[2], down[3], customers, weights, scratch)) / (2 * h);
            Assert.Equal(numeric, gradient[i], 1e-5 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    [Fact]
    public void The_fit_on_the_raw_CDNOW_sample_reproduces_the_published_parameters()
    {
        var customers = CdnowSample.Summary(new LocalDate(1997, 9, 30));
        Assert.Equal(2357, customers.Count);
        Assert.Equal(2457, customers.Sum(c => c.X));

        var fit = BgNbdLikelihood.Fit(customers);

        // Published: 0.242593, 4.413532, 0.792886, 2.425752; ln L −9582.4292 from unrounded raw data.
        Assert.True(fit.Optimisation.GradientNorm < 1e-8 * 9582, $"{fit.Optimisation.Status} after {fit.Optimisation.Iterations}: |g| = {fit.Optimisation.GradientNorm}, ln L {fit.LogLikelihood}, {fit.R} {fit.Alpha} {fit.A} {fit.B}");
        // Asserted to the printed 3 decimals. The longer published digits are another optimiser's stopping point
        // (ours differs from them by up to 1.5e-4 in b); our log-likelihood is at least as high as theirs.
        Assert.Equal((0.243, 4.414, 0.793, 2.426), (Math.Round(fit.R, 3), Math.Round(fit.Alpha, 3), Math.Round(fit.A, 3), Math.Round(fit.B, 3)));
        Assert.Equal(-9582.4292, fit.LogLikelihood, 5e-5);
        Assert.True(fit.LogLikelihood >= BgNbdLikelihood.Sum(0.242593, 4.413532, 0.792886, 2.425752, [.. customers.GroupBy(c => c).Select(g => g.Key)], [.. customers.GroupBy(c => c).Select(g => g.Count())], new double[4]) - 1e-9);
    }

    [Fact]
    public void The_fit_on_the_two_decimal_summary_file_gives_its_published_log_likelihood()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "cdnow", "cdnow_customers_summary.csv");
        var customers = File.ReadLines(path).Skip(1).Select(line =>
        {
            var f = line.Split(',');
            return new RepeatSummary(int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
        }).ToList();

        var fit = BgNbdLikelihood.Fit(customers);

        Assert.True(fit.Optimisation.GradientNorm < 1e-8 * 9582, $"{fit.Optimisation.Status} after {fit.Optimisation.Iterations}: |g| = {fit.Optimisation.GradientNorm}");
        Assert.Equal(-9582.4256, fit.LogLikelihood, 5e-5);
        Assert.Equal(0.243, Math.Round(fit.R, 3));
        Assert.Equal(4.414, Math.Round(fit.Alpha, 3));
        Assert.Equal(0.793, Math.Round(fit.A, 3));
        Assert.Equal(2.426, Math.Round(fit.B, 3));
    }
}

/// <summary>The CDNOW 1/10 sample (tests/data/cdnow), summarised as its README says: same-day purchases merged, weeks.</summary>
internal static class CdnowSample
{
    public static List<RepeatSummary> Summary(LocalDate calibrationEnd)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "cdnow", "CDNOW_sample.txt");
        var days = new Dictionary<string, SortedSet<LocalDate>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                continue;
            }

            var date = NodaTime.Text.LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd").Parse(f[2]).Value;
            if (!days.TryGetValue(f[0], out var set))
            {
                days[f[0]] = set = [];
            }

            set.Add(date);
        }

        return days.Values.Select(set =>
        {
            var first = set.Min;
            var inCalibration = set.Where(d => d <= calibrationEnd).ToList();
            var last = inCalibration[^1];
            return new RepeatSummary(
                inCalibration.Count - 1,
                Period.DaysBetween(first, last) / 7.0,
                Period.DaysBetween(first, calibrationEnd) / 7.0);
        }).ToList();
    }
}
