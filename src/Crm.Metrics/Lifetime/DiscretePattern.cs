using System.Globalization;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// One customer's history over discrete transaction occasions (yearly donations, annual events, renewal windows),
/// and how many customers share it: x transactions in the n occasions after the first, the last at occasion t_x.
/// </summary>
/// <remarks>Immutable; the rules are checked on construction.</remarks>
public sealed record DiscretePattern
{
    /// <summary>Creates a pattern.</summary>
    /// <param name="frequency">x: the occasions with a transaction, after the first transaction; 0 ≤ x ≤ t_x.</param>
    /// <param name="recency">t_x: the last occasion with a transaction (1 … n), 0 exactly when x = 0.</param>
    /// <param name="periods">n: the occasions after the first transaction; at least 1 and at most <see cref="MaxPeriods"/>.</param>
    /// <param name="weight">How many customers have this history; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count breaks its rule (the message says which).</exception>
    public DiscretePattern(int frequency, int recency, int periods, long weight = 1)
    {
        Periods = periods is >= 1 and <= MaxPeriods ? periods
            : throw new ArgumentOutOfRangeException(nameof(periods), periods, string.Create(CultureInfo.InvariantCulture, $"The occasions after the first transaction are from 1 to {MaxPeriods:N0}."));
        Recency = recency >= 0 && recency <= periods ? recency
            : throw new ArgumentOutOfRangeException(nameof(recency), recency, "The last occasion with a transaction is from 0 (none) to the number of occasions.");
        Frequency = frequency >= 0 && frequency <= recency && (frequency == 0) == (recency == 0) ? frequency
            : throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "The transactions are at most the last occasion with one (x ≤ t_x), and none exactly when t_x is 0.");
        Weight = weight > 0 ? weight : throw new ArgumentOutOfRangeException(nameof(weight), weight, "A pattern's weight (its customers) is positive.");
    }

    /// <summary>The most occasions a pattern may span.</summary>
    public const int MaxPeriods = 10_000;

    /// <summary>x: the occasions with a transaction after the first transaction.</summary>
    public int Frequency { get; }

    /// <summary>t_x: the last occasion with a transaction (1 … n); 0 when x = 0.</summary>
    public int Recency { get; }

    /// <summary>n: the occasions after the first transaction.</summary>
    public int Periods { get; }

    /// <summary>How many customers have this history.</summary>
    public long Weight { get; }

    /// <summary>The pattern (invariant culture).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"x = {Frequency}, t_x = {Recency}, n = {Periods}: {Crm.Internal.Words.Count(Weight, "customer", "customers")}");
}
