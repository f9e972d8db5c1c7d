using Crm.Domain.Internal;

namespace Crm.Domain.Activity;

/// <summary>
/// A transaction with a customer (交易记录): a sale or a refund. One sale record is one order.
/// </summary>
/// <remarks>
/// <para><see cref="Amount"/> is never negative; <see cref="Kind"/> says which way the money went
/// (<see cref="SignedAmount"/> is negative for refunds). A zero-amount sale is valid and counts as a purchase.</para>
/// <para><see cref="Cost"/>, when given, is the cost of goods of a sale, or for a refund the cost reversed by it
/// (goods back in stock); it is in the same currency as the amount.</para>
/// <para>Immutable; equality by value; thread-safe.</para>
/// </remarks>
public sealed record Purchase
{
    /// <summary>Creates a purchase record.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="kind">Sale or refund.</param>
    /// <param name="amount">The amount, not negative.</param>
    /// <param name="channel">The sales channel; <see cref="SalesChannel.Other"/> when not recorded.</param>
    /// <param name="cost">The cost, not negative, same currency as <paramref name="amount"/>; <c>null</c> when unknown.</param>
    /// <param name="product">The product, service or category, when recorded.</param>
    /// <exception cref="ArgumentException">The id is default, an amount is negative, an enum value is undefined, or the product is empty or padded.</exception>
    /// <exception cref="CurrencyMismatchException">The cost is in another currency than the amount.</exception>
    public Purchase(CustomerId customerId, Instant occurredAt, PurchaseKind kind, Money amount, SalesChannel channel = SalesChannel.Other, Money? cost = null, string? product = null)
    {
        CustomerId = Rules.Initialised(customerId, nameof(customerId));
        OccurredAt = occurredAt;
        Kind = Rules.Defined(kind, nameof(kind));
        Amount = Rules.NonNegative(amount, nameof(amount));
        Channel = Rules.Defined(channel, nameof(channel));
        Cost = CheckedCost(cost, amount, nameof(cost));
        Product = Rules.OptionalKey(product, nameof(product));
    }

    /// <summary>
    /// Creates a purchase from an order total as many systems store it, signed: a negative amount is a refund of its
    /// magnitude, zero or more a sale.
    /// </summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="signedAmount">The amount: negative for a refund.</param>
    /// <param name="channel">The sales channel.</param>
    /// <param name="cost">The cost of goods (sold, or reversed by the refund), not negative, when known.</param>
    /// <param name="product">The product, when recorded.</param>
    /// <returns>A sale, or a refund of −<paramref name="signedAmount"/>.</returns>
    /// <exception cref="ArgumentException">As for the constructor (a negative cost included).</exception>
    public static Purchase FromSignedAmount(CustomerId customerId, Instant occurredAt, Money signedAmount, SalesChannel channel = SalesChannel.Other, Money? cost = null, string? product = null)
    {
        if (signedAmount.Currency == default)
        {
            throw new ArgumentException("The amount is the default (uninitialised) value; give an amount with its currency.", nameof(signedAmount));
        }

        return signedAmount.Amount < 0
            ? new(customerId, occurredAt, PurchaseKind.Refund, new Money(-signedAmount.Amount, signedAmount.Currency), channel, cost, product)
            : new(customerId, occurredAt, PurchaseKind.Sale, signedAmount, channel, cost, product);
    }

    /// <summary>Creates a sale.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="amount">The amount, not negative.</param>
    /// <param name="channel">The sales channel.</param>
    /// <param name="cost">The cost of goods, when known.</param>
    /// <param name="product">The product, when recorded.</param>
    /// <returns>The sale.</returns>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public static Purchase Sale(CustomerId customerId, Instant occurredAt, Money amount, SalesChannel channel = SalesChannel.Other, Money? cost = null, string? product = null) =>
        new(customerId, occurredAt, PurchaseKind.Sale, amount, channel, cost, product);

    /// <summary>Creates a refund.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="amount">The amount refunded, not negative.</param>
    /// <param name="channel">The sales channel.</param>
    /// <param name="cost">The cost reversed by the refund, when known.</param>
    /// <param name="product">The product, when recorded.</param>
    /// <returns>The refund.</returns>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    public static Purchase Refund(CustomerId customerId, Instant occurredAt, Money amount, SalesChannel channel = SalesChannel.Other, Money? cost = null, string? product = null) =>
        new(customerId, occurredAt, PurchaseKind.Refund, amount, channel, cost, product);

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>When it happened.</summary>
    public Instant OccurredAt { get; }

    /// <summary>Sale or refund.</summary>
    public PurchaseKind Kind { get; }

    /// <summary>The amount, never negative.</summary>
    public Money Amount { get; }

    /// <summary>The amount with its direction: positive for a sale, negative for a refund.</summary>
    public Money SignedAmount => Kind == PurchaseKind.Sale ? Amount : -Amount;

    /// <summary>The sales channel.</summary>
    public SalesChannel Channel { get; }

    /// <summary>The cost, or <c>null</c> when unknown.</summary>
    public Money? Cost { get; }

    /// <summary>The product, service or category, or <c>null</c>.</summary>
    public string? Product { get; }

    /// <summary>Whether this is a sale.</summary>
    public bool IsSale => Kind == PurchaseKind.Sale;

    /// <summary>A cost under the purchase's rules: not negative, in the amount's currency; null when unknown.</summary>
    internal static Money? CheckedCost(Money? cost, Money amount, string parameterName)
    {
        if (cost is { } c)
        {
            Rules.NonNegative(c, parameterName);
            if (c.Currency != amount.Currency)
            {
                throw new CurrencyMismatchException(amount.Currency, c.Currency, parameterName);
            }
        }

        return cost;
    }

    /// <summary>The members, numbers and dates in the invariant culture (never the current culture's format).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Crm.Internal.RecordText.Of(this);
}
