using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Metrics.Lifetime;
using Crm.Report.Input;
using NodaTime;
using NodaTime.Text;

namespace Crm.Report.Cli;

/// <summary>The lifetime value LTV:CAC sets against acquisition cost (<c>--value-basis</c>).</summary>
internal enum LifetimeValueBasis
{
    /// <summary>The models' predicted 52-week CLV of a new customer, on revenue.</summary>
    Revenue,

    /// <summary>The same on margin: times the gross margin rate of every sale with a cost up to the period's end.</summary>
    Margin,
}

internal enum OutputFormat
{
    Text,
    Json,
    Html,
    Csv,
}

/// <summary>The command line, parsed and validated. Files are paths as the user typed them (they appear in messages).</summary>
internal sealed record ReportOptions
{
    public static readonly IReadOnlyList<string> DefaultFunnel = ["lead", "qualified", "proposal", "won"];

    public string? Transactions { get; init; }

    public string? Surveys { get; init; }

    public string? Complaints { get; init; }

    public string? Costs { get; init; }

    public string? Leads { get; init; }

    public string? Interactions { get; init; }

    public string? Customers { get; init; }

    public string? Feedback { get; init; }

    /// <summary>Patterns of transactions at discrete occasions, for BG/BB.</summary>
    public string? Discrete { get; init; }

    /// <summary>The loyalty programme's rules (JSON).</summary>
    public string? Programme { get; init; }

    /// <summary>The loyalty programme's memberships.</summary>
    public string? Members { get; init; }

    /// <summary>The points ledger.</summary>
    public string? Points { get; init; }

    public LocalDate? From { get; init; }

    public LocalDate? To { get; init; }

    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    public Funnel Funnel { get; init; } = new(DefaultFunnel);

    public LocalDate? CalibrationEnd { get; init; }

    public LocalDate? HoldoutEnd { get; init; }

    public ModelTimeUnit TimeUnit { get; init; } = ModelTimeUnit.Weeks;

    public Currency Currency { get; init; } = Currency.Usd;

    /// <summary>Whether --currency was given: then every amount must be in it.</summary>
    public bool CurrencyGiven { get; init; }

    public OutputFormat Format { get; init; } = OutputFormat.Text;

    public string? Out { get; init; }

    public bool ShowNames { get; init; }

    /// <summary>The lifetime value of LTV:CAC; null when not given (LTV:CAC is then listed as not computed).</summary>
    public LifetimeValueBasis? ValueBasis { get; init; }

    /// <summary>No progress on stderr, only errors (<c>--quiet</c>).</summary>
    public bool Quiet { get; init; }

    public bool Help { get; init; }

    /// <summary>Writes the demo data set's CSV files to this folder instead of a report.</summary>
    public string? WriteDemo { get; init; }

    /// <summary>No input file given: the report runs on the embedded demo company.</summary>
    public bool IsDemo => Inputs.All(i => i.Path is null);

    public IEnumerable<(InputKind Kind, string? Path)> Inputs =>
    [
        (InputKind.Customers, Customers),
        (InputKind.Transactions, Transactions),
        (InputKind.Surveys, Surveys),
        (InputKind.Complaints, Complaints),
        (InputKind.Costs, Costs),
        (InputKind.Leads, Leads),
        (InputKind.Interactions, Interactions),
        (InputKind.Feedback, Feedback),
        (InputKind.Discrete, Discrete),
        (InputKind.Programme, Programme),
        (InputKind.Members, Members),
        (InputKind.Points, Points),
    ];
}

/// <summary>The kinds of input file, in the order they are read.</summary>
internal enum InputKind
{
    Customers,
    Transactions,
    Surveys,
    Complaints,
    Costs,
    Leads,
    Interactions,
    Feedback,
    Discrete,
    Programme,
    Members,
    Points,
}

/// <summary>A command line the program cannot run: unknown option, missing value or file, bad option value.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// A run that cannot go on for a reason one line explains — an input that cannot be read, an output that cannot be
/// written, amounts beyond the decimal range: exit 2, that line on stderr, nothing written.
/// </summary>
internal sealed class ReportError(string message) : Exception(message);

