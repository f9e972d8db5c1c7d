namespace Crm.Metrics.Lifetime;

/// <summary>The check every model's constructor applies to its parameters.</summary>
internal static class ModelParameters
{
    public static double Positive(double value, string parameter) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(parameter, value, "A model parameter must be positive and finite.");
}
