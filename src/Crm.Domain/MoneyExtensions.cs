namespace Crm.Domain;

/// <summary>LINQ-style helpers over amounts of money.</summary>
public static class MoneyExtensions
{
    /// <summary>
    /// Sums amounts that must all be in <paramref name="currency"/>; an empty sequence sums to zero in it.
    /// The currency is explicit because the sum of nothing has no currency of its own.
    /// </summary>
    /// <param name="values">The amounts.</param>
    /// <param name="currency">The currency of the result, and of every amount.</param>
    /// <returns>The sum in <paramref name="currency"/>.</returns>
    /// <exception cref="CurrencyMismatchException">An amount is in another currency.</exception>
    /// <exception cref="AmountOverflowException">The sum is outside the range of <see cref="decimal"/>.</exception>
    public static Money Sum(this IEnumerable<Money> values, Currency currency) => Money.Sum(values, currency);
}
