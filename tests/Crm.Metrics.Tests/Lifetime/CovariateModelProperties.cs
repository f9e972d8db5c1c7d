using Crm.Metrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Metrics.Tests.Lifetime;

/// <summary>Laws of a customer's parameters in the models with covariates, over generated effects and values.</summary>
public class CovariateModelProperties
{
    /// <summary>Two purchase and two dropout effects in [−2, 2], and a customer's values in [−1, 1].</summary>
    public static Arbitrary<(double[] Purchase, double[] Lifetime, double[] Z)> Cases() =>
        (from purchase in Gen.ArrayOf(Gen.Choose(-200, 200).Select(i => i / 100.0), 2)
         from lifetime in Gen.ArrayOf(Gen.Choose(-200, 200).Select(i => i / 100.0), 2)
         from z in Gen.ArrayOf(Gen.Choose(-100, 100).Select(i => i / 100.0), 4)
         select (purchase, lifetime, z)).ToArbitrary();

    [Property(Arbitrary = [typeof(CovariateModelProperties)], MaxTest = 200)]
    public void A_customers_parameters_shift_as_the_parameterisation_says_and_zero_covariates_give_the_base((double[] Purchase, double[] Lifetime, double[] Z) c)
    {
        CovariateEffect[] purchase = [new("p1", c.Purchase[0]), new("p2", c.Purchase[1])];
        CovariateEffect[] lifetime = [new("l1", c.Lifetime[0]), new("l2", c.Lifetime[1])];
        var customer = new CustomerCovariates(new CustomerId("c"), [c.Z[0], c.Z[1]], [c.Z[2], c.Z[3]]);
        var zero = new CustomerCovariates(new CustomerId("c"), [0.0, 0.0], [0.0, 0.0]);
        var etaP = (c.Purchase[0] * c.Z[0]) + (c.Purchase[1] * c.Z[1]);
        var etaL = (c.Lifetime[0] * c.Z[2]) + (c.Lifetime[1] * c.Z[3]);

        var bg = new BgNbdCovariateModel(0.6, 8, 0.7, 2.5, purchase, lifetime, ModelTimeUnit.Weeks);
        var bgCustomer = bg.For(customer);
        Assert.Equal(8 * Math.Exp(-etaP), bgCustomer.Alpha, 1e-12);
        Assert.Equal(0.7 * Math.Exp(etaL), bgCustomer.A, 1e-12);
        Assert.Equal(2.5 * Math.Exp(etaL), bgCustomer.B, 1e-12);
        Assert.Equal(0.6, bgCustomer.R);

        // The mean dropout probability a/(a+b) of BG/NBD does not move with the dropout covariates.
        Assert.Equal(0.7 / 3.2, bgCustomer.A / (bgCustomer.A + bgCustomer.B), 1e-12);
        Assert.Equal(bg.Base, bg.For(zero));

        var pareto = new ParetoNbdCovariateModel(0.55, 10.6, 0.61, 11.7, purchase, lifetime, ModelTimeUnit.Weeks);
        var paretoCustomer = pareto.For(customer);
        Assert.Equal(10.6 * Math.Exp(-etaP), paretoCustomer.Alpha, 1e-12);
        Assert.Equal(11.7 * Math.Exp(-etaL), paretoCustomer.Beta, 1e-12);
        Assert.Equal((0.55, 0.61), (paretoCustomer.R, paretoCustomer.S));
        Assert.Equal(pareto.Base, pareto.For(zero));
    }
}
