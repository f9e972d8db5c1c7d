namespace Crm.Metrics.Internal;

/// <summary>
/// Range checks for the sums a merge or an accumulation is about to make, so that it can refuse before it changes
/// anything instead of stopping half-way on an <see cref="OverflowException"/>.
/// </summary>
internal static class Sums
{
    /// <summary>Whether <paramref name="a"/> + <paramref name="b"/> is inside the range of <see cref="decimal"/>.</summary>
    public static bool Fit(decimal a, decimal b) =>
        (a >= 0m) != (b >= 0m) || (a >= 0m ? a <= decimal.MaxValue - b : a >= decimal.MinValue - b);

    /// <summary>Whether merging two non-negative counts keeps them within <see cref="StateChecks.MaxCount"/>.</summary>
    public static bool Fit(long a, long b) => a <= StateChecks.MaxCount - b;

    /// <summary>Throws <see cref="AmountOverflowException"/> for <paramref name="operation"/> in <paramref name="currency"/> unless the amounts fit.</summary>
    public static void RequireFit(decimal a, decimal b, string operation, Currency? currency)
    {
        if (!Fit(a, b))
        {
            throw new AmountOverflowException(operation, currency ?? default);
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the count unless two counts merge within bounds.</summary>
    public static void RequireCountFit(long a, long b, string field, string parameter)
    {
        if (!Fit(a, b))
        {
            throw new ArgumentException(
                $"Merging would take {field} above 2^53, the largest count kept exactly; nothing was merged.", parameter);
        }
    }

    /// <summary>Throws unless every pair of counts of two equally long arrays merges within bounds.</summary>
    public static void RequireCountsFit(long[] a, long[] b, string field, string parameter)
    {
        for (var i = 0; i < a.Length; i++)
        {
            RequireCountFit(a[i], b[i], field, parameter);
        }
    }
}
