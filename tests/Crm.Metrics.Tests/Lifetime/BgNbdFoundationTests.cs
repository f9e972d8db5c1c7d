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
    /// <summary>Distinct purchase days after the calibration end, up to the holdout end, over all customers.</summary>
    public static int HoldoutRepeatDays(LocalDate calibrationEnd, LocalDate holdoutEnd) =>
        Days().Values.Sum(set => set.Count(d => d > calibrationEnd && d <= holdoutEnd));

    public static List<RepeatSummary> Summary(LocalDate calibrationEnd) =>
        Days().Values.Select(set =>
        {
            var first = set.Min;
            var inCalibration = set.Where(d => d <= calibrationEnd).ToList();
            var last = inCalibration[^1];
            return new RepeatSummary(
                inCalibration.Count - 1,
                Period.DaysBetween(first, last) / 7.0,
                Period.DaysBetween(first, calibrationEnd) / 7.0);
        }).ToList();

    private static Dictionary<string, SortedSet<LocalDate>> Days()
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

        return days;
    }
}

/// <summary>BG/NBD predictions at the published CDNOW parameters (REFERENCE.md §3).</summary>
public class BgNbdPredictionTests
{
    private const double R = 0.242593, Alpha = 4.413532, A = 0.792886, B = 2.425752;

    [Theory]
    [InlineData(0.1429, 0.0078)]
    [InlineData(1, 0.0532)]
    [InlineData(3, 0.1506)]
    [InlineData(31.8571, 1.0405)]
    [InlineData(32, 1.0437)]
    [InlineData(52, 1.444)]
    public void A_new_customer_s_expected_purchases_match_the_published_series(double t, double expected)
    {
        var decimals = expected.ToString(CultureInfo.InvariantCulture).Split('.')[1].Length;
        Assert.Equal(expected, Math.Round(BgNbdPredictions.ExpectedForNewCustomer(R, Alpha, A, B, t), decimals));
    }

    [Theory]
    [InlineData(1.0, 0.05318475535987746)]
    [InlineData(52, 1.444021108884692)]
    [InlineData(78, 1.8579721052041323)]
    public void A_new_customer_s_expected_purchases_match_an_independent_30_digit_computation(double t, double expected)
    {
        // Reference: mpmath (30 digits) of the same closed form at the same parameters. The published E[X(78)] = 1.8576
        // differs in the 4th digit, as does customer 1516's 25.7566 (25.75777 here): those two were evidently computed
        // at slightly different parameters; every other published prediction matches to its printed precision.
        Assert.Equal(expected, BgNbdPredictions.ExpectedForNewCustomer(R, Alpha, A, B, t), 1e-12 * expected);
    }

    [Fact]
    public void Conditional_expectations_and_P_alive_match_the_published_values()
    {
        // E[X(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226.
        Assert.Equal(1.226, Math.Round(BgNbdPredictions.ExpectedConditional(R, Alpha, A, B, new RepeatSummary(2, 30.43, 38.86), 39), 3));

        // Customer 1516: x = 26, t_x = 30.85714, T = 31 → P(alive) 0.96885 published, 0.968856 here (so to 4 digits);
        // E[X(52)] 25.75777 (mpmath, 30 digits; published 25.7566, see above).
        var c1516 = new RepeatSummary(26, 30.85714, 31);
        Assert.Equal(25.7577691128882, BgNbdPredictions.ExpectedConditional(R, Alpha, A, B, c1516, 52), 1e-9);
        Assert.Equal(0.9689, Math.Round(BgNbdPredictions.ProbabilityAlive(R, Alpha, A, B, c1516), 4));
        Assert.Equal(1.0, BgNbdPredictions.ProbabilityAlive(R, Alpha, A, B, new RepeatSummary(0, 0, 30)));
    }

    [Fact]
    public void The_CDNOW_holdout_has_1882_repeat_purchases_against_about_1653_expected()
    {
        var customers = CdnowSample.Summary(new LocalDate(1997, 9, 30));
        var fit = BgNbdLikelihood.Fit(customers);

        // Holdout: the 39 weeks 1997-10-01 .. 1998-06-30; expected = Σ E[Y(39) | x, t_x, T].
        var expected = customers.Sum(c => BgNbdPredictions.ExpectedConditional(fit.R, fit.Alpha, fit.A, fit.B, c, 39));
        Assert.Equal(1653.4, Math.Round(expected, 1), 0.15);
        Assert.Equal(1882, CdnowSample.HoldoutRepeatDays(new LocalDate(1997, 9, 30), new LocalDate(1998, 6, 30)));
    }

    [Fact]
    public void Purchase_count_probabilities_match_the_published_values_and_sum_to_one()
    {
        // Published at the rounded parameters (0.243, 4.414, 0.793, 2.426): P(X(2) = 10) = 1.07869e-07, P(X(39) = 0) = 0.5737864.
        Assert.Equal(1.07869e-07, BgNbdPredictions.ProbabilityOfPurchases(0.243, 4.414, 0.793, 2.426, 2, 10), 0.000005e-07);
        Assert.Equal(0.5737864, BgNbdPredictions.ProbabilityOfPurchases(0.243, 4.414, 0.793, 2.426, 39, 0), 5e-8);

        // A distribution: Σₙ P(X(39) = n) = 1, and its mean is E[X(39)].
        var probabilities = Enumerable.Range(0, 400).Select(n => BgNbdPredictions.ProbabilityOfPurchases(R, Alpha, A, B, 39, n)).ToArray();
        Assert.Equal(1.0, probabilities.Sum(), 1e-9);
        Assert.Equal(BgNbdPredictions.ExpectedForNewCustomer(R, Alpha, A, B, 39), probabilities.Select((p, n) => p * n).Sum(), 1e-6);
    }

    [Fact]
    public void Expected_purchases_never_decrease_with_time()
    {
        var c = new RepeatSummary(3, 20, 38);
        var previous = 0.0;
        foreach (var t in new[] { 0.0, 0.5, 1, 2, 5, 10, 26, 52, 104 })
        {
            var e = BgNbdPredictions.ExpectedConditional(R, Alpha, A, B, c, t);
            Assert.True(e >= previous - 1e-12, $"E[Y({t})] = {e} < {previous}");
            previous = e;
        }
    }
}
