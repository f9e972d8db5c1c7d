using Crm.Metrics;
using Crm.Report.Cli;
using Crm.Report.Input;
using NodaTime;

namespace Crm.Report.Demo;

/// <summary>The demo company's records as the report reads them, with the report's default period and settings — for the other samples.</summary>
internal static class DemoDataSet
{
    /// <summary>Reads the embedded demo company.</summary>
    /// <returns>Its records, the period the report would show (the last full month of its activity) and the report's scorecard settings.</returns>
    public static (CrmDataSet Data, ReportingPeriod Period, ScorecardSettings Settings) Read()
    {
        var options = OptionParser.Parse([]);
        var demo = DemoCompany.Generate();
        var problems = new InputProblems();
        var data = new DataSetReader(options, problems).Read(kind => demo.TryGetValue(kind, out var entry) ? ("demo/" + entry.Name, new StringReader(entry.Csv)) : null);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The embedded demo data set has {problems.Count} problems.");
        }

        return (ReportApp.DataSet(data), ReportApp.Period(options, data, SystemClock.Instance), ReportApp.Settings(options, data));
    }
}
