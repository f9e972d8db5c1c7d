using System.Globalization;
using System.Text;
using System.Text.Json;
using Crm.Domain;
using Crm.Domain.LoyaltyProgrammes;
using Crm.Report.Cli;

namespace Crm.Report.Input;

/// <summary>
/// Reads a loyalty programme's rules from JSON (<c>--programme</c>): tiers lowest first, each with <c>name</c>,
/// <c>qualifySpend</c> or <c>qualifyPoints</c>, <c>windowDays</c> and <c>graceDays</c>; <c>expiryMonths</c>
/// (omitted or null: points never expire); <c>pointValue</c> with <c>amount</c> and <c>currency</c>. Every problem is
/// reported as <c>FILE:LINE: field PATH: reason</c>, and nothing is guessed: an unknown or repeated field is a problem.
/// </summary>
internal static class ProgrammeFile
{
    private const string Field = "field";

    public static LoyaltyProgramme? Read(string file, string text, InputProblems problems)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new List<long>();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add(i);
            }
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var before = problems.Count;
        void Problem(string path, string reason, long offset) => problems.Add(file, LineOf(lines, offset), path, reason, Field);

        var tiers = new List<TierSpec?>();
        int? expiry = null;
        Money? pointValue = null;
        var tiersLine = 1;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                Problem("(root)", "the programme is a JSON object: {\"tiers\": [...], \"expiryMonths\": 12, \"pointValue\": {\"amount\": 0.01, \"currency\": \"EUR\"}}", reader.TokenStartIndex);
                return null;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!seen.Add(name))
                {
                    Problem(name, "is given twice", reader.TokenStartIndex);
                }

                reader.Read();
                switch (name)
                {
                    case "tiers":
                        tiersLine = LineOf(lines, reader.TokenStartIndex);
                        ReadTiers(ref reader, tiers, Problem, lines);
                        break;
                    case "expiryMonths":
                        expiry = reader.TokenType == JsonTokenType.Null ? null : Integer(ref reader, "expiryMonths", Problem);
                        break;
                    case "pointValue":
                        pointValue = ReadMoney(ref reader, Problem);
                        break;
                    default:
                        Problem(name, "is not a field of a programme (tiers, expiryMonths, pointValue)", reader.TokenStartIndex);
                        reader.Skip();
                        break;
                }
            }

            if (!seen.Contains("pointValue"))
            {
                Problem("pointValue", "is missing: what a point is worth, with its currency ({\"amount\": 0.01, \"currency\": \"EUR\"})", reader.TokenStartIndex);
            }
        }
        catch (JsonException e)
        {
            problems.Add(file, (int)(e.LineNumber ?? 0) + 1, "(json)", "is not valid JSON: " + InputProblems.Cut((e.Message.Split(" LineNumber", 2)[0]).ReplaceLineEndings(" ")), Field);
            return null;
        }

        if (problems.Count > before || pointValue is not { } value)
        {
            return null;
        }

        var built = new List<LoyaltyTier>();
        foreach (var spec in tiers)
        {
            try
            {
                built.Add(spec!.Spend is { } spend
                    ? LoyaltyTier.BySpend(spec.Name, new Money(spend, value.Currency), spec.Window, spec.Grace)
                    : LoyaltyTier.ByPoints(spec.Name, spec.Points!.Value, spec.Window, spec.Grace));
            }
            catch (ArgumentException e)
            {
                var field = e.ParamName switch { "threshold" => spec!.Spend is null ? "qualifyPoints" : "qualifySpend", null => "name", var other => other };
                problems.Add(file, spec!.Line, spec.Path + "." + field, Messages.Reason(e), Field);
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        try
        {
            return new LoyaltyProgramme(built, value, expiry);
        }
        catch (Exception e) when (e is ArgumentException or DomainException)
        {
            var expiryProblem = e is ArgumentException { ParamName: "expiryMonths" };
            problems.Add(file, expiryProblem ? 1 : tiersLine, expiryProblem ? "expiryMonths" : "tiers", e is ArgumentException a ? Messages.Reason(a) : e.Message, Field);
            return null;
        }
    }

    /// <summary>A tier as read: built once the point value's currency is known.</summary>
    private sealed record TierSpec(string Name, decimal? Spend, long? Points, int Window, int Grace, string Path, int Line);

    private static void ReadTiers(ref Utf8JsonReader reader, List<TierSpec?> tiers, Action<string, string, long> problem, List<long> lines)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            problem("tiers", "is a list of tiers, lowest first: [{\"name\": \"Silver\", \"qualifySpend\": 500, \"windowDays\": 365, \"graceDays\": 30}, ...]", reader.TokenStartIndex);
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"tiers[{tiers.Count}]");
            var tierStart = reader.TokenStartIndex;
            var tierLine = LineOf(lines, tierStart);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                problem(path, "is a tier object with name, qualifySpend or qualifyPoints, windowDays and graceDays", reader.TokenStartIndex);
                reader.Skip();
                tiers.Add(null);
                continue;
            }

            string? name = null;
            decimal? spend = null;
            long? points = null;
            int? window = null;
            var grace = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.GetString()!;
                var at = path + "." + field;
                if (!seen.Add(field))
                {
                    problem(at, "is given twice", reader.TokenStartIndex);
                }

                reader.Read();
                switch (field)
                {
                    case "name":
                        name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        if (string.IsNullOrWhiteSpace(name))
                        {
                            problem(at, "is the tier's name, a non-empty text", reader.TokenStartIndex);
                        }

                        break;
                    case "qualifySpend":
                        spend = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var d) && d >= 0 ? d : null;
                        if (spend is null)
                        {
                            problem(at, "is the spend that qualifies, a number ≥ 0 in the point value's currency", reader.TokenStartIndex);
                        }

                        break;
                    case "qualifyPoints":
                        points = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var p) && p >= 0 ? p : null;
                        if (points is null)
                        {
                            problem(at, "is the points earned that qualify, a whole number ≥ 0", reader.TokenStartIndex);
                        }

                        break;
                    case "windowDays":
                        window = Integer(ref reader, at, problem);
                        break;
                    case "graceDays":
                        grace = Integer(ref reader, at, problem) ?? 0;
                        break;
                    default:
                        problem(at, "is not a field of a tier (name, qualifySpend, qualifyPoints, windowDays, graceDays)", reader.TokenStartIndex);
                        reader.Skip();
                        break;
                }
            }

            if (seen.Contains("qualifySpend") == seen.Contains("qualifyPoints"))
            {
                problem(path, "needs exactly one rule: qualifySpend (net spend) or qualifyPoints (points earned)", tierStart);
            }

            if (!seen.Contains("name") || !seen.Contains("windowDays"))
            {
                problem(path, $"is missing {(seen.Contains("name") ? "windowDays, the rolling window in days" : "name")}", tierStart);
            }

            tiers.Add(name is not null && window is { } w && (spend is null != points is null) ? new TierSpec(name, spend, points, w, grace, path, tierLine) : null);
        }
    }

    private static Money? ReadMoney(ref Utf8JsonReader reader, Action<string, string, long> problem)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            problem("pointValue", "is {\"amount\": 0.01, \"currency\": \"EUR\"}", reader.TokenStartIndex);
            reader.Skip();
            return null;
        }

        decimal? amount = null;
        Currency? currency = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString()!;
            reader.Read();
            switch (field)
            {
                case "amount":
                    amount = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var d) && d >= 0 ? d : null;
                    if (amount is null)
                    {
                        problem("pointValue.amount", "is what one point is worth, a number ≥ 0", reader.TokenStartIndex);
                    }

                    break;
                case "currency":
                    var code = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    currency = code is null ? null : CurrencyCodes.Parse(code);
                    if (currency is null)
                    {
                        problem("pointValue.currency", code is null ? "is a three-letter ISO 4217 code" : CurrencyCodes.Problem(code), reader.TokenStartIndex);
                    }

                    break;
                default:
                    problem("pointValue." + field, "is not a field of the point value (amount, currency)", reader.TokenStartIndex);
                    reader.Skip();
                    break;
            }
        }

        return amount is { } a && currency is { } c ? new Money(a, c) : null;
    }

    private static int? Integer(ref Utf8JsonReader reader, string path, Action<string, string, long> problem)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
        {
            return value;
        }

        problem(path, "is a whole number", reader.TokenStartIndex);
        reader.Skip();
        return null;
    }

    private static int LineOf(List<long> newlines, long offset)
    {
        var index = newlines.BinarySearch(offset);
        return (index < 0 ? ~index : index) + 1;
    }
}
