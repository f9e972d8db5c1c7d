namespace Crm.Report.Input;

/// <summary>
/// One malformed row: <c>FILE:LINE: column NAME: reason</c>, LINE the physical line (the header is line 1); in a JSON
/// file <c>FILE:LINE: field PATH: reason</c>.
/// </summary>
internal sealed record InputProblem(string File, int Line, string Column, string Reason, string Word = "column")
{
    public override string ToString() => $"{File}:{Line}: {Word} {Column}: {Reason}";
}

/// <summary>Collects the problems of every input file; the run stops after reading them all if there is any.</summary>
internal sealed class InputProblems
{
    public const int Shown = 10;
    private readonly List<InputProblem> _first = [];

    public int Count { get; private set; }

    public IReadOnlyList<InputProblem> First => _first;

    /// <summary>Longest column name and reason written: a 20 MB field or header does not come back as 20 MB of errors.</summary>
    public const int LongestText = 200;

    public void Add(string file, int line, string column, string reason, string word = "column")
    {
        Count++;
        if (_first.Count < Shown)
        {
            _first.Add(new InputProblem(file, line, Cut(column), Cut(reason), word));
        }
    }

    /// <summary>
    /// Adds the <paramref name="index"/>-th problem of <paramref name="other"/> (a list filled apart, in line order, to be
    /// merged in order). Past its first <see cref="Shown"/> it is only counted: this list has at least as many before it.
    /// </summary>
    public void AddFrom(InputProblems other, int index)
    {
        Count++;
        if (index < other._first.Count && _first.Count < Shown)
        {
            _first.Add(other._first[index]);
        }
    }

    /// <summary>At most <see cref="LongestText"/> characters, with "…" and the full length when cut.</summary>
    public static string Cut(string text) =>
        text.Length <= LongestText ? text : $"{text.AsSpan(0, LongestText)}… ({text.Length:N0} characters in all)";

    public void WriteTo(TextWriter error)
    {
        foreach (var problem in _first)
        {
            error.WriteLine(problem);
        }

        if (Count > _first.Count)
        {
            error.WriteLine($"... and {Count - _first.Count} more {(Count - _first.Count == 1 ? "problem" : "problems")}");
        }

        error.WriteLine($"{Count} {(Count == 1 ? "problem" : "problems")} in the input; no report was written.");
    }
}

/// <summary>A field that cannot be read; the row is skipped and the problem reported with its line.</summary>
internal sealed class FieldException(string column, string reason) : Exception(reason)
{
    public string Column { get; } = column;
}
