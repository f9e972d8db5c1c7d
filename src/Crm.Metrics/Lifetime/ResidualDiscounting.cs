using Crm.Metrics.Lifetime.Numerics;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// Discounted expected residual transactions (DERT): the purchases a customer is expected to make from the calibration
/// end on, each discounted continuously — ∫₀^∞ e^(−δt) dE[X(t)] = δ ∫₀^∞ e^(−δt) E[X(t)] dt (by parts: E[X(0)] = 0, and
/// e^(−δt) E[X(t)] vanishes as t grows) — and Tricomi's U(s, s; z) that gives Pareto/NBD's closed form.
/// </summary>
internal static class ResidualDiscounting
{
    /// <summary>The discount rate checked: positive and finite.</summary>
    public static double Rate(double discountRate, string parameter) =>
        discountRate > 0 && double.IsFinite(discountRate)
            ? discountRate
            : throw new ArgumentOutOfRangeException(parameter, discountRate, "A continuous discount rate per time unit is positive and finite (for an annual rate d and weeks: ln(1 + d) / 52.18).");

    /// <summary>
    /// δ ∫₀^∞ e^(−δt) E(t) dt by quadrature, as ∫₀^∞ e^(−u) E(u/δ) du with u = w / (1 − w) over w in (0, 1).
    /// </summary>
    /// <param name="expected">E(t): the expected purchases in the next t, not negative, 0 at t = 0.</param>
    /// <param name="discountRate">δ.</param>
    public static double ByQuadrature(Func<double, double> expected, double discountRate)
    {
        var log = DoubleExponential.LogIntegrate((logW, logOneMinusW) =>
        {
            // Beyond u = 800, e^(−u) is below the smallest double: nothing left to add (and E is not asked for at
            // horizons it was never meant for).
            var u = Math.Exp(logW - logOneMinusW);
            if (u > 800)
            {
                return double.NegativeInfinity;
            }

            var e = expected(u / discountRate);
            return e > 0 ? -u + Math.Log(e) - (2 * logOneMinusW) : double.NegativeInfinity;
        });
        return Math.Exp(log);
    }

    /// <summary>
    /// ln U(s, s; z), Tricomi's confluent hypergeometric function with equal parameters, from its integral
    /// U(s, s; z) = ∫₀^∞ e^(−zt) t^(s−1) (1+t)^(−1) dt / Γ(s) over t = w / (1 − w) (s, z positive).
    /// </summary>
    public static double LogTricomiUEqual(double s, double z) =>
        DoubleExponential.LogIntegrate((logW, logOneMinusW) => (-z * Math.Exp(logW - logOneMinusW)) + ((s - 1) * logW) - (s * logOneMinusW))
        - SpecialFunctions.LogGamma(s);
}
