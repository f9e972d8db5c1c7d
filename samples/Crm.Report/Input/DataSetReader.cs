using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Report.Cli;
using NodaTime;

namespace Crm.Report.Input;

/// <summary>Reads the input files into domain records, collecting every malformed row as a problem with its line.</summary>
internal sealed partial class DataSetReader(ReportOptions options, InputProblems problems)
{
    /// <summary>The longest complaint resolution target read from <c>target_hours</c>: 100 years.</summary>
    private const decimal MaxTargetHours = 876_000m;

    private readonly Dictionary<LocalDate, Instant> _dayStarts = [];
    private readonly Dictionary<string, Buyer> _buyers = new(StringComparer.Ordinal);
    private readonly InputData _data = new();
    private (string File, int Line, string How)? _currencyOrigin;

    /// <summary>Reads every input; <paramref name="open"/> gives each kind's display name and reader, or null when not given.</summary>
    /// <param name="open">The display name and reader of a kind, or null.</param>
    /// <param name="read">Told each file's name and data rows as soon as it is read.</param>
    /// <param name="deferTransactions">
    /// Whether the transactions file is left for one read later (<see cref="TransactionsOnce"/>): only its first and
    /// last rows are read now, for <see cref="TransactionsGuess"/>. Not with a customers file, whose records start at
    /// the first sales the transactions give.
    /// </param>
    public InputData Read(Func<InputKind, (string File, TextReader Reader)?> open, Action<string, int>? read = null, bool deferTransactions = false)
    {
        if (deferTransactions && _keepsFirstSales)
        {
            throw new InvalidOperationException("The transactions are read first where customers' records start at their first sales.");
        }

        foreach (var kind in new[] { InputKind.Transactions, InputKind.Surveys, InputKind.Complaints, InputKind.Costs, InputKind.Leads, InputKind.Interactions, InputKind.Feedback, InputKind.Customers, InputKind.Discrete, InputKind.Programme, InputKind.Members, InputKind.Points })
        {
            if (open(kind) is not var (file, reader))
            {
                continue;
            }

            using (reader)
            {
                _data.HasTransactions |= kind == InputKind.Transactions;
                if (kind == InputKind.Transactions && deferTransactions)
                {
                    TransactionsGuess = Guess(reader);
                    _deferred = (file, () => open(kind)!.Value.Reader);
                    continue;
                }

                var rows = kind switch
                {
                    InputKind.Transactions => ReadTransactions(file, reader, () => open(kind)!.Value.Reader),
                    InputKind.Surveys => ReadAll(file, reader, ["customer_id", "answered_at", "kind", "score"], [], _data.SurveyResponses = [], Survey),
                    InputKind.Complaints => ReadComplaints(file, reader),
                    InputKind.Costs => ReadAll(file, reader, ["kind", "from", "to", "amount"], ["currency", "channel"], _data.Costs = [], Cost),
                    InputKind.Leads => ReadLeads(file, reader),
                    InputKind.Interactions => ReadAll(file, reader, ["customer_id", "occurred_at", "channel", "direction", "purpose"], [], _data.Interactions = [], Interaction),
                    InputKind.Feedback => ReadAll(file, reader, ["customer_id", "received_at", "kind", "channel"], [], _data.Feedback = [], Feedback),
                    InputKind.Discrete => ReadAll(file, reader, ["frequency", "recency", "periods"], ["weights"], _data.DiscretePatterns = [], Pattern),
                    InputKind.Programme => ReadProgramme(file, reader),
                    InputKind.Members => ReadMembers(file, reader),
                    InputKind.Points => ReadPoints(file, reader),
                    _ => ReadCustomers(file, reader),
                };
                _data.Files.Add((kind, file, rows));
                read?.Invoke(file, rows);
            }
        }

        return _data;
    }

    private int ReadAll<T>(string file, TextReader reader, string[] required, string[] optional, List<T> into, Func<CsvRow, string, T> parse)
    {
        var rows = 0;
        foreach (var row in CsvFile.Read(reader, file, problems, required, optional))
        {
            rows++;
            try
            {
                into.Add(parse(row, file));
            }
            catch (FieldException e)
            {
                problems.Add(file, row.Line, e.Column, e.Message);
            }
        }

        return rows;
    }

