using System.Text.Json.Serialization;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;

namespace Crm.Metrics.States;

/// <summary>The generated context behind <see cref="CrmStateJson"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ScorecardState))]
[JsonSerializable(typeof(RfmState))]
[JsonSerializable(typeof(CustomerBaseSummaryState))]
[JsonSerializable(typeof(LoyaltyProgrammes.LoyaltyProgrammeState))]
internal sealed partial class CrmStateJsonContext : JsonSerializerContext
{
}
