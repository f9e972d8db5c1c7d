namespace Crm.Metrics.Lifetime;

/// <summary>
/// Seeded draws for the simulators: gamma (Marsaglia &amp; Tsang 2000, with the shape &lt; 1 boost), beta (as a ratio
/// of gammas), exponential and standard normal, from one <see cref="Random"/> whose seeded sequence is the same on every platform.
/// </summary>
internal sealed class Sampler(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>A uniform draw in [0, 1).</summary>
    public double Uniform() => _random.NextDouble();

    /// <summary>A standard normal draw (Box–Muller, one value from each pair of uniforms).</summary>
    public double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    /// <summary>Exponential with rate <paramref name="rate"/>.</summary>
    public double Exponential(double rate) => -Math.Log(1 - _random.NextDouble()) / rate;

    /// <summary>Gamma(shape, 1).</summary>
    public double Gamma(double shape)
    {
        if (shape < 1)
        {
            return Gamma(shape + 1) * Math.Pow(_random.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
                v = 1 + (c * z);
            }
            while (v <= 0);

            v = v * v * v;
            if (Math.Log(1 - _random.NextDouble()) < (0.5 * z * z) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    /// <summary>Beta(a, b).</summary>
    public double Beta(double a, double b)
    {
        var x = Gamma(a);
        return x / (x + Gamma(b));
    }
}
