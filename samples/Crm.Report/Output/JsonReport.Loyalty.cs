using System.Text.Json;
using Crm.Metrics;

namespace Crm.Report.Output;

internal static partial class JsonReport
{
    /// <summary>
    /// <c>loyaltyProgramme</c>: the library's own JSON of the figures (<c>members</c>, <c>activeMembers</c>,
    /// <c>enrolmentRate</c>, <c>points</c>, <c>redemptionRate</c>, <c>breakage</c>, <c>liability</c>, <c>tiers</c>,
    /// <c>migration</c>, <c>dueForDowngrade</c>, <c>effect</c>); null without <c>--programme</c>.
    /// </summary>
    private static void Loyalty(Utf8JsonWriter json, Report report)
    {
        json.WritePropertyName("loyaltyProgramme");
        if (report.Loyalty is not { } loyalty)
        {
            json.WriteNullValue();
            return;
        }

        // The library's source-generated contract: no reflection, safe under trimming and native AOT.
        var contract = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeMetrics>)CrmJson.Options.GetTypeInfo(typeof(Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeMetrics));
        json.WriteRawValue(JsonSerializer.Serialize(loyalty, contract));
    }
}
