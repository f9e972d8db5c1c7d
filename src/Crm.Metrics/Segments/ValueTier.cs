namespace Crm.Metrics.Segments;

/// <summary>The ABC (Pareto) value tier of a customer.</summary>
public enum ValueTier
{
    /// <summary>The most valuable customers, making up the first share of value (default 80 %).</summary>
    A,

    /// <summary>The next share of value (default 15 %).</summary>
    B,

    /// <summary>The rest, and every customer with no positive value.</summary>
    C,
}
