using System.Text.Json.Serialization;
using Crm.Metrics.Internal;

namespace Crm.Metrics.LoyaltyProgrammes;

/// <summary>
/// Members' purchases in the <see cref="WindowDays"/> days before joining against the same number of days after, for
/// the cohort whose both windows the data covers (see <see cref="Members"/>).
/// </summary>
public sealed class BeforeAfterFigures
{
    [JsonConstructor]
    internal BeforeAfterFigures(long members, int windowDays, WindowFigures before, WindowFigures after)
    {
        Members = ReadBack.Count(members, nameof(members));
        WindowDays = windowDays;
        Before = ReadBack.Present(before, nameof(before));
        After = ReadBack.Present(after, nameof(after));
    }

    /// <summary>
    /// The cohort: members who joined between 365 + <see cref="WindowDays"/> and <see cref="WindowDays"/> days before
    /// the period's end (so their days after joining have all passed), and not earlier than <see cref="WindowDays"/>
    /// days after the first purchase in the data (so their days before joining are in it).
    /// </summary>
    public long Members { get; }

    /// <summary>The length of each window, in days.</summary>
    public int WindowDays { get; }

    /// <summary>The days before joining (the joining day not included).</summary>
    public WindowFigures Before { get; }

    /// <summary>The days from joining on (the joining day included).</summary>
    public WindowFigures After { get; }

    /// <summary>The figures in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
