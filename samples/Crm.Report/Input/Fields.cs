using System.Globalization;
using Crm.Domain;
using Crm.Domain.Activity;
using Crm.Domain.Customers;
using Crm.Report.Cli;
using NodaTime;
using NodaTime.Text;

namespace Crm.Report.Input;

/// <summary>Reads field values, culture-independently; each failure is a <see cref="FieldException"/> naming the column and the rule.</summary>
internal static class Fields
{
    private static readonly OffsetDateTimePattern[] InstantPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly NameTable<SalesChannel> SalesChannels = Names<SalesChannel>();
    private static readonly NameTable<CommunicationChannel> CommunicationChannels = Names<CommunicationChannel>();
    private static readonly NameTable<InteractionDirection> Directions = Names<InteractionDirection>();
    private static readonly NameTable<InteractionPurpose> Purposes = Names<InteractionPurpose>();
    private static readonly NameTable<FeedbackKind> FeedbackKinds = Names<FeedbackKind>();
    private static readonly NameTable<SurveyKind> SurveyKinds = Names<SurveyKind>();
    private static readonly NameTable<CostKind> CostKinds = Names<CostKind>();

    /// <summary>The last valid date <see cref="TryUtcSeconds"/> read on this thread (readers on several threads each keep their own).</summary>
    [ThreadStatic]
    private static LastUtcDay? t_lastDay;

    /// <summary>An instant: a date (the start of that day in the zone) or an ISO-8601 date-time with Z or an offset.</summary>
    public static Instant Instant(string column, string text, DateTimeZone zone)
    {
        if (TryIsoDate(text, out var date))
        {
            try
            {
                return zone.AtStartOfDay(date).ToInstant();
            }
            catch (SkippedTimeException)
            {
                throw new FieldException(column, $"{text} does not exist in {zone.Id}: the zone skipped that whole day (a change of date line or offset); no record can be dated on it");
            }
        }

        if (TryUtcSeconds(text, out var utc))
        {
            return utc;
        }

        foreach (var pattern in InstantPatterns)
        {
            if (pattern.Parse(text) is { Success: true } value)
            {
                return value.Value.ToInstant();
            }
        }

        var reason = LocalDateTimePattern.ExtendedIso.Parse(text).Success
            ? $"\"{text}\" has no offset; write it with Z or an offset (e.g. {text}Z or {text}+01:00), or give a date YYYY-MM-DD"
            : $"\"{text}\" is not a date YYYY-MM-DD or an ISO-8601 date-time with Z or an offset (e.g. 2026-03-01T14:30:00Z)";
        throw new FieldException(column, reason);
    }

    /// <summary><see cref="Instant(string, string, DateTimeZone)"/> of a field read in place: a string is made only when the fast paths do not apply.</summary>
    public static Instant Instant(string column, ReadOnlySpan<char> text, DateTimeZone zone) =>
        TryUtcSeconds(text, out var utc) ? utc : Instant(column, text.ToString(), zone);

    /// <summary>
    /// The fast path of <see cref="Instant(string, string, DateTimeZone)"/> and <see cref="Date"/>: exactly <c>YYYY-MM-DD</c> with a valid date.
    /// Anything else returns false, and the full parser decides (and words the error).
    /// </summary>
    public static bool TryIsoDate(ReadOnlySpan<char> text, out LocalDate date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        var (year, month, day) = (Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }

        date = new LocalDate(year, month, day);
        return true;
    }

    /// <summary>
    /// The common form of a log's timestamps, <c>YYYY-MM-DDTHH:MM:SSZ</c>, read without the general pattern parser (a
    /// tenth of its cost); anything else, or a value out of range, is left to the patterns (and their messages).
    /// </summary>
    private static bool TryUtcSeconds(ReadOnlySpan<char> text, out Instant instant)
    {
        instant = default;
        if (text.Length != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
        {
            return false;
        }

        var (hour, minute, second) = (Digits(text, 11, 2), Digits(text, 14, 2), Digits(text, 17, 2));
        if (hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        // A log in time order writes one date row after row: its start is computed when the date changes.
        var last = t_lastDay ??= new LastUtcDay();
        var date = text[..10];
        if (!date.SequenceEqual(last.Date))
        {
            var (year, month, day) = (Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2));
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
            {
                return false;
            }

            last.Start = NodaTime.Instant.FromUtc(year, month, day, 0, 0);
            date.CopyTo(last.Date);
        }

        instant = last.Start + Duration.FromSeconds((hour * 3600L) + (minute * 60L) + second);
        return true;
    }

    /// <summary>A date as written (<c>YYYY-MM-DD</c>; none at first) and the instant its day starts, in UTC.</summary>
    private sealed class LastUtcDay
    {
        public char[] Date { get; } = new char[10];

        public Instant Start { get; set; }
    }

    /// <summary>The number written by <paramref name="count"/> ASCII digits at <paramref name="from"/>; −1 when one is not a digit.</summary>
    private static int Digits(ReadOnlySpan<char> text, int from, int count)
    {
        var value = 0;
        for (var i = from; i < from + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return -1;
            }

            value = (value * 10) + digit;
        }

        return value;
    }

