using Crm.Metrics.Segments;
using Crm.Report.Input;
using NodaTime;

namespace Crm.Report.Output;

/// <summary>The report's RFM section: RFM at the period's last day over all history, and value tiers by the same revenue.</summary>
internal sealed record RfmSection(RfmAnalysis Rfm, ValueTierAnalysis? Tiers)
{
    /// <summary>Every customer with a sale up to the period's end, counted once; null without purchases.</summary>
    public static RfmSection? Build(InputData data, LocalDate periodEnd, DateTimeZone zone)
    {
        if (data.Purchases is not { } purchases)
        {
            return null;
        }

        var rfm = RfmAnalysis.Compute(purchases, new RfmOptions(periodEnd) { Zone = zone });
        var tiers = rfm.Customers.Any(c => c.Revenue.Amount > 0) ? ValueTierAnalysis.FromRfm(rfm) : null;
        return new RfmSection(rfm, tiers);
    }
}