    /// <summary>One pattern: x, t_x, n and the customers with it (1 without a weights column), under the pattern's rules.</summary>
    private static Crm.Metrics.Lifetime.DiscretePattern Pattern(CsvRow row, string file)
    {
        var x = Fields.Integer("frequency", row.Required("frequency"));
        var tx = Fields.Integer("recency", row.Required("recency"));
        var n = Fields.Integer("periods", row.Required("periods"));
        var weight = row.Optional("weights") is { } w
            ? long.TryParse(w, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new FieldException("weights", $"\"{w}\" is not a positive whole number")
            : 1;
        try
        {
            return new Crm.Metrics.Lifetime.DiscretePattern(x, tx, n, weight);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FieldException(e.ParamName == "weight" ? "weights" : e.ParamName ?? "frequency", Messages.Reason(e));
        }
    }

    private SurveyResponse Survey(CsvRow row, string file)
    {
        var customer = Fields.CustomerId("customer_id", row.Required("customer_id"));
        var at = Activity(At("answered_at", row.Required("answered_at")));
        var kind = Fields.SurveyKind("kind", row.Required("kind"));
        int? score = row.Optional("score") is { } s ? Fields.Integer("score", s) : null;
        return Fields.Domain("score", () => new SurveyResponse(customer, at, kind, score));
    }

    private int ReadComplaints(string file, TextReader reader)
    {
        var complaints = _data.Complaints = [];
        var seen = new Dictionary<ComplaintId, int>();
        var rows = 0;
        foreach (var row in CsvFile.Read(reader, file, problems, ["case_id", "customer_id", "opened_at", "first_response_at", "resolved_at", "target_hours"], []))
        {
            rows++;
            try
            {
                var id = Fields.Domain("case_id", () => new ComplaintId(row.Required("case_id")));
                if (!seen.TryAdd(id, row.Line))
                {
                    throw new FieldException("case_id", $"case {id} already appears on line {seen[id]}");
                }

                var customer = Fields.CustomerId("customer_id", row.Required("customer_id"));
                var opened = Activity(At("opened_at", row.Required("opened_at")));
                Instant? responded = row.Optional("first_response_at") is { } r ? At("first_response_at", r) : null;
                Instant? resolved = row.Optional("resolved_at") is { } v ? At("resolved_at", v) : null;
                Duration? target = null;
                if (row.Optional("target_hours") is { } t)
                {
                    var hours = Fields.Number("target_hours", t);
                    target = hours switch
                    {
                        <= 0 => throw new FieldException("target_hours", $"{t} is not a positive number of hours"),
                        > MaxTargetHours => throw new FieldException("target_hours", $"{t} hours is longer than any service target this report takes (at most {MaxTargetHours:N0} hours, 100 years)"),
                        _ => Duration.FromNanoseconds(decimal.ToInt64(decimal.Round(hours * 3_600_000_000_000m))),
                    };
                }

                if (responded < opened)
                {
                    throw new FieldException("first_response_at", $"the first response ({responded}) is before the opening ({opened})");
                }

                if (resolved is { } done)
                {
                    if (done < opened)
                    {
                        throw new FieldException("resolved_at", $"the resolution ({done}) is before the opening ({opened})");
                    }

                    // An empty first_response_at on a resolved case: closed without a reply (left out of response times).
                    if (done < responded)
                    {
                        throw new FieldException("resolved_at", $"the resolution ({done}) is before the first response ({responded})");
                    }
                }

                complaints.Add(Fields.Domain("case_id", () => new Complaint(id, customer, opened, responded, resolved, target)));
            }
            catch (FieldException e)
            {
                problems.Add(file, row.Line, e.Column, e.Message);
            }
        }

        return rows;
    }

    private CostEntry Cost(CsvRow row, string file)
    {
        var kind = Fields.CostKind("kind", row.Required("kind"));
        var from = Fields.Date("from", row.Required("from"));
        var to = Fields.Date("to", row.Required("to"));
        if (to < from)
        {
            throw new FieldException("to", $"{to:uuuu-MM-dd} is before from {from:uuuu-MM-dd}");
        }

        var amount = Fields.Number("amount", row.Required("amount"));
        if (amount < 0)
        {
            throw new FieldException("amount", $"{amount} is negative; a cost is ≥ 0 (record a correction by lowering the original entry)");
        }

        var currency = Currency(row, file);
        var channel = row.Optional("channel");
        return Fields.Domain("channel", () => new CostEntry(kind, new Money(amount, currency), new DateInterval(from, to), channel));
    }

    private int ReadLeads(string file, TextReader reader)
    {
        var leads = new Dictionary<LeadId, (int Line, List<LeadStageReached> Stages, CustomerId? Customer)>();
        var rows = 0;
        foreach (var row in CsvFile.Read(reader, file, problems, ["lead_id", "stage", "reached_at"], ["customer_id"]))
        {
            rows++;
            try
            {
                var id = Fields.Domain("lead_id", () => new LeadId(row.Required("lead_id")));
                var stage = row.Required("stage");
                if (!options.Funnel.Stages.Contains(stage, StringComparer.Ordinal))
                {
                    throw new FieldException("stage", $"\"{stage}\" is not a stage of the funnel ({string.Join(',', options.Funnel.Stages)}); set --funnel");
                }

                var at = Activity(At("reached_at", row.Required("reached_at")));
                CustomerId? customer = row.Optional("customer_id") is { } c ? Fields.CustomerId("customer_id", c) : null;
                if (!leads.TryGetValue(id, out var lead))
                {
                    lead = (row.Line, [], customer);
                    leads.Add(id, lead);
                }
                else if (customer is { } given && lead.Customer is { } known && given != known)
                {
                    throw new FieldException("customer_id", $"lead {id} is linked to customer {known} on line {lead.Line}, here to {given}");
                }
                else if (customer is not null && lead.Customer is null)
                {
                    leads[id] = lead with { Customer = customer };
                }

                if (lead.Stages.Any(s => s.Stage == stage))
                {
                    throw new FieldException("stage", $"lead {id} reaches \"{stage}\" twice (first on line {lead.Line} or later)");
                }

                lead.Stages.Add(new LeadStageReached(stage, at));
            }
            catch (FieldException e)
            {
                problems.Add(file, row.Line, e.Column, e.Message);
            }
        }

        _data.Leads = [];
        foreach (var (id, lead) in leads)
        {
            try
            {
                _data.Leads.Add(Fields.Domain("lead_id", () => new Lead(id, lead.Stages, lead.Customer)));
            }
            catch (FieldException e)
            {
                problems.Add(file, lead.Line, e.Column, e.Message);
            }
        }

        return rows;
    }

    private Interaction Interaction(CsvRow row, string file) => new(
        Fields.CustomerId("customer_id", row.Required("customer_id")),
        Activity(At("occurred_at", row.Required("occurred_at"))),
        Fields.CommunicationChannel("channel", row.Required("channel")),
        Fields.Direction("direction", row.Required("direction")),
        Fields.Purpose("purpose", row.Required("purpose")));

    private Feedback Feedback(CsvRow row, string file) => new(
        Fields.CustomerId("customer_id", row.Required("customer_id")),
        Activity(At("received_at", row.Required("received_at"))),
        Fields.FeedbackKind("kind", row.Required("kind")),
        Fields.CommunicationChannel("channel", row.Required("channel")));

    private int ReadCustomers(string file, TextReader reader)
    {
        var customers = _data.Customers = [];
        var seen = new Dictionary<CustomerId, int>();
        var rows = 0;
        foreach (var row in CsvFile.Read(reader, file, problems, ["customer_id", "kind", "name"], ["birth_date", "time_zone", "acquired_at", "acquisition_channel", "email", "phone", "consent_channels"]))
        {
            rows++;
            try
            {
                var id = Fields.CustomerId("customer_id", row.Required("customer_id"));
                if (!seen.TryAdd(id, row.Line))
                {
                    throw new FieldException("customer_id", $"customer {id} already appears on line {seen[id]}");
                }

                customers.Add(Customer(row, id));
            }
            catch (FieldException e)
            {
                problems.Add(file, row.Line, e.Column, e.Message);
            }
        }

        return rows;
    }

    /// <summary>
    /// A customer from its row. The record starts at the acquisition instant, else the first sale, else the earliest
    /// activity of the data set (only the lifecycle history uses it). Consent on the listed channels is granted at that instant.
    /// </summary>
    private Customer Customer(CsvRow row, CustomerId id)
    {
        var kind = Fields.CustomerKind("kind", row.Required("kind"));
        var name = row.Required("name");
        LocalDate? birth = row.Optional("birth_date") is { } b ? Fields.Date("birth_date", b) : null;
        Instant? acquired = row.Optional("acquired_at") is { } a ? At("acquired_at", a) : null;
        var created = acquired ?? (_buyers.TryGetValue(id.Value, out var buyer) && buyer.FirstSale is { } first ? first : _data.FirstActivity ?? NodaConstants.UnixEpoch);
        var customer = kind == CustomerKind.Person
            ? Fields.Domain("name", () => Domain.Customers.Customer.CreatePerson(id, new PersonProfile(name, birthDate: birth), created))
            : Fields.Domain("name", () => Domain.Customers.Customer.CreateOrganisation(id, new OrganisationProfile(name, foundedOn: birth), created));
        if (row.Optional("time_zone") is { } zoneId)
        {
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new FieldException("time_zone", $"\"{zoneId}\" is not an IANA time zone id (e.g. Europe/Berlin)");
            customer.SetHomeTimeZone(zone);
        }

        var acquisitionChannel = row.Optional("acquisition_channel");
        if (acquisitionChannel is not null && acquired is null)
        {
            throw new FieldException("acquisition_channel", "an acquisition channel needs the acquisition instant (acquired_at) beside it");
        }

        if (acquired is { } at)
        {
            Fields.Domain("acquisition_channel", () => customer.RecordAcquisition(at, acquisitionChannel?.Trim()));
        }

        var email = row.Optional("email");
        var phone = row.Optional("phone");
        if (email is not null)
        {
            Fields.Domain("email", () => customer.AddContactPoint(new ContactPoint(ContactPointKind.Email, email)));
        }

        if (phone is not null)
        {
            Fields.Domain("phone", () => customer.AddContactPoint(new ContactPoint(ContactPointKind.Phone, phone)));
        }

        foreach (var channel in (row.Optional("consent_channels") ?? string.Empty).Split([';', '|', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var (contactKind, value) = channel.ToUpperInvariant() switch
            {
                "EMAIL" => (ContactPointKind.Email, email),
                "PHONE" or "SMS" => (ContactPointKind.Phone, phone),
                _ => throw new FieldException("consent_channels", $"\"{channel}\" is not email, phone or sms (separate several with ';')"),
            };
            if (value is null)
            {
                throw new FieldException("consent_channels", $"consent on {channel} but the {contactKind.ToString().ToLowerInvariant()} column is empty");
            }

            Fields.Domain("consent_channels", () => customer.GrantMarketingConsent(contactKind, value, created));
        }

        return customer;
    }

    /// <summary>The row's currency: its currency column, else --currency; one currency per report.</summary>
    private Currency Currency(CsvRow row, string file)
    {
        // The common case, read in place: the row repeats the currency already taken (or leaves it to --currency, as
        // the rows before it did); that currency passed every check below when it was first met.
        var given = row.OptionalSpan("currency");
        if (_data.Currency is { } known && (given.IsEmpty ? known == options.Currency : given.SequenceEqual(known.Code)))
        {
            return known;
        }

        var (currency, code) = RowCurrency(row);
        AgreeWithFirst(currency, code, file, row.Line);
        return currency;
    }

    /// <summary>
    /// The buyer of a purchase on the first read, one per customer, with its first sale (kept only where a customers file
    /// needs it): one lookup per row by the id as read, and one id string per customer.
    /// </summary>
    private Buyer BuyerOf(ReadOnlySpan<char> text)
    {
        var buyers = _buyers.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!buyers.TryGetValue(text, out var buyer))
        {
            var id = text.ToString();
            buyer = new Buyer(Fields.CustomerId("customer_id", id));
            _buyers.Add(id, buyer);
        }

        return buyer;
    }

    /// <summary>A customer met in the transactions: the id, and the first sale's instant (the customer record's default start).</summary>
    private sealed class Buyer(CustomerId id)
    {
        public CustomerId Id { get; } = id;

        public Instant? FirstSale { get; set; }
    }

    /// <summary>An instant field (see <see cref="Fields.Instant(string, ReadOnlySpan{char}, DateTimeZone)"/>); a plain date's start in the zone is looked up once per date.</summary>
    private Instant At(string column, ReadOnlySpan<char> text) => At(column, text, _dayStarts);

    /// <summary>An instant field, a plain date's start kept in <paramref name="days"/> (a thread's own, or the reader's).</summary>
    private Instant At(string column, ReadOnlySpan<char> text, Dictionary<LocalDate, Instant> days)
    {
        if (!Fields.TryIsoDate(text, out var date))
        {
            return Fields.Instant(column, text, options.Zone);
        }

        if (!days.TryGetValue(date, out var start))
        {
            start = Fields.Instant(column, text, options.Zone);
            days.Add(date, start);
        }

        return start;
    }

    private Instant Activity(Instant at)
    {
        if (_data.LastActivity is not { } last || at > last)
        {
            _data.LastActivity = at;
        }

        if (_data.FirstActivity is not { } first || at < first)
        {
            _data.FirstActivity = at;
        }

        return at;
    }
}
