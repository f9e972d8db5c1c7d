using Crm.Report;

// crm-report: the CRM report over a data set. See README.md ("The two commands") and `crm-report --help`.
return ReportApp.Run(args, Console.Out, Console.Error, clock: null, showProgress: !Console.IsErrorRedirected);