    /// <summary>A local date YYYY-MM-DD.</summary>
    public static LocalDate Date(string column, string text) =>
        LocalDatePattern.Iso.Parse(text) is { Success: true } date
            ? date.Value
            : throw new FieldException(column, $"\"{text}\" is not a date YYYY-MM-DD");

    /// <summary>A decimal number with '.' as the decimal point (no thousands separator, no exponent), whatever the culture.</summary>
    public static decimal Number(string column, ReadOnlySpan<char> text) =>
        TryPlainNumber(text, out var value) || decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            ? value
            : throw new FieldException(column, $"\"{text}\" is not a number (use . as the decimal point and no thousands separator, e.g. 1234.50)");

    /// <summary>
    /// The fast path of <see cref="Number"/> for the way amounts are written: an optional minus, at most 18 digits with
    /// one point between them (<c>1234.50</c>, <c>-0.99</c>, <c>12</c>). It gives exactly what <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider, out decimal)"/>
    /// gives — the trailing zeros' scale and the sign of a negative zero too — and leaves every other text to it.
    /// </summary>
    internal static bool TryPlainNumber(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        var negative = text.Length > 0 && text[0] == '-';
        var i = negative ? 1 : 0;
        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }

        ulong digits = 0;
        var count = 0;
        var scale = -1; // no point yet
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (++count > 18)
                {
                    return false;
                }

                digits = (digits * 10) + (uint)(c - '0');
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (scale == 0)
        {
            return false; // a point with no digit after it
        }

        value = new decimal((int)(uint)digits, (int)(uint)(digits >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    public static int Integer(string column, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FieldException(column, $"\"{text}\" is not a whole number");

    public static Currency Currency(string column, string text) =>
        CurrencyCodes.Parse(text) ?? throw new FieldException(column, CurrencyCodes.Problem(text));

    public static CustomerId CustomerId(string column, string text) => Domain(column, text, static t => new CustomerId(t));

    public static SalesChannel SalesChannel(string column, string text) => Named(column, text, SalesChannels);

    public static CommunicationChannel CommunicationChannel(string column, string text) => Named(column, text, CommunicationChannels);

    public static InteractionDirection Direction(string column, string text) => Named(column, text, Directions);

    public static InteractionPurpose Purpose(string column, string text) => Named(column, text, Purposes);

    public static FeedbackKind FeedbackKind(string column, string text) => Named(column, text, FeedbackKinds);

    public static SurveyKind SurveyKind(string column, string text) => Named(column, text, SurveyKinds);

    public static CostKind CostKind(string column, string text) => Named(column, text, CostKinds);

    public static CustomerKind CustomerKind(string column, string text) => text.ToUpperInvariant() switch
    {
        "PERSON" => Crm.Domain.Customers.CustomerKind.Person,
        "ORGANISATION" or "ORGANIZATION" => Crm.Domain.Customers.CustomerKind.Organisation,
        _ => throw new FieldException(column, $"\"{text}\" is not one of: person, organisation"),
    };

    /// <summary>Runs a domain constructor; its <see cref="ArgumentException"/> becomes a problem of this column.</summary>
    public static T Domain<T>(string column, Func<T> create) => Domain(column, create, static c => c());

    /// <summary>
    /// Runs a domain constructor on <paramref name="state"/> (with a static <paramref name="create"/>, nothing is
    /// allocated per call); its <see cref="ArgumentException"/> or <see cref="DomainException"/> becomes a problem of
    /// this column.
    /// </summary>
    public static T Domain<TState, T>(string column, TState state, Func<TState, T> create)
    {
        try
        {
            return create(state);
        }
        catch (ArgumentException e)
        {
            throw new FieldException(column, Messages.Reason(e));
        }
        catch (DomainException e)
        {
            throw new FieldException(column, e.Message);
        }
    }

    /// <summary>Runs a domain operation; its <see cref="ArgumentException"/> or <see cref="DomainException"/> becomes a problem of this column.</summary>
    public static void Domain(string column, Action change) => Domain(column, () =>
    {
        change();
        return true;
    });

    private static T Named<T>(string column, string text, NameTable<T> names)
        where T : struct, Enum =>
        names.Lookup.TryGetValue(Normalise(text), out var value)
            ? value
            : throw new FieldException(column, $"\"{text}\" is not one of: {names.Display}");

    private static NameTable<T> Names<T>()
        where T : struct, Enum =>
        new(
            Enum.GetValues<T>().ToDictionary(v => Normalise(v.ToString()), v => v, StringComparer.Ordinal),
            string.Join(", ", Enum.GetNames<T>().Select(Kebab)));

    /// <summary>Enum names match without case, '-', '_' or spaces: "online-chat", "OnlineChat" and "online_chat" are one.</summary>
    private static string Normalise(string text) =>
        string.Concat(text.Where(c => c is not ('-' or '_' or ' '))).ToUpperInvariant();

    /// <summary>"OnlineChat" → "online-chat".</summary>
    public static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private sealed record NameTable<T>(Dictionary<string, T> Lookup, string Display);
}
