using System.Globalization;
using Crm.Metrics.Lifetime;

namespace Crm.Metrics.Segments;

/// <summary>One customer's RFM.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Recency">Days from the last sale to the analysis date (RFM's recency, not the models' t_x).</param>
/// <param name="Frequency">Sale days in the window (same-day sales are one purchase).</param>
/// <param name="Monetary">Mean value per sale day, or the total (see <see cref="RfmOptions.Monetary"/>).</param>
/// <param name="Revenue">The total of the sales in the window.</param>
/// <param name="RecencyScore">R, 1..5, 5 = most recent.</param>
/// <param name="FrequencyScore">F, 1..5, 5 = most frequent.</param>
/// <param name="MonetaryScore">M, 1..5, 5 = highest value.</param>
/// <param name="Segment">The segment of (R, F) in the map.</param>
public sealed record CustomerRfm(CustomerId CustomerId, RfmRecency Recency, int Frequency, Money Monetary, Money Revenue, int RecencyScore, int FrequencyScore, int MonetaryScore, string Segment)
{
    /// <summary>The segment of (R, F) in the map.</summary>
    public string Segment { get; init => field = Crm.Internal.Checked.NotNull(value, nameof(Segment)); } = Crm.Internal.Checked.NotNull(Segment, nameof(Segment));

    /// <summary>The three scores as one code, e.g. <c>545</c>.</summary>
    public string Code => string.Create(CultureInfo.InvariantCulture, $"{RecencyScore}{FrequencyScore}{MonetaryScore}");

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
