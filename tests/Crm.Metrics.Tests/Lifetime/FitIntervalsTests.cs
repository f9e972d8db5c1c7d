using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>Every fit reports its covariance matrix and a 95 % confidence interval per parameter, formed on the log scale.</summary>
public class FitIntervalsTests
{
    [Fact]
    public void The_covariance_is_the_inverse_information_whose_diagonal_gives_the_standard_errors()
    {
        var fit = BgNbdModel.Fit(CdnowData.Summary);
        var covariance = fit.Covariance!;

        Assert.Equal(4, covariance.Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(4, covariance[i].Count);
            Assert.Equal(fit.Parameters[i].StandardError!.Value, Math.Sqrt(covariance[i][i]), 1e-12);
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(covariance[i][j], covariance[j][i]);
            }
        }

        // r and α move together (the rate's mean r/α is better determined than either): corr(r, α) ≈ 0.78 on CDNOW.
        var correlation = covariance[0][1] / Math.Sqrt(covariance[0][0] * covariance[1][1]);
        Assert.InRange(correlation, 0.7, 0.85);
    }

    [Fact]
    public void The_95_percent_interval_is_symmetric_on_the_log_scale_and_stays_positive()
    {
        foreach (var p in BgNbdModel.Fit(CdnowData.Summary).Parameters)
        {
            var (lower, upper) = (p.Lower95!.Value, p.Upper95!.Value);
            Assert.True(0 < lower && lower < p.Value && p.Value < upper, $"{p}");
            Assert.Equal(Math.Log(upper) - Math.Log(p.Value), Math.Log(p.Value) - Math.Log(lower), 1e-12);
            Assert.Equal(1.959963984540054 * p.StandardError!.Value / p.Value, Math.Log(upper / p.Value), 1e-12);
        }

        // Without a standard error there is no interval.
        var unknown = new ParameterEstimate("r", 0.5, null);
        Assert.Null(unknown.Lower95);
        Assert.Null(unknown.Upper95);
    }

    [Fact]
    public void The_covariance_is_given_exactly_when_every_standard_error_is()
    {
        // Four patterns cannot identify BG/BB's four parameters (γ runs to its bound); a one-customer BG/NBD base is flat.
        var options = new SummaryOptions(new LocalDate(2024, 12, 31));
        var fits = new (IReadOnlyList<IReadOnlyList<double>>? Covariance, IReadOnlyList<ParameterEstimate> Parameters)[]
        {
            Pair(BgBbModel.Fit(DiscreteSummary.FromPatterns([new DiscretePattern(0, 0, 6, 30), new DiscretePattern(2, 4, 6, 10), new DiscretePattern(5, 6, 6, 5), new DiscretePattern(6, 6, 6, 4)]))),
            Pair(BgNbdModel.Fit(CustomerBaseSummary.FromSummaries([new CustomerSummary(new CustomerId("one"), 3, new BtydRecency(ModelTime.Weeks(20)), ModelTime.Weeks(30))], options))),
            Pair(BgNbdModel.Fit(CdnowData.Summary)),
        };
        Assert.All(fits, f => Assert.Equal(f.Covariance is not null, f.Parameters.All(p => p.StandardError is not null)));
        Assert.Contains(fits, f => f.Covariance is null);

        static (IReadOnlyList<IReadOnlyList<double>>?, IReadOnlyList<ParameterEstimate>) Pair<T>(ModelFit<T> fit)
            where T : class => (fit.Covariance, fit.Parameters);
    }
}