internal static class OptionParser
{
    public const string Usage = """
        Usage: crm-report [options]

        With no input file, runs on the embedded demo company. Input files (CSV with a header row; any may be omitted):
          --transactions FILE   customer_id,occurred_at,amount[,currency][,cost][,channel]
          --surveys FILE        customer_id,answered_at,kind,score            kind: csat | nps | ces
          --complaints FILE     case_id,customer_id,opened_at,first_response_at,resolved_at,target_hours
                                a resolved case with no first_response_at was closed without a reply
          --costs FILE          kind,from,to,amount[,currency][,channel]       kind: acquisition | retention | other
          --leads FILE          lead_id,stage,reached_at[,customer_id]        one row per stage reached
          --interactions FILE   customer_id,occurred_at,channel,direction,purpose
          --customers FILE      customer_id,kind,name,birth_date,time_zone,acquired_at,email,phone,consent_channels
                                [,acquisition_channel] (with acquired_at): fits BG/NBD with it as a covariate
          --feedback FILE       customer_id,received_at,kind,channel           kind: suggestion | praise
          --discrete FILE       frequency,recency,periods[,weights]            transactions at discrete occasions
                                (yearly gifts, annual renewals): x of the n occasions after the first, the last at
                                t_x, one row per customer or per pattern with its weight; fits BG/BB
          --programme FILE      the loyalty programme (JSON): {"tiers": [{"name", "qualifySpend" or
                                "qualifyPoints", "windowDays", "graceDays"}, ... lowest first], "expiryMonths",
                                "pointValue": {"amount", "currency"}}; spend is net of refunds in the point value's
                                currency; points expire expiryMonths after they were earned (omit: never)
          --members FILE        customer_id,joined_at[,left_at]                one row per member (needs --programme)
          --points FILE         customer_id,occurred_at,kind,points[,source][,reason]
                                kind: earn | redeem | expire | adjust; points > 0, signed for adjust (with a
                                reason); source of earned points: purchase | campaign | partner (needs --programme)

        Period and settings:
          --from DATE --to DATE          reporting period, inclusive local dates (default: the data's last full month)
          --zone TZID                    IANA zone for dates and periods (default UTC)
          --funnel STAGES                comma-separated stage order (default lead,qualified,proposal,won)
          --calibration-end DATE         end of the models' calibration period (default --to)
          --holdout-end DATE             evaluate the models on (calibration-end, holdout-end], inclusive dates
          --time-unit days|weeks         model time unit (default weeks)
          --value-basis revenue|margin   LTV:CAC from the models' predicted 52-week CLV of a new customer, on revenue
                                         or on margin (the gross margin rate of all sales with a cost); default: not
                                         computed
          --currency CODE                currency when a file has no currency column (default USD)

        Output:
          --format text|json|html|csv    (default text; csv: one row per metric)
          --out FILE                     write there instead of stdout (required for html)
          --show-names                   show customer names (personal data is hidden by default)
          --write-demo DIR               write the demo data set as CSV files into DIR, and no report
          --quiet                        no progress on stderr (errors are still written)
          -h, --help                     this text

        Progress: after each phase (each file read, scorecard, segments, models, writing) one line on stderr
        starting "crm-report:", and a live status line when stderr is a terminal. stdout carries only the report.

        Dates are YYYY-MM-DD (a local date in --zone) or ISO-8601 instants with Z or an offset.
        Exit codes: 0 report written, 2 bad command line or bad input (nothing written).
        """;

    private static readonly HashSet<string> Flags = ["--show-names", "--quiet", "--help", "-h"];

    private static readonly HashSet<string> Valued =
    [
        "--transactions", "--surveys", "--complaints", "--costs", "--leads", "--interactions", "--customers", "--feedback",
        "--discrete", "--programme", "--members", "--points", "--from", "--to", "--zone", "--funnel", "--calibration-end", "--holdout-end", "--time-unit", "--currency", "--value-basis",
        "--format", "--out", "--write-demo",
    ];

