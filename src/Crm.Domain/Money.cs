using System.Globalization;
using Crm.Domain.Internal;

namespace Crm.Domain;

/// <summary>An amount of money: a <see cref="decimal"/> amount in one <see cref="Domain.Currency"/>.</summary>
/// <remarks>
/// <para>Arithmetic (<c>+</c>, <c>−</c>) and ordering are defined only between amounts of the same currency;
/// across currencies they throw <see cref="CurrencyMismatchException"/>. Multiplication is by a scalar.
/// Equality is by value: amounts in different currencies are simply not equal, and <c>1.0 USD</c> equals
/// <c>1.00 USD</c> (decimal equality ignores trailing zeros), consistent with <see cref="CompareTo(Money)"/>.</para>
/// <para>Amounts may be negative (a net figure, a difference); domain records that need a non-negative
/// amount say so and validate it. A result outside the range of <see cref="decimal"/> throws
/// <see cref="AmountOverflowException"/> naming the operation and the currency.</para>
/// <para>The default value has amount 0 and the default (invalid) currency; any arithmetic or comparison
/// with it throws <see cref="CurrencyMismatchException"/> unless both sides are default.</para>
/// <para>This type is an immutable value type and is thread-safe.</para>
/// </remarks>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>Creates an amount of money.</summary>
    /// <param name="amount">The amount, in units of the currency (e.g. 12.50 for twelve dollars fifty).</param>
    /// <param name="currency">The currency; not the default value.</param>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is the default value.</exception>
    public Money(decimal amount, Currency currency)
    {
        Amount = amount;
        Currency = Rules.Initialised(currency, nameof(currency));
    }

    /// <summary>The amount in units of <see cref="Currency"/>.</summary>
    public decimal Amount { get; }

    /// <summary>The currency of the amount.</summary>
    public Currency Currency { get; }

    /// <summary>Whether the amount is zero.</summary>
    public bool IsZero => Amount == 0m;

    /// <summary>Zero in the given currency.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>An amount of 0 in <paramref name="currency"/>.</returns>
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="other">The amount to add.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="AmountOverflowException">The sum is outside the range of <see cref="decimal"/>.</exception>
    public Money Add(Money other)
    {
        RequireSameCurrency(other, nameof(other));
        try
        {
            return new Money(Amount + other.Amount, Currency);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("adding two amounts", Currency, e);
        }
    }

    /// <summary>Subtracts an amount of the same currency.</summary>
    /// <param name="other">The amount to subtract.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="AmountOverflowException">The difference is outside the range of <see cref="decimal"/>.</exception>
    public Money Subtract(Money other)
    {
        RequireSameCurrency(other, nameof(other));
        try
        {
            return new Money(Amount - other.Amount, Currency);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("subtracting an amount", Currency, e);
        }
    }

    /// <summary>Multiplies the amount by a scalar.</summary>
    /// <param name="factor">The factor.</param>
    /// <returns>The product, in the same currency.</returns>
    /// <exception cref="AmountOverflowException">The product is outside the range of <see cref="decimal"/>.</exception>
    public Money Multiply(decimal factor)
    {
        try
        {
            return new(Amount * factor, Currency);
        }
        catch (OverflowException e)
        {
            throw new AmountOverflowException("multiplying an amount", Currency, e);
        }
    }

    /// <summary>The amount with its sign reversed.</summary>
    /// <returns>The negated amount, in the same currency.</returns>
    public Money Negate() => new(-Amount, Currency);

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <param name="other">The amount to compare with.</param>
    /// <returns>A negative number, zero or a positive number as this amount is less than, equal to or greater than <paramref name="other"/>.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public int CompareTo(Money other)
    {
        RequireSameCurrency(other, nameof(other));
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>Sums amounts that must all be in <paramref name="currency"/>; an empty sequence sums to zero in it.</summary>
    /// <param name="values">The amounts.</param>
    /// <param name="currency">The currency of the result, and of every amount.</param>
    /// <returns>The sum in <paramref name="currency"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is the default value.</exception>
    /// <exception cref="CurrencyMismatchException">An amount is in another currency.</exception>
    /// <exception cref="AmountOverflowException">The sum is outside the range of <see cref="decimal"/>.</exception>
    public static Money Sum(IEnumerable<Money> values, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(values);
        Rules.Initialised(currency, nameof(currency));
        var total = 0m;
        foreach (var value in values)
        {
            if (value.Currency != currency)
            {
                throw new CurrencyMismatchException(currency, value.Currency, nameof(values));
            }

            try
            {
                total += value.Amount;
            }
            catch (OverflowException e)
            {
                throw new AmountOverflowException("summing amounts", currency, e);
            }
        }

        return new Money(total, currency);
    }

    /// <summary>Formats as the invariant-culture amount and the code, e.g. <c>12.50 USD</c>.</summary>
    /// <returns>The formatted amount.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Amount} {Currency}");

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="AmountOverflowException">The sum is outside the range of <see cref="decimal"/>.</exception>
    public static Money operator +(Money left, Money right) => Same(left, right).Add(right);

    /// <summary>Subtracts an amount of the same currency.</summary>
    /// <param name="left">The amount to subtract from.</param>
    /// <param name="right">The amount to subtract.</param>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="AmountOverflowException">The difference is outside the range of <see cref="decimal"/>.</exception>
    public static Money operator -(Money left, Money right) => Same(left, right).Subtract(right);

    /// <summary>The amount with its sign reversed.</summary>
    /// <param name="value">The amount.</param>
    public static Money operator -(Money value) => Initialised(value, nameof(value)).Negate();

    /// <summary>Multiplies an amount by a scalar.</summary>
    /// <param name="left">The amount.</param>
    /// <param name="right">The factor.</param>
    /// <exception cref="AmountOverflowException">The product is outside the range of <see cref="decimal"/>.</exception>
    public static Money operator *(Money left, decimal right) => Initialised(left, nameof(left)).Multiply(right);

    /// <summary>Multiplies an amount by a scalar.</summary>
    /// <param name="left">The factor.</param>
    /// <param name="right">The amount.</param>
    /// <exception cref="AmountOverflowException">The product is outside the range of <see cref="decimal"/>.</exception>
    public static Money operator *(decimal left, Money right) => Initialised(right, nameof(right)).Multiply(left);

    /// <summary>Whether <paramref name="left"/> is less than <paramref name="right"/> (same currency only).</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator <(Money left, Money right) => Same(left, right).CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is greater than <paramref name="right"/> (same currency only).</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator >(Money left, Money right) => Same(left, right).CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is less than or equal to <paramref name="right"/> (same currency only).</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator <=(Money left, Money right) => Same(left, right).CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is greater than or equal to <paramref name="right"/> (same currency only).</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator >=(Money left, Money right) => Same(left, right).CompareTo(right) >= 0;

    /// <summary><paramref name="left"/>, when both operands are in one currency; otherwise the error names the operand at fault.</summary>
    private static Money Same(Money left, Money right) =>
        left.Currency == right.Currency
            ? left
            : throw new CurrencyMismatchException(left.Currency, right.Currency, left.Currency == default ? nameof(left) : nameof(right));

    /// <summary><paramref name="value"/>, when it has a currency (not the default value).</summary>
    private static Money Initialised(Money value, string parameterName)
    {
        Rules.Initialised(value.Currency, parameterName);
        return value;
    }

    private void RequireSameCurrency(Money other, string parameterName)
    {
        if (other.Currency != Currency)
        {
            throw new CurrencyMismatchException(Currency, other.Currency, parameterName);
        }
    }
}
