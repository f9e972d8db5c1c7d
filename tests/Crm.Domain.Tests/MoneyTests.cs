using System.Globalization;
using Crm.Testing;
using FsCheck;
using FsCheck.Xunit;

namespace Crm.Domain.Tests;

[Properties(Arbitrary = new[] { typeof(CrmArbitraries) })]
public class MoneyTests
{
    private static Money Cents(int cents, Currency currency) => new(cents / 100m, currency);

    [Property]
    public bool Addition_is_associative_within_a_currency(Currency c, int a, int b, int d) =>
        (Cents(a, c) + Cents(b, c)) + Cents(d, c) == Cents(a, c) + (Cents(b, c) + Cents(d, c));

    [Property]
    public bool Addition_is_commutative_within_a_currency(Currency c, int a, int b) =>
        Cents(a, c) + Cents(b, c) == Cents(b, c) + Cents(a, c);

    [Property]
    public bool Zero_is_the_identity_of_addition(Money m) =>
        m + Money.Zero(m.Currency) == m && Money.Zero(m.Currency) + m == m;

    [Property]
    public bool Subtraction_is_adding_the_negation(Currency c, int a, int b) =>
        Cents(a, c) - Cents(b, c) == Cents(a, c) + (-Cents(b, c));

    [Property]
    public bool Scalar_multiplication_distributes_over_addition(Currency c, int a, int b, short k) =>
        (Cents(a, c) + Cents(b, c)) * k == Cents(a, c) * k + k * Cents(b, c);

    [Property]
    public void Every_cross_currency_operation_throws(Money a, Money b)
    {
        if (a.Currency == b.Currency)
        {
            return;
        }

        Assert.Throws<CurrencyMismatchException>(() => a + b);
        Assert.Throws<CurrencyMismatchException>(() => a - b);
        Assert.Throws<CurrencyMismatchException>(() => a < b);
        Assert.Throws<CurrencyMismatchException>(() => a > b);
        Assert.Throws<CurrencyMismatchException>(() => a <= b);
        Assert.Throws<CurrencyMismatchException>(() => a >= b);
        Assert.Throws<CurrencyMismatchException>(() => a.CompareTo(b));
        Assert.Throws<CurrencyMismatchException>(() => Money.Sum([a, b], a.Currency));
        Assert.False(a == b);
    }

    [Property]
    public bool Ordering_is_consistent_with_equality(Currency c, int a, int b)
    {
        var x = Cents(a, c);
        var y = Cents(b, c);
        return (x.CompareTo(y) == 0) == (x == y)
            && Math.Sign(x.CompareTo(y)) == -Math.Sign(y.CompareTo(x))
            && (x < y) == (a < b)
            && (x >= y) == (a >= b);
    }

    [Property]
    public bool Sum_equals_repeated_addition(Currency c, int[] cents)
    {
        var values = cents.Select(x => Cents(x, c)).ToList();
        var folded = values.Aggregate(Money.Zero(c), (acc, m) => acc + m);
        return values.Sum(c) == folded && Money.Sum(values, c) == folded;
    }

    [Fact]
    public void Sum_of_nothing_is_zero_in_the_given_currency()
    {
        Assert.Equal(Money.Zero(Currency.Eur), Array.Empty<Money>().Sum(Currency.Eur));
    }

    [Fact]
    public void Sum_names_both_currencies_when_they_differ()
    {
        var ex = Assert.Throws<CurrencyMismatchException>(() => new[] { new Money(1m, Currency.Usd) }.Sum(Currency.Eur));
        Assert.Contains("EUR", ex.Message, StringComparison.Ordinal);
        Assert.Contains("USD", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Currency.Eur, ex.Expected);
        Assert.Equal(Currency.Usd, ex.Actual);
        Assert.Equal("values", ex.ParamName);
    }

    [Fact]
    public void Trailing_zeros_do_not_change_equality_or_hash()
    {
        var a = new Money(1.0m, Currency.Usd);
        var b = new Money(1.00m, Currency.Usd);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(0, a.CompareTo(b));
    }

    [Fact]
    public void Same_amount_in_different_currencies_is_not_equal()
    {
        Assert.NotEqual(new Money(5m, Currency.Usd), new Money(5m, Currency.Eur));
    }

    [Fact]
    public void Money_requires_a_currency()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Money(1m, default));
        Assert.Equal("currency", ex.ParamName);
    }

    [Fact]
    public void Default_money_does_not_combine_with_real_money()
    {
        Assert.Throws<CurrencyMismatchException>(() => default(Money) + new Money(1m, Currency.Usd));
    }

    [Fact]
    public void ToString_uses_the_invariant_culture_whatever_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1234.50 EUR", new Money(1234.50m, Currency.Eur).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Overflow_is_an_amount_overflow_naming_the_operation_and_the_currency()
    {
        var max = new Money(decimal.MaxValue, Currency.Eur);
        var min = new Money(decimal.MinValue, Currency.Eur);
        var one = new Money(1m, Currency.Eur);
        AssertOverflow(() => max + one, "adding");
        AssertOverflow(() => min - one, "subtracting");
        AssertOverflow(() => max * 2m, "multiplying");
        AssertOverflow(() => 2m * max, "multiplying");
        AssertOverflow(() => Money.Sum([max, one], Currency.Eur), "summing");
        AssertOverflow(() => new[] { max, max }.Sum(Currency.Eur), "summing");

        static void AssertOverflow(Func<Money> operation, string verb)
        {
            var ex = Assert.Throws<AmountOverflowException>(() => operation());
            Assert.IsAssignableFrom<DomainException>(ex);
            Assert.Equal(Currency.Eur, ex.Currency);
            Assert.StartsWith(verb, ex.Operation, StringComparison.Ordinal);
            Assert.Contains("EUR", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("79228162514264337593543950335", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Amounts_at_the_edge_of_the_range_still_add()
    {
        var max = new Money(decimal.MaxValue, Currency.Eur);
        Assert.Equal(max, max + Money.Zero(Currency.Eur));
        Assert.Equal(Money.Zero(Currency.Eur), max - max);
        Assert.Equal(max, Money.Sum([max, new Money(decimal.MinValue, Currency.Eur), max], Currency.Eur));
    }
}
