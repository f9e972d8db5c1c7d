using Crm.Domain.Internal;

namespace Crm.Domain.Customers;

/// <summary>
/// One way to reach a customer — an e-mail address, a phone number, a postal address, a social handle or
/// a messaging account — with its marketing consent. Personal data.
/// </summary>
/// <remarks>
/// <para>Validation is deliberately light and culture-independent: an e-mail address has one <c>@</c> with
/// text on both sides and no white space; a phone number holds only digits, spaces and <c>+ - ( ) .</c>
/// with at least three digits; other kinds need non-empty text.</para>
/// <para>A contact point without a <see cref="Consent"/> has never been asked: marketing is not allowed.</para>
/// <para>Immutable; equality by value. <see cref="ToString"/> shows the kind and the consent, never the value.</para>
/// </remarks>
public sealed record ContactPoint
{
    /// <summary>Creates a contact point.</summary>
    /// <param name="kind">What kind of contact point it is.</param>
    /// <param name="value">The address, number or handle.</param>
    /// <param name="label">An optional label: "work", "home", or the platform of a social handle ("WeChat").</param>
    /// <param name="consent">The marketing consent on it, or <c>null</c> when never asked.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> does not fit <paramref name="kind"/>, or a text is empty or padded.</exception>
    public ContactPoint(ContactPointKind kind, string value, string? label = null, MarketingConsent? consent = null)
    {
        Kind = Rules.Defined(kind, nameof(kind));
        Value = Validate(kind, Rules.Key(value, nameof(value)));
        Label = Rules.OptionalKey(label, nameof(label));
        Consent = consent;
    }

    /// <summary>What kind of contact point it is.</summary>
    public ContactPointKind Kind { get; }

    /// <summary>The address, number or handle.</summary>
    public string Value { get; }

    /// <summary>The optional label.</summary>
    public string? Label { get; }

    /// <summary>The marketing consent, or <c>null</c> when never asked.</summary>
    public MarketingConsent? Consent { get; }

    /// <summary>Whether marketing on this contact point is allowed now (consent granted and not withdrawn).</summary>
    public bool AllowsMarketing => Consent is { IsGranted: true };

    /// <summary>Whether this contact point is the same address as another (same kind and value, ordinal).</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The value.</param>
    /// <returns><c>true</c> when both match.</returns>
    public bool Matches(ContactPointKind kind, string value) =>
        Kind == kind && string.Equals(Value, value, StringComparison.Ordinal);

    /// <summary>This contact point with another consent.</summary>
    /// <param name="consent">The new consent.</param>
    /// <returns>A copy with <paramref name="consent"/>.</returns>
    public ContactPoint WithConsent(MarketingConsent consent) => new(Kind, Value, Label, consent);

    /// <summary>Describes the contact point without its value.</summary>
    /// <returns>The kind and consent status.</returns>
    public override string ToString() =>
        $"ContactPoint ({Kind}, consent: {Consent?.Status.ToString() ?? "never asked"})";

    private static string Validate(ContactPointKind kind, string value)
    {
        switch (kind)
        {
            case ContactPointKind.Email:
                var at = value.IndexOf('@', StringComparison.Ordinal);
                if (at <= 0 || at == value.Length - 1 || value.IndexOf('@', at + 1) >= 0 || value.Any(char.IsWhiteSpace))
                {
                    throw new ArgumentException("An e-mail address needs exactly one '@' with text on both sides and no white space.", nameof(value));
                }

                break;
            case ContactPointKind.Phone:
                var digits = 0;
                foreach (var c in value)
                {
                    if (char.IsAsciiDigit(c))
                    {
                        digits++;
                    }
                    else if (c is not (' ' or '+' or '-' or '(' or ')' or '.'))
                    {
                        throw new ArgumentException($"A phone number may hold only digits, spaces and + - ( ) . ; found '{c}'.", nameof(value));
                    }
                }

                if (digits < 3)
                {
                    throw new ArgumentException("A phone number needs at least three digits.", nameof(value));
                }

                break;
        }

        return value;
    }
}
