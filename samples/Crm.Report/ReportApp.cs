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
    /// <param name="singleRead">
    /// Whether a transactions file may be read once, its ends giving the plan (see <see cref="OnePass"/>); false reads
    /// the inputs as before, checked first and then computed, for tests to compare the two.
    /// </param>
    /// <param name="reads">Told how a single read went, for tests: <c>once</c>, or why the file was read again.</param>
    /// <returns>The exit code.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, IClock? clock = null, ProgressMode progress = ProgressMode.None, bool singleRead = true, Action<string>? reads = null)
    {
        // Every number and date the report writes is culture-independent, whatever the machine's culture.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return RunCore(OptionParser.Parse(args), stdout, stderr, clock, progress, singleRead ? reads ?? (_ => { }) : null);
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

    private static int RunCore(ReportOptions options, TextWriter stdout, TextWriter stderr, IClock? clock, ProgressMode mode, Action<string>? singleRead)
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
        var progress = options.Quiet || mode == ProgressMode.None ? null : new RunProgress(stderr, live: mode == ProgressMode.Terminal);
        string? reading = null;
        (string File, TextReader Reader)? Open(InputKind kind)
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
        }

        void Read(string file, int rows) => progress?.Phase(string.Create(CultureInfo.InvariantCulture, $"read {file}: {rows:N0} rows"));

        using var provider = Services(options, clock);
        if (singleRead is not null && demo is null && options.Customers is null && options.Transactions is not null && OnePass(options, provider.GetRequiredService<ICrmMetrics>(), Open, Read, clock, progress, singleRead) is var (once, analyses))
        {
            return Computed(options, () => Compute(options, once, demo, stdout, provider, clock, progress, analyses), progress);
        }

        var problems = new InputProblems();
        InputData data;
        try
        {
            data = new DataSetReader(options, problems).Read(Open, Read);
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

        return Computed(options, () => Compute(options, data, demo, stdout, provider, clock, progress, analyses: null), progress);
    }

    /// <summary>Runs <paramref name="compute"/>, its failures for amounts beyond decimal and for a period out of range said as the input's.</summary>
    private static int Computed(ReportOptions options, Func<int> compute, RunProgress? progress)
    {
        try
        {
            return compute();
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

    /// <summary>The services the report computes with, registered as another team registers them: the clock when given, the zone of --zone.</summary>
    private static ServiceProvider Services(ReportOptions options, IClock? clock)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddCrmMetrics(o => o.DefaultZone = options.Zone);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The inputs and the analyses from a single read of the transactions file: the other files are read first, the
    /// transactions' first and last rows give the plan (the period, the months, the currency) the analyses are asked
    /// for, and the analyses then read the file while it is checked. Null where that read cannot stand and the report
    /// reads the inputs as usual — checked first, then computed — so that what it writes is exactly what those two
    /// reads give: when an input has a problem, or reading or the analyses fail. When the whole file gives another plan
    /// than its ends did (a file out of time order, say), the inputs come back complete, without analyses, to be
    /// computed on the plan of the whole file. <paramref name="reads"/> is told which: <c>once</c>, or why not.
    /// </summary>
    private static (InputData Data, AnalysisResults? Analyses)? OnePass(ReportOptions options, ICrmMetrics metrics, Func<InputKind, (string, TextReader)?> open, Action<string, int> read, IClock? clock, RunProgress? progress, Action<string> reads)
    {
        // The files' phase lines are said once this read stands (otherwise the usual read would say them again).
        var phases = new List<(string File, int Rows)>();
        var problems = new InputProblems();
        var reader = new DataSetReader(options, problems);
        try
        {
            var data = reader.Read(open, (file, rows) => phases.Add((file, rows)), deferTransactions: true);
            if (problems.Count > 0 || reader.TransactionsGuess is not { } guess)
            {
                reads(problems.Count > 0 ? "twice: a problem in another file" : "twice: no row at the file's ends to plan by");
                return null;
            }

            var planned = Plan.Of(options, data.Guessed(guess), clock);
            var purchases = reader.TransactionsOnce((file, rows) => phases.Add((file, rows)));
            var analyses = Analyses(metrics, options, data, planned, DataSet(data) with { Purchases = CrmDataSet.PurchasesOf(purchases) }, guess.Rows, progress);
            if (problems.Count > 0 || !reader.TransactionsRead)
            {
                reads(problems.Count > 0 ? "twice: a problem in the transactions" : "twice: the analyses did not read every purchase");
                return null;
            }

            foreach (var (file, rows) in phases)
            {
                read(file, rows);
            }

            var same = Plan.Of(options, data, clock).SameAs(planned);
            reads(same ? "once" : "twice: the whole file gives another plan");
            return (data, same ? analyses : null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            reads(e is InputProblemException ? "twice: a problem in the transactions" : $"twice: {e.GetType().Name}");
            return null;
        }
    }

    /// <summary>
    /// The analyses of one read of the records, as the report asks for them: the scorecards (the trend's months when
    /// the last of them is the period, else the period's) unless LTV:CAC waits for the fitted models (--value-basis),
    /// and with purchases the summary, RFM, lifecycles and churn warning as of the period's end. Null when nothing is asked.
    /// </summary>
    private static AnalysisResults? Analyses(ICrmMetrics metrics, ReportOptions options, InputData data, Plan plan, CrmDataSet dataSet, int expectedPurchases, RunProgress? progress)
    {
        if (options.ValueBasis is not null && plan.Summary is null)
        {
            return null;
        }

        var period = plan.Period;
        return metrics.ComputeAnalyses(dataSet, new AnalysisRequest
        {
            Scorecards = options.ValueBasis is not null ? null : plan.Series ? plan.Months : [period],
            ScorecardSettings = plan.Settings,
            Summary = plan.Summary,
            Rfm = plan.Summary is null ? null : new Crm.Metrics.Segments.RfmOptions(period.Dates.End) { Zone = period.Zone },
            Lifecycles = plan.Summary is null ? null : new Crm.Metrics.Segments.LifecycleOptions(period.Dates.End) { Zone = period.Zone },
            Churn = plan.Summary is null ? null : new Crm.Metrics.Churn.ChurnWarningOptions(period.Dates.End) { Zone = period.Zone },

            // The first read counted the rows and estimated the buyers (or a single read's guess estimated the rows):
            // the analyses make their room once.
            ExpectedCustomers = Math.Max(data.Purchases?.Customers ?? 0, data.Customers?.Count ?? 0),
            ExpectedPurchases = expectedPurchases,
        }, progress);
    }

    private static int Compute(ReportOptions options, InputData data, IReadOnlyDictionary<InputKind, (string Name, string Csv)>? demo, TextWriter stdout, ServiceProvider provider, IClock? clock, RunProgress? progress, AnalysisResults? analyses)
    {
        var metrics = provider.GetRequiredService<ICrmMetrics>();
        var plan = Plan.Of(options, data, clock);
        var (period, months, series, settings) = (plan.Period, plan.Months, plan.Series, plan.Settings);
        var dataSet = DataSet(data);

        // One read of the records gives the per-customer analyses and, unless LTV:CAC must wait for the fitted models
        // (--value-basis), the scorecards (see Analyses); a single read of the inputs may have given them already.
        var cardsInRead = options.ValueBasis is null;
        analyses ??= Analyses(metrics, options, data, plan, dataSet, data.Purchases?.Rows ?? 0, progress);

        // The read's working arrays (the scorecards' batches, the tables outgrown as customers arrived) are garbage now,
        // and the sections are about to make large arrays of their own. The collector would reclaim the old ones only
        // once the new ones had used up its allowance for large objects, so that both are in memory at the peak. A
        // background collection started here (it does not stop the threads) lets the sections reuse that memory
        // instead (docs/performance.md, "One read of the transactions").
        GC.Collect(2, GCCollectionMode.Forced, blocking: false);
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
                loyalty = metrics.LoyaltyProgrammes.Compute(new CrmDataSet { Memberships = data.Memberships, PointsEntries = data.PointsEntries, Purchases = data.Purchases?.AsPurchases() }, period, programme);
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
        Purchases = data.Purchases?.AsPurchases(),
        SurveyResponses = data.SurveyResponses,
        Complaints = data.Complaints,
        Costs = data.Costs,
        Leads = data.Leads,
        Feedback = data.Feedback,
    };

    /// <summary>
    /// The scorecard's settings: the files' currency, else --currency when given; the funnel of --funnel. Only the last
    /// period keeps its customer rows: the report lists the period's top customers, and the trend's earlier months are
    /// read for their totals.
    /// </summary>
    internal static ScorecardSettings Settings(ReportOptions options, InputData data) => new()
    {
        Currency = data.Currency ?? (options.CurrencyGiven ? options.Currency : null),
        FallbackCurrency = options.Currency,
        Funnel = options.Funnel,
        CustomerRows = ScorecardCustomerRows.LastPeriod,
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

    /// <summary>
    /// What the analyses are asked for, as the inputs decide it: the period, the model summary's options (with
    /// transactions), the months of the trend (HTML and JSON) and whether the period is the last of them, and the
    /// scorecards' settings.
    /// </summary>
    internal sealed record Plan(ReportingPeriod Period, Crm.Metrics.Lifetime.SummaryOptions? Summary, IReadOnlyList<ReportingPeriod>? Months, bool Series, ScorecardSettings Settings)
    {
        /// <summary>The plan of these inputs (see <see cref="ReportApp.Period(ReportOptions, InputData, IClock?)"/>, <see cref="TrendSection.MonthsFor"/>).</summary>
        public static Plan Of(ReportOptions options, InputData data, IClock? clock)
        {
            var period = ReportApp.Period(options, data, clock);
            var months = options.Format is OutputFormat.Html or OutputFormat.Json ? TrendSection.MonthsFor(data, period) : null;
            return new Plan(
                period,
                data.HasTransactions ? ModelsSection.SummaryOptionsFor(options, period.Dates.End) : null,
                months,
                months is not null && months[^1].Equals(period),
                ReportApp.Settings(options, data));
        }

        /// <summary>Whether the two plans ask for the same analyses (the months compared one by one).</summary>
        public bool SameAs(Plan other) =>
            Period.Equals(other.Period) && Equals(Summary, other.Summary) && Series == other.Series && Settings == other.Settings
            && (Months is null ? other.Months is null : other.Months is not null && Months.SequenceEqual(other.Months));
    }
}
