using System.Runtime.InteropServices;
using Crm.Metrics.Lifetime.Summaries;

namespace Crm.Metrics.Lifetime.Intervals;

/// <summary>
/// Distinct summaries (x, t_x, T) with their distinct x, t_x and T values indexed, so that a prediction evaluated at
/// many parameter vectors computes what depends on one value once per value (ln(α + T) once per T, say).
/// </summary>
internal sealed class GroupIndex
{
    private GroupIndex(RepeatSummary[] groups, int[] xs, double[] recencies, double[] ages, int[] xIndex, int[] recencyIndex, int[] ageIndex, Pairs xAge, Pairs xRecency)
    {
        Groups = groups;
        Xs = xs;
        Recencies = recencies;
        Ages = ages;
        XIndex = xIndex;
        RecencyIndex = recencyIndex;
        AgeIndex = ageIndex;
        XAge = xAge;
        XRecency = xRecency;
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

    /// <summary>The distinct (x, T) of the summaries, as indexes into <see cref="Xs"/> and <see cref="Ages"/>.</summary>
    public Pairs XAge { get; }

    /// <summary>The distinct (x, t_x) of the summaries, as indexes into <see cref="Xs"/> and <see cref="Recencies"/>.</summary>
    public Pairs XRecency { get; }

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

        return new GroupIndex(groups, [.. xs.Values], [.. recencies.Values], [.. ages.Values], xIndex, recencyIndex, ageIndex, Pairs.Of(xIndex, ageIndex), Pairs.Of(xIndex, recencyIndex));
    }

    /// <summary>Distinct pairs of two indexes, and each summary's pair.</summary>
    internal sealed class Pairs
    {
        private Pairs(int[] first, int[] second, int[] ofGroup)
        {
            First = first;
            Second = second;
            OfGroup = ofGroup;
        }

        /// <summary>The pairs' first index (into <see cref="Xs"/>).</summary>
        public int[] First { get; }

        /// <summary>The pairs' second index.</summary>
        public int[] Second { get; }

        /// <summary>Per summary, the index of its pair.</summary>
        public int[] OfGroup { get; }

        /// <summary>The distinct (<paramref name="first"/>[g], <paramref name="second"/>[g]), in order of first appearance.</summary>
        public static Pairs Of(int[] first, int[] second)
        {
            var pairs = new Distinct<long>();
            var ofGroup = new int[first.Length];
            for (var g = 0; g < first.Length; g++)
            {
                ofGroup[g] = pairs.IndexOf(((long)first[g] << 32) | (uint)second[g]);
            }

            var firsts = new int[pairs.Values.Count];
            var seconds = new int[pairs.Values.Count];
            for (var p = 0; p < firsts.Length; p++)
            {
                firsts[p] = (int)(pairs.Values[p] >> 32);
                seconds[p] = (int)(uint)pairs.Values[p];
            }

            return new Pairs(firsts, seconds, ofGroup);
        }
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
