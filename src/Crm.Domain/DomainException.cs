namespace Crm.Domain;

/// <summary>
/// A business rule of an aggregate was broken, for example an illegal lifecycle transition or a change
/// to a customer whose personal data was erased. The message says what was attempted and what is allowed.
/// </summary>
/// <remarks>Bad arguments (a negative amount, an empty id) are <see cref="ArgumentException"/>s instead.</remarks>
public class DomainException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public DomainException()
        : base("A domain rule was broken.")
    {
    }

    /// <summary>Creates the exception with a message a person can act on.</summary>
    /// <param name="message">What was attempted and why it is not allowed.</param>
    public DomainException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was attempted and why it is not allowed.</param>
    /// <param name="innerException">The cause.</param>
    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
