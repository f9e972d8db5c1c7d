namespace Crm.Metrics.Internal;

/// <summary>Checks shared by the accumulators' <c>Merge</c> methods.</summary>
internal static class Accumulators
{
    /// <summary>Throws unless <paramref name="other"/> is a distinct accumulator of the same period (and, when given, the same settings).</summary>
    public static void RequireMergeable(object self, object other, ReportingPeriod period, ReportingPeriod otherPeriod, bool sameSettings = true, string parameterName = "other")
    {
        if (ReferenceEquals(self, other))
        {
            throw new ArgumentException("An accumulator cannot be merged into itself.", parameterName);
        }

        if (!period.Equals(otherPeriod) || !sameSettings)
        {
            throw new ArgumentException("Only accumulators of the same period and options can be merged.", parameterName);
        }
    }
}
