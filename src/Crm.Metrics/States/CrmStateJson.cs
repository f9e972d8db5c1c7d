using System.Text.Json.Serialization.Metadata;
using Crm.Metrics.Lifetime;
using Crm.Metrics.Segments;

namespace Crm.Metrics.States;

/// <summary>
/// System.Text.Json metadata for the accumulator states, generated at compile time: no reflection, so it is trimming-
/// and AOT-safe. Properties are camelCase.
/// </summary>
/// <example>
/// <code>
/// string json = JsonSerializer.Serialize(accumulator.ToState(), CrmStateJson.ScorecardState);
/// ScorecardState state = JsonSerializer.Deserialize(json, CrmStateJson.ScorecardState)!;
/// </code>
/// </example>
public static class CrmStateJson
{
    /// <summary>The metadata of <see cref="States.ScorecardState"/>.</summary>
    public static JsonTypeInfo<ScorecardState> ScorecardState => CrmStateJsonContext.Default.ScorecardState;

    /// <summary>The metadata of <see cref="RfmState"/>.</summary>
    public static JsonTypeInfo<RfmState> RfmState => CrmStateJsonContext.Default.RfmState;

    /// <summary>The metadata of <see cref="CustomerBaseSummaryState"/>.</summary>
    public static JsonTypeInfo<CustomerBaseSummaryState> CustomerBaseSummaryState => CrmStateJsonContext.Default.CustomerBaseSummaryState;

    /// <summary>The contract of <see cref="LoyaltyProgrammes.LoyaltyProgrammeState"/>.</summary>
    public static JsonTypeInfo<LoyaltyProgrammes.LoyaltyProgrammeState> LoyaltyProgrammeState => CrmStateJsonContext.Default.LoyaltyProgrammeState;

    /// <summary>The resolver of all three, to combine with your own (<c>JsonTypeInfoResolver.Combine</c>).</summary>
    public static IJsonTypeInfoResolver Resolver => CrmStateJsonContext.Default;
}
