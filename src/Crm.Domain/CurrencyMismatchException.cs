namespace Crm.Domain;

/// <summary>
/// Two amounts in different currencies were combined or compared. Nothing in this library converts
/// between currencies implicitly: convert first (with your own rates), then combine.
/// </summary>
public sealed class CurrencyMismatchException : ArgumentException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public CurrencyMismatchException()
        : base("Amounts in different currencies cannot be combined.")
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    /// <param name="message">The message.</param>
    public CurrencyMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a custom message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CurrencyMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an operation that expected one currency and met another.</summary>
    /// <param name="expected">The currency the operation works in.</param>
    /// <param name="actual">The currency it met.</param>
    /// <param name="parameterName">The parameter that carried the other currency.</param>
    public CurrencyMismatchException(Currency expected, Currency actual, string? parameterName = null)
        : base(
            $"Cannot combine amounts in {expected} and {actual}: nothing converts currencies implicitly. Convert the amounts to one currency first.",
            parameterName)
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The currency the operation works in (default when not known).</summary>
    public Currency Expected { get; }

    /// <summary>The other currency met (default when not known).</summary>
    public Currency Actual { get; }
}
