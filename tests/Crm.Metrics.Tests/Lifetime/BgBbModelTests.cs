using System.Globalization;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Crm.Metrics.Lifetime.Numerics;
using Crm.Metrics.Lifetime.BgBb;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>
/// BG/BB (Fader, Hardie &amp; Shang 2010) on the donations data: the published estimates and predictions, summaries
/// from patterns and from dated transactions, and the laws of its probabilities.
/// </summary>
public class BgBbModelTests
{
    private static readonly Lazy<DiscreteSummary> Donations = new(() => DiscreteSummary.FromPatterns(
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "donations", "donations.csv")).Skip(1).Select(line =>
        {
            var f = line.Split(',');
            return new DiscretePattern(int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture));
        })));

    private static readonly Lazy<ModelFit<BgBbModel>> Fitted = new(() => BgBbModel.Fit(Donations.Value));

    [Fact]
    public void The_fit_on_the_donations_reproduces_the_published_estimates()
    {
        var fit = Fitted.Value;

        // α 1.204, β 0.750, γ 0.657, δ 2.783; ln L −33,225.58 (11,104 donors in 22 patterns).
        var m = fit.Model;
        Assert.Equal((1.204, 0.750, 0.657, 2.783), (Math.Round(m.Alpha, 3), Math.Round(m.Beta, 3), Math.Round(m.Gamma, 3), Math.Round(m.Delta, 3)));
        Assert.Equal(-33225.58, Math.Round(fit.LogLikelihood, 2));
        Assert.True(fit.IsConverged, fit.Status.ToString());
        Assert.Equal((11104, 22), (fit.Customers, fit.DistinctSummaries));
        Assert.Equal(["alpha", "beta", "gamma", "delta"], fit.Parameters.Select(p => p.Name));
        Assert.All(fit.Parameters, p => Assert.InRange(p.StandardError!.Value, 1e-4, p.Value));
    }

    [Fact]
    public void Predictions_at_the_fitted_parameters_match_the_published_values()
    {
        var m = Fitted.Value.Model;

        // P(alive in 2002, the 7th occasion) for (x, t_x) = (0, 0), (2, 4), (6, 6): 0.11, 0.59, 0.93.
        Assert.Equal(0.11, Math.Round(m.ProbabilityAliveNext(new DiscretePattern(0, 0, 6)), 2));
        Assert.Equal(0.59, Math.Round(m.ProbabilityAliveNext(new DiscretePattern(2, 4, 6)), 2));
        Assert.Equal(0.93, Math.Round(m.ProbabilityAliveNext(new DiscretePattern(6, 6, 6)), 2));

        // Over all donors, the expected transactions in the next 5 occasions (2002–2006): 12,884.2.
        var total = Donations.Value.Patterns.Sum(p => p.Weight * m.ExpectedTransactions(p, 5));
        Assert.Equal(12884.2, total, 0.1);

        // Expected donors with 0 and with 6 transactions in the 6 calibration occasions: 3,454.9 and 1,253.1.
        Assert.Equal(3454.9, 11104 * m.ProbabilityOfTransactions(0, 6), 0.1);
        Assert.Equal(1253.1, 11104 * m.ProbabilityOfTransactions(6, 6), 0.1);
    }

    [Fact]
    public void The_likelihood_is_eq_5_by_hand_and_its_gradient_is_its_derivative()
    {
        // x = 1, t_x = 2, n = 3 at α = 1.2, β = 0.8, γ = 0.7, δ = 2.5: the alive term plus i = 0 (gone after 2).
        const double a = 1.2, b = 0.8, g = 0.7, d = 2.5;
        var model = new BgBbModel(a, b, g, d);
        double B(double p, double q) => Math.Exp(SpecialFunctions.LogBeta(p, q));
        var byHand = (B(a + 1, b + 2) / B(a, b) * B(g, d + 3) / B(g, d)) + (B(a + 1, b + 1) / B(a, b) * B(g + 1, d + 2) / B(g, d));
        Assert.Equal(Math.Log(byHand), model.LogLikelihood(new DiscretePattern(1, 2, 3)), 1e-12);

        var patterns = Donations.Value.Patterns;
        double[] p = [a, b, g, d];
        Span<double> gradient = stackalloc double[4];
        Span<double> unused = stackalloc double[4];
        BgBbLikelihood.Sum(p, patterns, gradient);
        for (var i = 0; i < 4; i++)
        {
            var h = 1e-6 * p[i];
            double[] up = [.. p], down = [.. p];
            up[i] += h;
            down[i] -= h;
            var numeric = (BgBbLikelihood.Sum(up, patterns, unused) - BgBbLikelihood.Sum(down, patterns, unused)) / (2 * h);
            Assert.Equal(numeric, gradient[i], 1e-4 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    [Fact]
    public void A_summary_from_dated_transactions_counts_the_occasions_after_the_first()
    {
        // Yearly occasions 2020 … 2025 (six), end 2026-01-01. A: first 2020, then 2022 and 2022 again, 2024 → x 2, t_x 4, n 5.
        // B: first 2021, nothing after → x 0, t_x 0, n 4. C: first 2025 (no opportunity yet) → left out. D: a refund only.
        Purchase Sale(string id, int year, int month = 6) => Purchase.Sale(new CustomerId(id), Instant.FromUtc(year, month, 1, 12, 0), new Money(10m, Currency.Eur));
        var starts = Enumerable.Range(2020, 6).Select(y => new LocalDate(y, 1, 1)).ToList();
        var summary = DiscreteSummary.FromTransactions(
            [Sale("A", 2020), Sale("A", 2022, 3), Sale("A", 2022, 9), Sale("A", 2024), Sale("B", 2021), Sale("C", 2025), Sale("A", 2019),
             Purchase.Refund(new CustomerId("D"), Instant.FromUtc(2021, 1, 1, 0, 0), new Money(5m, Currency.Eur))],
            starts,
            new LocalDate(2026, 1, 1));

        Assert.Equal(
            [(0, 0, 4, 1L), (2, 4, 5, 1L)],
            summary.Patterns.Select(p => (p.Frequency, p.Recency, p.Periods, p.Weight)));
        Assert.Equal(2, summary.Customers);
        Assert.Throws<ArgumentException>("occasionStarts", () => DiscreteSummary.FromTransactions([], [new LocalDate(2020, 1, 1)], new LocalDate(2021, 1, 1)));
        Assert.Throws<ArgumentException>("occasionStarts", () => DiscreteSummary.FromTransactions([], [new LocalDate(2021, 1, 1), new LocalDate(2020, 1, 1)], new LocalDate(2022, 1, 1)));
        Assert.Throws<ArgumentException>("purchases", () => DiscreteSummary.FromTransactions([Sale("C", 2025)], starts, new LocalDate(2026, 1, 1)));
    }

    [Fact]
    public void Patterns_are_validated_merged_and_identified()
    {
        Assert.Throws<ArgumentOutOfRangeException>("frequency", () => new DiscretePattern(3, 2, 6));
        Assert.Throws<ArgumentOutOfRangeException>("frequency", () => new DiscretePattern(0, 2, 6)); // x = 0 exactly when t_x = 0
        Assert.Throws<ArgumentOutOfRangeException>("recency", () => new DiscretePattern(1, 7, 6));
        Assert.Throws<ArgumentOutOfRangeException>("periods", () => new DiscretePattern(0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>("weight", () => new DiscretePattern(1, 1, 6, 0));
        Assert.Throws<ArgumentException>("patterns", () => DiscreteSummary.FromPatterns([]));

        var merged = DiscreteSummary.FromPatterns([new DiscretePattern(1, 1, 6, 2), new DiscretePattern(1, 1, 6, 3), new DiscretePattern(0, 0, 6)]);
        Assert.Equal([(0, 1L), (1, 5L)], merged.Patterns.Select(p => (p.Frequency, p.Weight)));

        Assert.Contains("not identified", Assert.Throws<ArgumentException>("summary", () => BgBbModel.Fit(DiscreteSummary.FromPatterns([new DiscretePattern(0, 0, 6, 10)]))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("summary", () => BgBbModel.Fit(DiscreteSummary.FromPatterns([new DiscretePattern(6, 6, 6, 10)])));
        Assert.Throws<ArgumentOutOfRangeException>("occasions", () => new BgBbModel(1, 1, 1, 1).ExpectedTransactions(new DiscretePattern(0, 0, 6), -1));
    }

    /// <summary>Parameters over a wide range and a valid pattern.</summary>
    public static Arbitrary<(BgBbModel Model, DiscretePattern Pattern)> Cases()
    {
        var positive = Gen.Choose(1, 4000).Select(i => i / 200.0);
        var gen =
            from a in positive
            from b in positive
            from g in positive
            from d in positive
            from n in Gen.Choose(1, 40)
            from tx in Gen.Choose(0, n)
            from x in tx == 0 ? Gen.Constant(0) : Gen.Choose(1, tx)
            select (new BgBbModel(a, b, g, d), new DiscretePattern(x, tx, n));
        return gen.ToArbitrary();
    }

    [Property(Arbitrary = [typeof(BgBbModelTests)], MaxTest = 300)]
    public void Probabilities_are_probabilities_and_expectations_grow_with_the_occasions((BgBbModel Model, DiscretePattern Pattern) c)
    {
        var (model, pattern) = c;
        Assert.InRange(model.ProbabilityAliveNext(pattern), 0, 1);
        Assert.True(double.IsFinite(model.LogLikelihood(pattern)) && model.LogLikelihood(pattern) <= 1e-12, "a probability has ln ≤ 0");
        var previous = 0.0;
        foreach (var m in new[] { 0, 1, 2, 5, 10, 50 })
        {
            var e = model.ExpectedTransactions(pattern, m);
            Assert.True(double.IsFinite(e) && e >= previous - 1e-12 && e <= m + 1e-9, $"E[next {m}] = {e}");
            previous = e;
        }

        var n = pattern.Periods;
        var total = Enumerable.Range(0, n + 1).Sum(x => model.ProbabilityOfTransactions(x, n));
        Assert.Equal(1.0, total, 1e-9);
    }
}
