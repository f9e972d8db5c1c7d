using Crm.Domain.Internal;

namespace Crm.Domain.Activity;

/// <summary>
/// A sale or a refund as a value: what the metrics read of a <see cref="Purchase"/> (all but its product), held in a
/// struct, for callers that hand over millions of purchases without an object each.
/// </summary>
/// <remarks>
/// <para>The constructor keeps every rule of <see cref="Purchase"/>'s: the id set, the amount and cost not negative,
/// the cost in the amount's currency, the kind and channel defined. The default value (<c>default(PurchaseRecord)</c>)
/// is not a purchase: the metrics refuse it as they refuse a null <see cref="Purchase"/>.</para>
/// <para>Hand records to the metrics through <c>CrmDataSet.PurchasesOf</c> (package Crm.Metrics): the analyses read
/// them as they are, and any other reader of the sequence gets a <see cref="Purchase"/> per record.</para>
/// <para>Immutable; equality by value; thread-safe.</para>
/// </remarks>
public readonly record struct PurchaseRecord
{
    /// <summary>Creates a purchase record under <see cref="Purchase"/>'s rules.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="kind">Sale or refund.</param>
    /// <param name="amount">The amount, not negative.</param>
    /// <param name="channel">The sales channel; <see cref="SalesChannel.Other"/> when not recorded.</param>
    /// <param name="cost">The cost, not negative, same currency as <paramref name="amount"/>; <c>null</c> when unknown.</param>
    /// <exception cref="ArgumentException">The id is default, an amount is negative, or an enum value is undefined.</exception>
    /// <exception cref="CurrencyMismatchException">The cost is in another currency than the amount.</exception>
    public PurchaseRecord(CustomerId customerId, Instant occurredAt, PurchaseKind kind, Money amount, SalesChannel channel = SalesChannel.Other, Money? cost = null)
    {
        CustomerId = Rules.Initialised(customerId, nameof(customerId));
        OccurredAt = occurredAt;
        Kind = Rules.Defined(kind, nameof(kind));
        Amount = Rules.NonNegative(amount, nameof(amount));
        Channel = Rules.Defined(channel, nameof(channel));
        Cost = Purchase.CheckedCost(cost, amount, nameof(cost));
    }

    /// <summary>The record of a purchase: its fields but its product (a purchase keeps its rules, so nothing is checked again).</summary>
    /// <param name="purchase">The purchase.</param>
    /// <exception cref="ArgumentNullException"><paramref name="purchase"/> is null.</exception>
    public PurchaseRecord(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        CustomerId = purchase.CustomerId;
        OccurredAt = purchase.OccurredAt;
        Kind = purchase.Kind;
        Amount = purchase.Amount;
        Channel = purchase.Channel;
        Cost = purchase.Cost;
    }

    /// <summary>Creates a sale.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="amount">The amount, not negative.</param>
    /// <param name="channel">The sales channel.</param>
    /// <param name="cost">The cost of goods, when known.</param>
    /// <returns>The sale.</returns>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public static PurchaseRecord Sale(CustomerId customerId, Instant occurredAt, Money amount, SalesChannel channel = SalesChannel.Other, Money? cost = null) =>
        new(customerId, occurredAt, PurchaseKind.Sale, amount, channel, cost);

    /// <summary>Creates a refund.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="amount">The amount refunded, not negative.</param>
    /// <param name="channel">The sales channel.</param>
    /// <param name="cost">The cost reversed by the refund, when known.</param>
    /// <returns>The refund.</returns>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public static PurchaseRecord Refund(CustomerId customerId, Instant occurredAt, Money amount, SalesChannel channel = SalesChannel.Other, Money? cost = null) =>
        new(customerId, occurredAt, PurchaseKind.Refund, amount, channel, cost);

    /// <summary>The customer; the default id for the default value.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>When it happened.</summary>
    public Instant OccurredAt { get; }

    /// <summary>Sale or refund.</summary>
    public PurchaseKind Kind { get; }

    /// <summary>The amount, never negative.</summary>
    public Money Amount { get; }

    /// <summary>The sales channel.</summary>
    public SalesChannel Channel { get; }

    /// <summary>The cost, or <c>null</c> when unknown.</summary>
    public Money? Cost { get; }

    /// <summary>Whether this is a sale.</summary>
    public bool IsSale => Kind == PurchaseKind.Sale;

    /// <summary>The purchase this record describes, with no product.</summary>
    /// <returns>The purchase.</returns>
    /// <exception cref="InvalidOperationException">This is the default value, which describes no purchase.</exception>
    public Purchase ToPurchase() => CustomerId == default
        ? throw new InvalidOperationException("This purchase record is the default value, which describes no purchase; make records with the constructor.")
        : new(CustomerId, OccurredAt, Kind, Amount, Channel, Cost);

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
