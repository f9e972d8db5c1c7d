using static Crm.Metrics.Lifetime.Numerics.SpecialFunctions;

namespace Crm.Metrics.Lifetime.GammaGamma;

/// <summary>
/// The Gamma-Gamma log-likelihood (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; the mean m̄ of x repeat
/// purchase values, each Gamma(p, ν) with ν ~ Gamma(q, γ)) over the repeat customers grouped by (x, m̄), with its
/// analytic gradient ∂/∂(p, q, γ). The log-gamma and digamma terms depend only on x (or on q alone), so they are
/// computed once per distinct x and call; each group then costs one logarithm.
/// </summary>
/// <remarks>Not thread-safe: one instance per fit.</remarks>
internal sealed class GammaGammaObjective : Numerics.IObjective
{
    private readonly int[] _x;
    private readonly double[] _m;
    private readonly double[] _logM;
    private readonly double[] _weight;
    private readonly int[] _xIndex;
    private readonly int[] _distinct;

    public GammaGammaObjective(int[] x, double[] m, double[] weight)
    {
        _x = x;
        _m = m;
        _weight = weight;
        _logM = [.. m.Select(v => Math.Log(v))];
        _distinct = [.. x.Distinct().Order()];
        var index = new Dictionary<int, int>(_distinct.Length);
        for (var k = 0; k < _distinct.Length; k++)
        {
            index[_distinct[k]] = k;
        }

        _xIndex = [.. x.Select(v => index[v])];
    }

    public double Evaluate(ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        var (p, q, gamma) = (parameters[0], parameters[1], parameters[2]);
        var logGamma = Math.Log(gamma);
        var logGammaQ = LogGamma(q);
        var digammaQ = Digamma(q);
        Span<double> perX = _distinct.Length <= 256 ? stackalloc double[_distinct.Length * 4] : new double[_distinct.Length * 4];
        for (var k = 0; k < _distinct.Length; k++)
        {
            var px = p * _distinct[k];
            perX[4 * k] = LogGamma(px + q) - LogGamma(px) + (px * Math.Log(_distinct[k]));
            perX[(4 * k) + 1] = Digamma(px + q);
            perX[(4 * k) + 2] = Digamma(px);
            perX[(4 * k) + 3] = Math.Log(_distinct[k]);
        }

        double total = 0, g0 = 0, g1 = 0, g2 = 0;
        for (var i = 0; i < _x.Length; i++)
        {
            var k = 4 * _xIndex[i];
            var (x, w, logM) = (_x[i], _weight[i], _logM[i]);
            var px = p * x;
            var scale = gamma + (x * _m[i]);
            var logScale = Math.Log(scale);
            total += w * (perX[k] - logGammaQ + (q * logGamma) + ((px - 1) * logM) - ((px + q) * logScale));
            g0 += w * x * (perX[k + 1] - perX[k + 2] + logM + perX[k + 3] - logScale);
            g1 += w * (perX[k + 1] - digammaQ + logGamma - logScale);
            g2 += w * ((q / gamma) - ((px + q) / scale));
        }

        gradient[0] = g0;
        gradient[1] = g1;
        gradient[2] = g2;
        return total;
    }

    /// <summary>One customer's weighted term, added to <paramref name="gradient"/>.</summary>
    public static double Add(double p, double q, double gamma, int x, double m, double weight, Span<double> gradient)
    {
        var px = p * x;
        var logScale = Math.Log(gamma + (x * m));
        var digammaAll = Digamma(px + q);
        var value = LogGamma(px + q) - LogGamma(px) - LogGamma(q) + (q * Math.Log(gamma)) + ((px - 1) * Math.Log(m)) + (px * Math.Log(x)) - ((px + q) * logScale);
        gradient[0] += weight * x * (digammaAll - Digamma(px) + Math.Log(m) + Math.Log(x) - logScale);
        gradient[1] += weight * (digammaAll - Digamma(q) + Math.Log(gamma) - logScale);
        gradient[2] += weight * ((q / gamma) - ((px + q) / (gamma + (x * m))));
        return weight * value;
    }

    /// <summary>The repeat customers grouped by (x, m̄), ordered, with their currency and number.</summary>
    public static (int[] X, double[] M, double[] Weight, Currency Currency, int Customers) Group(ReadOnlySpan<CustomerSummary> customers, string parameter)
    {
        var groups = new Dictionary<(int, double), int>();
        var keys = new List<(int X, double M)>();
        var weights = new List<double>();
        Currency currency = default;
        var used = 0;
        foreach (var c in customers)
        {
            if (c.Frequency == 0)
            {
                continue;
            }

            var m = GammaGammaModel.MeanValue(c, parameter);
            var code = c.MeanRepeatValue!.Value.Currency;
            if (currency != default && code != currency)
            {
                throw new CurrencyMismatchException(currency, code, parameter);
            }

            currency = code;
            used++;
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(groups, (c.Frequency, m), out var exists);
            if (!exists)
            {
                slot = keys.Count;
                keys.Add((c.Frequency, m));
                weights.Add(0);
            }

            weights[slot]++;
        }

        if (used == 0)
        {
            throw new ArgumentException("The Gamma-Gamma model needs at least one customer with a repeat purchase (x > 0) and its mean value.", parameter);
        }

        var order = Enumerable.Range(0, keys.Count).OrderBy(i => keys[i]).ToArray();
        return ([.. order.Select(i => keys[i].X)], [.. order.Select(i => keys[i].M)], [.. order.Select(i => weights[i])], currency, used);
    }
}
