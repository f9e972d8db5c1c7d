namespace Crm.Metrics.Lifetime.BgNbd;

/// <summary>The repeat purchases of one simulated BG/NBD or MBG/NBD customer.</summary>
internal static class BgNbdFamilySimulation
{
    /// <summary>
    /// Adds to <paramref name="times"/> the repeat purchases within <paramref name="horizon"/> (in the model's unit,
    /// after the first purchase): λ ~ Gamma(r, α), p ~ Beta(a, b); a dropout chance after each repeat purchase, and
    /// with <paramref name="dropAtFirst"/> (MBG/NBD) one at the first purchase too.
    /// </summary>
    public static bool Repeats(Sampler sampler, double horizon, List<double> times, double r, double alpha, double a, double b, bool dropAtFirst)
    {
        var lambda = sampler.Gamma(r) / alpha;
        var p = sampler.Beta(a, b);
        if (dropAtFirst && sampler.Uniform() < p)
        {
            return false;
        }

        for (var t = sampler.Exponential(lambda); t <= horizon; t += sampler.Exponential(lambda))
        {
            times.Add(t);
            if (sampler.Uniform() < p)
            {
                break;
            }
        }

        return true;
    }
}
