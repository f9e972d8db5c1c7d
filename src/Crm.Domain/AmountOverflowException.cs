using System.Globalization;

namespace Crm.Domain;

/// <summary>
/// An amount of money left the range of <see cref="decimal"/> (about ±7.9 × 10²⁸): a sum, difference or product of
/// amounts in one currency was too large to represent. The message names the operation and the currency, never an
/// amount or a customer. Nothing was changed by the operation that threw.
/// </summary>
/// <remarks>
/// Real amounts never come near the limit; reaching it means the data holds a mistaken value (a price in the wrong
/// unit, a sentinel such as <see cref="decimal.MaxValue"/>, a tampered state). Find and correct that value.
/// </remarks>
public sealed class AmountOverflowException : DomainException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AmountOverflowException()
        : base("An amount of money overflowed the decimal range.")
    {
        Operation = string.Empty;
    }

    /// <summary>Creates the exception with a custom message.</summary>
    /// <param name="message">The message.</param>
    public AmountOverflowException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    /// <summary>Creates the exception with a custom message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AmountOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    /// <summary>Creates the exception for an operation on amounts of one currency.</summary>
    /// <param name="operation">What was computed, in words (for example "adding two amounts").</param>
    /// <param name="currency">The currency of the amounts (default when not known).</param>
    /// <param name="innerException">The <see cref="OverflowException"/> that decimal arithmetic threw, if any.</param>
    public AmountOverflowException(string operation, Currency currency, Exception? innerException = null)
        : base(Describe(operation, currency), innerException!)
    {
        Operation = operation ?? string.Empty;
        Currency = currency;
    }

    /// <summary>What was computed when the amount overflowed, in words; empty when not known.</summary>
    public string Operation { get; }

    /// <summary>The currency of the amounts (default when not known).</summary>
    public Currency Currency { get; }

    private static string Describe(string? operation, Currency currency) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"The amount overflowed the decimal range while {(string.IsNullOrEmpty(operation) ? "computing" : operation)}{(currency == default ? string.Empty : $" in {currency}")}; amounts are limited to about ±7.9e28. Look for a mistaken value in the data (a placeholder maximum, an amount in the wrong unit).");
}
