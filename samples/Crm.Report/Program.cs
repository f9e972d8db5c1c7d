using Crm.Report;
using Crm.Report.Cli;

// crm-report: the CRM report over a data set. See README.md ("The two commands") and `crm-report --help`.
// Progress goes to stderr: phase lines always (unless --quiet), a live line too when stderr is a terminal.
return ReportApp.Run(args, Console.Out, Console.Error, clock: null, progress: Console.IsErrorRedirected ? ProgressMode.Lines : ProgressMode.Terminal);
