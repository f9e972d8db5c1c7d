using Crm.Domain.Internal;

namespace Crm.Domain.Customers;

/// <summary>A need a customer expressed (客户需求), with its priority and status.</summary>
/// <remarks>Immutable; equality by value. The description may be personal: <see cref="ToString"/> hides it.</remarks>
public sealed record CustomerNeed
{
    /// <summary>Creates a need.</summary>
    /// <param name="description">What the customer needs; not empty.</param>
    /// <param name="priority">How urgent and important it is.</param>
    /// <param name="status">Where it stands; <see cref="NeedStatus.Open"/> by default.</param>
    /// <exception cref="ArgumentException">The description is empty or padded, or an enum value is undefined.</exception>
    public CustomerNeed(string description, NeedPriority priority, NeedStatus status = NeedStatus.Open)
    {
        Description = Rules.Key(description, nameof(description));
        Priority = Rules.Defined(priority, nameof(priority));
        Status = Rules.Defined(status, nameof(status));
    }

    /// <summary>What the customer needs.</summary>
    public string Description { get; }

    /// <summary>How urgent and important it is.</summary>
    public NeedPriority Priority { get; }

    /// <summary>Where it stands.</summary>
    public NeedStatus Status { get; }

    /// <summary>This need with another status.</summary>
    /// <param name="status">The new status.</param>
    /// <returns>A copy with <paramref name="status"/>.</returns>
    public CustomerNeed WithStatus(NeedStatus status) => new(Description, Priority, status);

    /// <summary>Describes the need by priority and status only.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"CustomerNeed ({Priority}, {Status})";
}
