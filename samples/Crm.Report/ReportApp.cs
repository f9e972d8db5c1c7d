using System.Globalization;
using System.Text;
using Crm.Domain;
using Crm.Metrics;
using Crm.Report.Cli;
using Crm.Report.Demo;
using Crm.Report.Input;
using Crm.Report.Output;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Crm.Report;

/// <summary>
/// The program: parse the command line, read the data (files or the demo company), compute the scorecard through
/// <see cref="ICrmMetrics"/> exactly as another team would, and write the report. Exit codes: 0 written, 2 bad
/// command line or input (and nothing written).
/// </summary>
internal static class ReportApp
{
    public const int Ok = 0;
    public const int BadInput = 2;
    public const int Failed = 70;

    /// <summary>Runs the program with these streams; in-process tests call it directly.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Where the report goes without --out.</param>
    /// <param name="stderr">Where problems (and progress) go.</param>
    /// <param name="clock">The clock (tells whether the period is complete); the system clock by default.</param>
    /// <param name="progress">How to show progress on <paramref name="stderr"/>: phase lines, and a live line on a terminal; <c>--quiet</c> shows none.</param>
    /// <returns>The exit code.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, IClock? clock = null, ProgressMode progress = ProgressMode.None)
    {
        // Every number and date the report writes is culture-independent, whatever the machine's culture.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return RunCore(OptionParser.Parse(args), stdout, stderr, clock, progress);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"crm-report: {e.Message}");
            stderr.WriteLine();
            stderr.Write(OptionParser.Usage);
            return BadInput;
        }
        catch (ReportError e)
        {
            stderr.WriteLine($"crm-report: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException && Environment.GetEnvironmentVariable("CRM_REPORT_TRACE") != "1")
        {
            // A fault of the program itself: one line, no stack trace (CRM_REPORT_TRACE=1 shows it).
            stderr.WriteLine($"crm-report: unexpected error ({e.GetType().Name}): {InputProblems.Cut(e.Message.ReplaceLineEndings(" "))}");
            return Failed;
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    private static int RunCore(ReportOptions options, TextWriter stdout, TextWriter stderr, IClock? clock, ProgressMode mode)
    {
        if (options.Help)
        {
            stdout.Write(OptionParser.Usage);
            return Ok;
        }

        if (options.WriteDemo is { } folder)
        {
            try
            {
                Directory.CreateDirectory(folder);
                foreach (var (_, (name, csv)) in DemoCompany.Generate())
                {
                    File.WriteAllText(Path.Combine(folder, name), csv, new UTF8Encoding(false));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ReportError($"--write-demo {folder}: cannot write: {Reason(e)}");
            }

            stderr.WriteLine($"Wrote the demo data set to {folder}; run the report on it with --transactions {Path.Combine(folder, "transactions.csv")} and the other files.");
            return Ok;
        }

        Files.CheckInputs(options);
        Files.CheckOutput(options);
        var demo = options.IsDemo ? DemoCompany.Generate() : null;
        var problems = new InputProblems();
        var progress = options.Quiet || mode == ProgressMode.None ? null : new RunProgress(stderr, live: mode == ProgressMode.Terminal);
        string? reading = null;
        InputData data;
        try
        {
            data = new DataSetReader(options, problems).Read(kind =>
            {
                if (demo is not null)
                {
                    return demo.TryGetValue(kind, out var entry) ? ("demo/" + entry.Name, new StringReader(entry.Csv)) : null;
                }

                var file = options.Inputs.First(i => i.Kind == kind).Path;
                if (file is null)
                {
                    return null;
                }

                reading = $"--{Files.Option(kind)} {file}";
                progress?.Show($"reading {file}");
                return (file, new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true));
            },
            (file, rows) => progress?.Phase(string.Create(CultureInfo.InvariantCulture, $"read {file}: {rows:N0} rows")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress?.Clear();
            throw new ReportError($"{reading}: cannot read: {Reason(e)}");
        }

        if (problems.Count > 0)
        {
            progress?.Clear();
            problems.WriteTo(stderr);
            return BadInput;
        }


        try
        {
            return Compute(options, data, demo, stdout, clock, progress);
        }
        catch (AmountOverflowException e)
        {
            progress?.Clear();
            var files = string.Join(", ", options.Inputs.Where(i => i.Path is not null && i.Kind is InputKind.Transactions or InputKind.Costs).Select(i => $"--{Files.Option(i.Kind)} {i.Path}"));
            throw new ReportError(
                $"amounts {(files.Length > 0 ? $"in {files} " : string.Empty)}go beyond the range of decimal numbers (about ±7.9e28) while {(e.Operation.Length > 0 ? e.Operation : "computing")}{(e.Currency == default ? string.Empty : $" in {e.Currency}")}; look for a mistaken amount (a placeholder maximum, a wrong unit)");
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName is "period" or "dates" or "request.Scorecards")
        {
            progress?.Clear();
            throw new ReportError($"--from/--to: {Messages.Reason(e)}");
        }
    }

    private static int Compute(ReportOptions options, InputData data, IReadOnlyDictionary<InputKind, (string Name, string Csv)>? demo, TextWriter stdout, IClock? clock, RunProgress? progress)
    {
        var period = Period(options, data, clock);
        var summaryOptions = data.Purchases is null ? null : ModelsSection.SummaryOptionsFor(options, period.Dates.End);
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddCrmMetrics(o => o.DefaultZone = options.Zone);
        using var provider = services.BuildServiceProvider();
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var dataSet = DataSet(data);
        var settings = Settings(options, data);

        // One read of the records gives the per-customer analyses and, unless LTV:CAC must wait for the fitted models
        // (--value-basis), the scorecards. The HTML and JSON reports chart the twelve months up to the period's: when
        // the period is the last of them (a calendar month), the same read gives its scorecard and theirs; otherwise
        // the months are computed beside it.
        var months = options.Format is OutputFormat.Html or OutputFormat.Json ? TrendSection.MonthsFor(data, period) : null;
        var series = months is not null && months[^1].Equals(period);
        var cardsInRead = options.ValueBasis is null;
        AnalysisResults? analyses = null;
        if (cardsInRead || summaryOptions is not null)
        {
            analyses = metrics.ComputeAnalyses(dataSet, new AnalysisRequest
            {
                Scorecards = cardsInRead ? series ? months : [period] : null,
                ScorecardSettings = settings,
                Summary = summaryOptions,
                Rfm = summaryOptions is null ? null : new Crm.Metrics.Segments.RfmOptions(period.Dates.End) { Zone = period.Zone },
                Lifecycles = summaryOptions is null ? null : new Crm.Metrics.Segments.LifecycleOptions(period.Dates.End) { Zone = period.Zone },
                Churn = summaryOptions is null ? null : new Crm.Metrics.Churn.ChurnWarningOptions(period.Dates.End) { Zone = period.Zone },

                // The first read counted the rows and estimated the buyers: the analyses make their room once.
                ExpectedCustomers = Math.Max(data.Purchases?.Customers ?? 0, data.Customers?.Count ?? 0),
                ExpectedPurchases = data.Purchases?.Rows ?? 0,
            }, progress);
        }

        var sections = ReportBuilder.StartSections(analyses, data, options, period.Dates.End);
        Crm.Metrics.CustomerValue.ValueBasis? basis = null;
        string? basisProblem = null;
        if (options.ValueBasis is { } choice)
        {
            progress?.Show("fitting the models for --value-basis");
            (basis, basisProblem) = LifetimeValueSection.Basis(choice, sections.Models.GetAwaiter().GetResult(), data);
            settings = settings with { ValueBasis = basis };
        }

        Scorecard card;
        Task<TrendSection?> trend;
        if (series)
        {
            var cards = cardsInRead ? analyses!.Scorecards! : metrics.ComputeScorecards(dataSet, months!, settings, progress);
            card = cards[^1];
            trend = Task.FromResult<TrendSection?>(TrendSection.From(cards));
        }
        else
        {
            trend = months is null ? Task.FromResult<TrendSection?>(null) : Task.Run(() => (TrendSection?)TrendSection.Build(metrics, data, months, settings));
            card = cardsInRead ? analyses!.Scorecards![0] : metrics.ComputeScorecard(dataSet, period, settings, progress);
        }

        progress?.Phase($"scorecard of {period.Dates.Start:yyyy-MM-dd}..{period.Dates.End:yyyy-MM-dd} ({period.Zone.Id})");
        progress?.Show("segments and models");
        sections.Rfm.GetAwaiter().GetResult();
        progress?.Phase("segments");
        sections.Models.GetAwaiter().GetResult();
        progress?.Phase("customer-base models");

        Crm.Metrics.LoyaltyProgrammes.LoyaltyProgrammeMetrics? loyalty = null;
        if (data.Programme is { } programme)
        {
            progress?.Show("loyalty programme");
            try
            {
                loyalty = metrics.LoyaltyProgrammes.Compute(new CrmDataSet { Memberships = data.Memberships, PointsEntries = data.PointsEntries, Purchases = data.Purchases }, period, programme);
            }
            catch (CurrencyMismatchException)
            {
                throw new ReportError($"--programme {options.Programme ?? "(demo)"}: its point value is in {programme.Currency.Code}, but the transactions are in {data.Currency?.Code ?? "another currency"}; give the point value in the transactions' currency");
            }

            progress?.Phase("loyalty programme");
        }

        var source = demo is not null
            ? "the embedded demo company, Harbour & Pine (--write-demo DIR exports its CSV files)"
            : "the files below";
        var assessments = AssessmentSection.Build(card, data, provider.GetRequiredService<Crm.Metrics.Assessments.IAssessmentScorer>());
        var report = ReportBuilder.Build(card, data, options, source, sections, basisProblem) with { Assessments = assessments, Loyalty = loyalty, Programme = data.Programme, Trend = trend.GetAwaiter().GetResult() };
        var output = options.Format switch
        {
            OutputFormat.Json => JsonReport.Write(report),
            OutputFormat.Html => HtmlReport.Write(report),
            OutputFormat.Csv => CsvReport.Write(report),
            _ => TextReport.Write(report),
        };
        if (options.Out is { } path)
        {
            Files.WriteWhole(path, output);
        }
        else
        {
            stdout.Write(output);
        }

        progress?.Phase(string.Create(CultureInfo.InvariantCulture, $"wrote the {options.Format.ToString().ToLowerInvariant()} report: {output.Length:N0} characters to {options.Out ?? "stdout"}"));
        return Ok;
    }

    /// <summary>The records the scorecard reads (interactions and discrete patterns are the report's own).</summary>
    internal static CrmDataSet DataSet(InputData data) => new()
    {
        Customers = data.Customers,
        Purchases = data.Purchases,
        SurveyResponses = data.SurveyResponses,
        Complaints = data.Complaints,
        Costs = data.Costs,
        Leads = data.Leads,
        Feedback = data.Feedback,
    };

    /// <summary>The scorecard's settings: the files' currency, else --currency when given; the funnel of --funnel.</summary>
    internal static ScorecardSettings Settings(ReportOptions options, InputData data) => new()
    {
        Currency = data.Currency ?? (options.CurrencyGiven ? options.Currency : null),
        FallbackCurrency = options.Currency,
        Funnel = options.Funnel,
    };

    /// <summary>The reason an I/O error gives, on one line.</summary>
    private static string Reason(Exception e) => e is UnauthorizedAccessException ? "permission denied" : InputProblems.Cut(e.Message.ReplaceLineEndings(" "));

    /// <summary>
    /// The reporting period: --from/--to, else the last full calendar month of the data's activity, in --zone; with
    /// only --discrete (patterns have no dates) the last full month by the clock, whose sections are then empty.
    /// </summary>
    internal static ReportingPeriod Period(ReportOptions options, InputData data, IClock? clock)
    {
        if (options.From is { } from && options.To is { } to)
        {
            return new ReportingPeriod(new DateInterval(from, to), options.Zone);
        }

        if (data.LastActivity is null && data.Files.Count > 0 && data.Files.All(f => f.Kind == InputKind.Discrete))
        {
            return ReportingPeriod.LastFullMonth(clock ?? SystemClock.Instance, options.Zone);
        }

        if (data.LastActivity is not { } last)
        {
            throw new UsageException("cannot infer the reporting period: the input has no dated activity; give --from and --to");
        }

        var lastDay = last.InZone(options.Zone).Date;
        var month = lastDay.PlusDays(1).Month == lastDay.Month
            ? lastDay.PlusMonths(-1)
            : lastDay;
        var first = new LocalDate(month.Year, month.Month, 1);
        return new ReportingPeriod(new DateInterval(first, first.PlusMonths(1).PlusDays(-1)), options.Zone);
    }
}
