using System.Globalization;

namespace Crm.Domain.Internal;

/// <summary>Validation rules shared by the domain's constructors and factories.</summary>
internal static class Rules
{
    /// <summary>Whether <paramref name="value"/> is a key <see cref="Key"/> accepts: not null, empty, white space or padded.</summary>
    public static bool IsKey([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        !string.IsNullOrWhiteSpace(value) && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]);

    /// <summary>
    /// Validates a key supplied by a caller (an id, a stage name, a tag): not null, not empty or white
    /// space, no leading or trailing white space (almost always a mapping bug, and " 42" ≠ "42").
    /// </summary>
    public static string Key(string? value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (value.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("Value must not be empty or white space.", parameterName);
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            // The value is not echoed: it may be a name, an e-mail address or another piece of personal data.
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Value must not start or end with white space (it has {value.Length} characters, {(char.IsWhiteSpace(value[0]) ? "leading" : "trailing")} white space); trim it when mapping your rows."),
                parameterName);
        }

        return value;
    }

    /// <summary>
    /// A value a caller passed, for a message: quoted when it is short and plain (a code, a zone id), else only its
    /// length — so that a message never carries a long or personal text, whatever field it came from.
    /// </summary>
    public static string Describe(string value) =>
        value.Length <= 40 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '@')
            ? $"\"{value}\""
            : string.Create(CultureInfo.InvariantCulture, $"a text of {value.Length} characters");

    /// <summary>Optional text: null stays null; otherwise the same rule as <see cref="Key"/>.</summary>
    public static string? OptionalKey(string? value, string parameterName) =>
        value is null ? null : Key(value, parameterName);

    /// <summary>Rejects the default (uninitialised) value of an id type.</summary>
    public static CustomerId Initialised(CustomerId id, string parameterName) =>
        id.Value.Length == 0
            ? throw new ArgumentException("The customer id is the default (uninitialised) value; construct it from your key.", parameterName)
            : id;

    /// <summary>Rejects the default (uninitialised) value of a lead id.</summary>
    public static LeadId Initialised(LeadId id, string parameterName) =>
        id.Value.Length == 0
            ? throw new ArgumentException("The lead id is the default (uninitialised) value; construct it from your key.", parameterName)
            : id;

    /// <summary>Rejects the default (uninitialised) value of a complaint id.</summary>
    public static ComplaintId Initialised(ComplaintId id, string parameterName) =>
        id.Value.Length == 0
            ? throw new ArgumentException("The complaint id is the default (uninitialised) value; construct it from your case key.", parameterName)
            : id;

    /// <summary>Rejects the default (uninitialised) currency.</summary>
    public static Currency Initialised(Currency currency, string parameterName) =>
        currency.Code.Length == 0
            ? throw new ArgumentException("The currency is the default (uninitialised) value; construct it from an ISO 4217 code.", parameterName)
            : currency;

    /// <summary>Rejects an undefined value of an enumeration (e.g. a cast from an out-of-range integer).</summary>
    public static TEnum Defined<TEnum>(TEnum value, string parameterName)
        where TEnum : struct, Enum =>
        Crm.Internal.EnumValues<TEnum>.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                $"{Convert.ToInt64(value, CultureInfo.InvariantCulture)} is not a defined {typeof(TEnum).Name}.");

    /// <summary>Requires a non-negative amount of money.</summary>
    public static Money NonNegative(Money amount, string parameterName)
    {
        Initialised(amount.Currency, parameterName);
        return amount.Amount < 0m
            ? throw new ArgumentOutOfRangeException(parameterName, amount, "The amount must not be negative.")
            : amount;
    }

    /// <summary>Requires an ISO-calendar date (the calendar every instant maps to in a time zone).</summary>
    public static LocalDate IsoCalendar(LocalDate date, string parameterName) =>
        date.Calendar == CalendarSystem.Iso
            ? date
            : throw new ArgumentException($"Dates must be in the ISO calendar; got the {date.Calendar.Id} calendar.", parameterName);
}
