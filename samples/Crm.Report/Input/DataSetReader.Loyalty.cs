using System.Globalization;
using Crm.Domain;
using Crm.Domain.LoyaltyProgrammes;
using Crm.Report.Cli;
using NodaTime;

namespace Crm.Report.Input;

/// <summary>The loyalty programme's inputs: its rules (JSON), its members and its points ledger.</summary>
internal sealed partial class DataSetReader
{
    private int ReadProgramme(string file, TextReader reader)
    {
        _data.Programme = ProgrammeFile.Read(file, reader.ReadToEnd(), problems);
        return _data.Programme?.Tiers.Count ?? 0;
    }

    private int ReadMembers(string file, TextReader reader)
    {
        var members = _data.Memberships = [];
        var seen = new HashSet<CustomerId>();
        var rows = 0;
        foreach (var row in CsvFile.Read(reader, file, problems, ["customer_id", "joined_at"], ["left_at"]))
        {
            rows++;
            try
            {
                var id = Fields.CustomerId("customer_id", row.Required("customer_id"));
                var joined = At("joined_at", row.Required("joined_at"));
                Instant? left = row.Optional("left_at") is { } l ? At("left_at", l) : null;
                if (left is { } leaving && leaving <= joined)
                {
                    throw new FieldException("left_at", "is not after joined_at; a member leaves after joining");
                }

                if (!seen.Add(id))
                {
                    throw new FieldException("customer_id", "has a membership on an earlier line; give one row per member (the last joining, with its leaving if any)");
                }

                members.Add(new Membership(id, joined, left));
            }
            catch (FieldException e)
            {
                problems.Add(file, row.Line, e.Column, e.Message);
            }
        }

        return rows;
    }

    private int ReadPoints(string file, TextReader reader)
    {
        var entries = _data.PointsEntries = [];
        var lines = new Dictionary<PointsEntry, int>(ReferenceEqualityComparer.Instance);
        var rows = 0;
        foreach (var row in CsvFile.Read(reader, file, problems, ["customer_id", "occurred_at", "kind", "points"], ["source", "reason"]))
        {
            rows++;
            try
            {
                var entry = PointsEntry(row);
                entries.Add(entry);
                lines.Add(entry, row.Line);
            }
            catch (FieldException e)
            {
                problems.Add(file, row.Line, e.Column, e.Message);
            }
        }

        // Each member's ledger must never go negative, in the order of time (the rows may come in any order).
        if (_data.Programme is { } programme)
        {
            foreach (var ledger in entries.GroupBy(e => e.CustomerId))
            {
                try
                {
                    Crm.Domain.LoyaltyProgrammes.PointsLedger.From(ledger.Key, programme, ledger);
                }
                catch (InsufficientPointsException e) when (e.Entry is { } refused)
                {
                    problems.Add(file, lines[refused], "points", string.Create(CultureInfo.InvariantCulture, $"the member's balance would go {e.Shortfall:N0} points below zero here (points earned, less redeemed, expired and adjusted, by then; points expire {(programme.ExpiryMonths is { } m ? $"{m} months after they were earned" : "never")})"));
                }
            }
        }

        return rows;
    }

    private PointsEntry PointsEntry(CsvRow row)
    {
        var id = Fields.CustomerId("customer_id", row.Required("customer_id"));
        var at = At("occurred_at", row.Required("occurred_at"));
        var kindText = row.Required("kind");
        var kind = kindText.ToLowerInvariant() switch
        {
            "earn" => PointsEntryKind.Earn,
            "redeem" => PointsEntryKind.Redeem,
            "expire" => PointsEntryKind.Expire,
            "adjust" => PointsEntryKind.Adjust,
            _ => throw new FieldException("kind", $"\"{InputProblems.Cut(kindText)}\" is not earn, redeem, expire or adjust"),
        };
        var pointsText = row.Required("points");
        if (!long.TryParse(pointsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points))
        {
            throw new FieldException("points", $"\"{InputProblems.Cut(pointsText)}\" is not a whole number of points");
        }

        if (kind != PointsEntryKind.Adjust && points <= 0)
        {
            throw new FieldException("points", $"is {points}; the points of {kindText.ToLowerInvariant()} are positive (only adjust is signed)");
        }

        PointsSource? source = null;
        if (row.Optional("source") is { } s)
        {
            if (kind != PointsEntryKind.Earn)
            {
                throw new FieldException("source", "is given for a row that is not earn; only earned points have a source");
            }

            source = s.ToLowerInvariant() switch
            {
                "purchase" => PointsSource.Purchase,
                "campaign" => PointsSource.Campaign,
                "partner" => PointsSource.Partner,
                _ => throw new FieldException("source", $"\"{InputProblems.Cut(s)}\" is not purchase, campaign or partner"),
            };
        }

        var reason = row.Optional("reason");
        if (kind == PointsEntryKind.Adjust && reason is null)
        {
            throw new FieldException("reason", "is empty; an adjust row says why");
        }

        if (kind != PointsEntryKind.Adjust && reason is not null)
        {
            throw new FieldException("reason", $"is given for a {kindText.ToLowerInvariant()} row; only adjust rows carry a reason");
        }

        return Fields.Domain("points", () => new PointsEntry(id, at, kind, points, source, reason?.Trim()));
    }
}