    public static ReportOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name;
            string? value = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }
            else
            {
                name = arg;
            }

            if (Flags.Contains(name))
            {
                if (value is not null)
                {
                    throw new UsageException($"option {name} takes no value");
                }

                flags.Add(name == "-h" ? "--help" : name);
                continue;
            }

            if (!Valued.Contains(name))
            {
                throw new UsageException(name.StartsWith('-') ? $"unknown option {name}" : $"unexpected argument \"{name}\" (options start with --)");
            }

            if (value is null)
            {
                if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
                {
                    throw new UsageException($"option {name} needs a value");
                }

                value = args[++i];
            }

            if (!values.TryAdd(name, value))
            {
                throw new UsageException($"option {name} is given twice");
            }
        }

        return Build(values, flags);
    }

    private static ReportOptions Build(Dictionary<string, string> values, HashSet<string> flags)
    {
        string? File(string name) => values.TryGetValue(name, out var v) ? NonEmpty(name, v) : null;
        var zone = values.TryGetValue("--zone", out var zoneId)
            ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new UsageException($"--zone: \"{zoneId}\" is not an IANA time zone id (e.g. Europe/Berlin, America/New_York, UTC)")
            : DateTimeZone.Utc;
        var currencyGiven = values.TryGetValue("--currency", out var code);
        var options = new ReportOptions
        {
            Transactions = File("--transactions"),
            Surveys = File("--surveys"),
            Complaints = File("--complaints"),
            Costs = File("--costs"),
            Leads = File("--leads"),
            Interactions = File("--interactions"),
            Customers = File("--customers"),
            Feedback = File("--feedback"),
            Discrete = File("--discrete"),
            Programme = File("--programme"),
            Members = File("--members"),
            Points = File("--points"),
            From = Date(values, "--from"),
            To = Date(values, "--to"),
            Zone = zone,
            Funnel = values.TryGetValue("--funnel", out var stages) ? ParseFunnel(stages) : new Funnel(ReportOptions.DefaultFunnel),
            CalibrationEnd = Date(values, "--calibration-end"),
            HoldoutEnd = Date(values, "--holdout-end"),
            TimeUnit = values.TryGetValue("--time-unit", out var unit)
                ? unit switch
                {
                    "days" => ModelTimeUnit.Days,
                    "weeks" => ModelTimeUnit.Weeks,
                    _ => throw new UsageException($"--time-unit: \"{unit}\" is not days or weeks"),
                }
                : ModelTimeUnit.Weeks,
            Currency = currencyGiven ? CurrencyCodes.Parse(code!) ?? throw new UsageException($"--currency: {CurrencyCodes.Problem(code!)}") : Currency.Usd,
            CurrencyGiven = currencyGiven,
            Format = values.TryGetValue("--format", out var format)
                ? format switch
                {
                    "text" => OutputFormat.Text,
                    "json" => OutputFormat.Json,
                    "html" => OutputFormat.Html,
                    "csv" => OutputFormat.Csv,
                    _ => throw new UsageException($"--format: \"{format}\" is not text, json, html or csv"),
                }
                : OutputFormat.Text,
            Out = File("--out"),
            ValueBasis = values.TryGetValue("--value-basis", out var basis)
                ? basis switch
                {
                    "revenue" => LifetimeValueBasis.Revenue,
                    "margin" => LifetimeValueBasis.Margin,
                    _ => throw new UsageException($"--value-basis: \"{basis}\" is not revenue or margin"),
                }
                : null,
            ShowNames = flags.Contains("--show-names"),
            Quiet = flags.Contains("--quiet"),
            Help = flags.Contains("--help"),
            WriteDemo = File("--write-demo"),
        };

        if (options.From.HasValue != options.To.HasValue)
        {
            throw new UsageException("--from and --to go together: give both, or neither for the data's last full month");
        }

        if (options.From > options.To)
        {
            throw new UsageException($"--from {options.From:uuuu-MM-dd} is after --to {options.To:uuuu-MM-dd}");
        }

        if (options.HoldoutEnd is { } holdout && options.CalibrationEnd is { } calibration && holdout <= calibration)
        {
            throw new UsageException($"--holdout-end {holdout:uuuu-MM-dd} must be after --calibration-end {calibration:uuuu-MM-dd}");
        }

        if (options.Format == OutputFormat.Html && options.Out is null)
        {
            throw new UsageException("--format html needs --out FILE");
        }

        if ((options.Members is not null || options.Points is not null) && options.Programme is null)
        {
            throw new UsageException($"{(options.Members is not null ? "--members" : "--points")} needs --programme FILE, the programme's rules");
        }

        if (options.Programme is not null && options.Members is null)
        {
            throw new UsageException("--programme needs --members FILE, the programme's members");
        }

        if (options.WriteDemo is not null && !options.IsDemo)
        {
            throw new UsageException("--write-demo writes the demo data set; it takes no input file");
        }

        return options;
    }

    private static string NonEmpty(string name, string value) =>
        value.Length == 0 ? throw new UsageException($"option {name} needs a value") : value;

    private static LocalDate? Date(Dictionary<string, string> values, string name)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return null;
        }

        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : throw new UsageException($"{name}: \"{text}\" is not a date YYYY-MM-DD");
    }

    private static Funnel ParseFunnel(string text)
    {
        try
        {
            return new Funnel(text.Split(',', StringSplitOptions.TrimEntries));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--funnel: {Messages.Reason(e)}");
        }
    }
}
