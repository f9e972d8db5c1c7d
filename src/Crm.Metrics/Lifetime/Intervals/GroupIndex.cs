using System.Runtime.InteropServices;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime.Intervals;

/// <summary>
/// Distinct summaries (x, t_x, T) with their distinct x, t_x and T values indexed, so that a prediction evaluated at
/// many parameter vectors computes what depends on one value once per value (ln(α + T) once per T, say).
/// </summary>
internal sealed class GroupIndex
{
    private GroupIndex(RepeatSummary[] groups, int[] xs, double[] recencies, double[] ages, int[] xIndex, int[] recencyIndex, int[] ageIndex)
    {
        Groups = groups;
        Xs = xs;
        Recencies = recencies;
        Ages = ages;
        XIndex = xIndex;
        RecencyIndex = recencyIndex;
        AgeIndex = ageIndex;
    }

    /// <summary>The summaries, in the caller's order.</summary>
    public RepeatSummary[] Groups { get; }

    /// <summary>The distinct x.</summary>
    public int[] Xs { get; }

    /// <summary>The distinct t_x.</summary>
    public double[] Recencies { get; }

    /// <summary>The distinct T.</summary>
    public double[] Ages { get; }

    /// <summary>Per summary, the index of its x in <see cref="Xs"/>.</summary>
    public int[] XIndex { get; }

    /// <summary>Per summary, the index of its t_x in <see cref="Recencies"/>.</summary>
    public int[] RecencyIndex { get; }

    /// <summary>Per summary, the index of its T in <see cref="Ages"/>.</summary>
    public int[] AgeIndex { get; }

    /// <summary>Indexes <paramref name="groups"/>.</summary>
    public static GroupIndex Of(RepeatSummary[] groups)
    {
        var xs = new Distinct<int>();
        var recencies = new Distinct<double>();
        var ages = new Distinct<double>();
        var xIndex = new int[groups.Length];
        var recencyIndex = new int[groups.Length];
        var ageIndex = new int[groups.Length];
        for (var g = 0; g < groups.Length; g++)
        {
            xIndex[g] = xs.IndexOf(groups[g].X);
            recencyIndex[g] = recencies.IndexOf(groups[g].Tx);
            ageIndex[g] = ages.IndexOf(groups[g].T);
        }

        return new GroupIndex(groups, [.. xs.Values], [.. recencies.Values], [.. ages.Values], xIndex, recencyIndex, ageIndex);
    }

    private sealed class Distinct<T>
        where T : notnull
    {
        private readonly Dictionary<T, int> _index = [];

        public List<T> Values { get; } = [];

        public int IndexOf(T value)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, value, out var exists);
            if (!exists)
            {
                slot = Values.Count;
                Values.Add(value);
            }

            return slot;
        }
    }
}
