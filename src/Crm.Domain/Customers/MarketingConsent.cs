using Crm.Domain.Internal;

namespace Crm.Domain.Customers;

/// <summary>A marketing consent on one contact point: granted or withdrawn, and when.</summary>
/// <remarks>
/// The default value is a consent <see cref="ConsentStatus.Granted"/> at the Unix epoch; create consents
/// through the constructor. Immutable value type, thread-safe.
/// </remarks>
public readonly record struct MarketingConsent
{
    /// <summary>Creates a consent record.</summary>
    /// <param name="status">Granted or withdrawn.</param>
    /// <param name="at">When it was given or withdrawn.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is undefined.</exception>
    public MarketingConsent(ConsentStatus status, Instant at)
    {
        Status = Rules.Defined(status, nameof(status));
        At = at;
    }

    /// <summary>Granted or withdrawn.</summary>
    public ConsentStatus Status { get; }

    /// <summary>When the consent was given or withdrawn.</summary>
    public Instant At { get; }

    /// <summary>Whether marketing is allowed on the contact point.</summary>
    public bool IsGranted => Status == ConsentStatus.Granted;

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
