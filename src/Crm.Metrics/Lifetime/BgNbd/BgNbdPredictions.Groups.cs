using Crm.Metrics.Lifetime.Intervals;

namespace Crm.Metrics.Lifetime.BgNbd;

/// <content>P(alive) of many summaries at once, for the intervals' draws.</content>
internal static partial class BgNbdPredictions
{
    /// <summary>
    /// The largest size of a P(alive) factor's exponent in <see cref="ProbabilityAlive(double, double, double, double, int, GroupIndex, Span{double})"/>:
    /// the factors' product then keeps about 13 significant digits (a rounding of about 100 × 2⁻⁵³ in each exponent),
    /// far from overflow.
    /// </summary>
    private const double FactoredExponent = 100;

    /// <summary>
    /// P(alive) of every summary of <paramref name="groups"/>: 1 / (1 + a/(b+x−<paramref name="shift"/>) · ((α+T)/(α+t_x))^(r+x)).
    /// BG/NBD has shift 1 and P = 1 at x = 0; MBG/NBD has shift 0 and the formula at every x.
    /// </summary>
    /// <remarks>
    /// The odds are the product of a factor of (x, T) and one of (x, t_x): with K the middle of the logarithms ln(α+T)
    /// and ln(α+t_x), U = a/(b+x−shift) · e^((r+x)(ln(α+T) − K)) and V = e^(−(r+x)(ln(α+t_x) − K)). A base has far fewer
    /// distinct pairs than summaries (thousands against tens of thousands), so the exponentials are taken once per pair,
    /// and each summary multiplies two of them; summaries with about as many pairs (each customer alone) are left
    /// whole. An x whose factors' exponents could exceed
    /// <see cref="FactoredExponent"/> in size is left whole: its summaries' odds are one exponential each, as for a
    /// single customer. The logarithms are computed once per distinct value.
    /// </remarks>
    public static void ProbabilityAlive(double r, double alpha, double a, double b, int shift, GroupIndex groups, Span<double> result)
    {
        var (xs, ages, recencies, xAge, xRecency) = (groups.Xs, groups.Ages, groups.Recencies, groups.XAge, groups.XRecency);
        var pool = System.Buffers.ArrayPool<double>.Shared;
        var logAge = pool.Rent(ages.Length);
        var logRecency = pool.Rent(recencies.Length);
        var logOdds = pool.Rent(xs.Length);
        var ageFactor = pool.Rent(xAge.First.Length);
        var recencyFactor = pool.Rent(xRecency.First.Length);
        try
        {
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            for (var i = 0; i < ages.Length; i++)
            {
                logAge[i] = Math.Log(alpha + ages[i]);
                (low, high) = (Math.Min(low, logAge[i]), Math.Max(high, logAge[i]));
            }

            for (var i = 0; i < recencies.Length; i++)
            {
                logRecency[i] = Math.Log(alpha + recencies[i]);
                (low, high) = (Math.Min(low, logRecency[i]), Math.Max(high, logRecency[i]));
            }

            var centre = (low + high) / 2;
            var half = (high - low) / 2; // no logarithm is farther from the centre
            for (var i = 0; i < xs.Length; i++)
            {
                logOdds[i] = xs[i] >= shift ? Math.Log(a / (b + xs[i] - shift)) : 0;
            }

            // A factor is positive: −1 marks a pair whose x is left whole (and one at x < shift, never read). Where the
            // pairs are about as many as the summaries (chosen customers, one summary each), factors would cost two
            // exponentials a summary instead of one: every pair is left whole.
            var factored = xAge.First.Length + xRecency.First.Length < result.Length;
            for (var p = 0; p < xAge.First.Length; p++)
            {
                var x = xs[xAge.First[p]];
                var power = r + x;
                var odds = logOdds[xAge.First[p]];
                ageFactor[p] = factored && x >= shift && Math.Abs(odds) + (power * half) <= FactoredExponent ? Math.Exp(odds + (power * (logAge[xAge.Second[p]] - centre))) : -1;
            }

            for (var p = 0; factored && p < xRecency.First.Length; p++)
            {
                recencyFactor[p] = Math.Exp(-(r + xs[xRecency.First[p]]) * (logRecency[xRecency.Second[p]] - centre));
            }

            for (var g = 0; g < result.Length; g++)
            {
                var x = groups.Groups[g].X;
                if (x < shift)
                {
                    result[g] = 1;
                    continue;
                }

                var ageOdds = ageFactor[xAge.OfGroup[g]];
                if (ageOdds > 0)
                {
                    result[g] = 1 / (1 + (ageOdds * recencyFactor[xRecency.OfGroup[g]]));
                    continue;
                }

                var log = logOdds[groups.XIndex[g]] + ((r + x) * (logAge[groups.AgeIndex[g]] - logRecency[groups.RecencyIndex[g]]));
                result[g] = 1 / (1 + Math.Exp(log));
            }
        }
        finally
        {
            pool.Return(recencyFactor);
            pool.Return(ageFactor);
            pool.Return(logOdds);
            pool.Return(logRecency);
            pool.Return(logAge);
        }
    }
}
