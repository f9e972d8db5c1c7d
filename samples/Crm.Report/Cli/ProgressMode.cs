namespace Crm.Report.Cli;

/// <summary>How a run reports its progress on stderr (errors are always written).</summary>
internal enum ProgressMode
{
    /// <summary>Nothing but errors: <c>--quiet</c>, and in-process callers by default.</summary>
    None,

    /// <summary>One <c>crm-report:</c> line after each phase: stderr is redirected to a file or a pipe.</summary>
    Lines,

    /// <summary>The phase lines and a live status line rewritten in place: stderr is a terminal.</summary>
    Terminal,
}
