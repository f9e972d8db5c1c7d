using Crm.Metrics.Lifetime.Numerics;

namespace Crm.Metrics.Lifetime.BgNbd;

/// <summary>
/// Expectations over the beta-distributed dropout probability, by double-exponential quadrature
/// (<see cref="DoubleExponential"/>), which integrates the endpoint singularities of the beta density (a or b below
/// 1) to full precision. The predictions fall back to it where their closed forms are slow (the ₂F₁ argument near
/// 1) or lose precision (a near 1).
/// </summary>
internal static class BetaExpectation
{
    /// <summary>
    /// E[(1 − (1 + p·t/s)^−ρ) / p] for p ~ Beta(a, b): the expected purchases in t of a customer who is alive, buys
    /// at a gamma(ρ, s) rate and drops out with probability p after each purchase (FHL 2005, before integrating p).
    /// </summary>
    public static double ExpectedPurchases(double rho, double s, double a, double b, double t)
    {
        var ratio = t / s;
        var logBeta = SpecialFunctions.LogBeta(a, b);
        return Math.Exp(DoubleExponential.LogIntegrate((logP, logQ) =>
        {
            var p = Math.Exp(logP);
            var g = p > 0 ? -SpecialFunctions.ExpM1(-rho * SpecialFunctions.LogP1(p * ratio)) / p : rho * ratio;
            return ((a - 1) * logP) + ((b - 1) * logQ) - logBeta + Math.Log(g);
        }));
    }

    /// <summary>
    /// E[(s/(s + p·t))^ρ] for p ~ Beta(a, b): the chance that a customer alive now, buying at a Gamma(ρ, s) rate and
    /// dropping out with probability p after each purchase, makes no purchase that ends in a dropout within t — so is
    /// still alive after t (Euler's integral of ₂F₁(ρ, a; a+b; −t/s)).
    /// </summary>
    public static double SurvivesPurchases(double rho, double s, double a, double b, double t)
    {
        if (t == 0)
        {
            return 1;
        }

        var ratio = t / s;
        var logBeta = SpecialFunctions.LogBeta(a, b);
        return Math.Min(1, Math.Exp(DoubleExponential.LogIntegrate((logP, logQ) =>
            ((a - 1) * logP) + ((b - 1) * logQ) - logBeta - (rho * SpecialFunctions.LogP1(Math.Exp(logP) * ratio)))));
    }
}
