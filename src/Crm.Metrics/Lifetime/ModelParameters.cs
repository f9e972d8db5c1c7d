namespace Crm.Metrics.Lifetime;

/// <summary>The check every model's constructor applies to its parameters.</summary>
internal static class ModelParameters
{
    public static double Positive(double value, string parameter) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(parameter, value, "A model parameter must be positive and finite.");

    /// <summary>A length of time ahead in <paramref name="unit"/>, which must not be negative.</summary>
    public static double NotNegativeTime(ModelTime time, ModelTimeUnit unit, string parameter)
    {
        var t = time.ToUnit(unit);
        return t >= 0 && double.IsFinite(t) ? t : throw new ArgumentOutOfRangeException(parameter, t, "A length of time ahead is finite and not negative.");
    }
}
