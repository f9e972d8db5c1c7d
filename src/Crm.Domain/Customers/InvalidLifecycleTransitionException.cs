namespace Crm.Domain.Customers;

/// <summary>A lifecycle transition outside the table of <see cref="LifecycleRules"/> was attempted.</summary>
public sealed class InvalidLifecycleTransitionException : DomainException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public InvalidLifecycleTransitionException()
        : base("The lifecycle transition is not allowed.")
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    /// <param name="message">The message.</param>
    public InvalidLifecycleTransitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a custom message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidLifecycleTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a transition from one stage to another.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="from">The current stage.</param>
    /// <param name="to">The stage requested.</param>
    public InvalidLifecycleTransitionException(CustomerId customerId, LifecycleStage from, LifecycleStage to)
        : base(Describe(customerId, from, to))
    {
        From = from;
        To = to;
    }

    /// <summary>The current stage.</summary>
    public LifecycleStage From { get; }

    /// <summary>The stage requested.</summary>
    public LifecycleStage To { get; }

    private static string Describe(CustomerId customerId, LifecycleStage from, LifecycleStage to)
    {
        var allowed = LifecycleRules.AllowedTargets(from);
        return $"Customer {customerId} cannot move from {from} to {to}. From {from} it may move to: {string.Join(", ", allowed)}.";
    }
}
