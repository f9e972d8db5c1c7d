using System.Diagnostics;
using System.Globalization;

namespace Crm.Report.Cli;

/// <summary>
/// A run's progress on stderr: one line per finished phase — <c>crm-report: read transactions.csv: 824,391 rows (1.2 s)</c>
/// — and, on a terminal, a live status line rewritten in place between them. Safe to call from several threads.
/// </summary>
internal sealed class RunProgress(TextWriter stderr, bool live) : IProgress<long>
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private int _length;

    /// <summary>The live line: records read so far (a terminal only).</summary>
    public void Report(long value) => Show(string.Create(CultureInfo.InvariantCulture, $"computing: {value:N0} records"));

    /// <summary>Rewrites the live status line (a terminal only).</summary>
    public void Show(string status)
    {
        if (!live)
        {
            return;
        }

        lock (_gate)
        {
            stderr.Write('\r' + status.PadRight(_length));
            _length = status.Length;
        }
    }

    /// <summary>Writes the line of a finished phase, with the time since the run started.</summary>
    public void Phase(string text)
    {
        lock (_gate)
        {
            ClearLine();
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"crm-report: {text} ({_watch.Elapsed.TotalSeconds:0.0} s)"));
        }
    }

    /// <summary>Removes the live line, before an error or the report's own output.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            ClearLine();
        }
    }

    private void ClearLine()
    {
        if (_length > 0)
        {
            stderr.Write('\r' + new string(' ', _length) + '\r');
            _length = 0;
        }
    }
}
