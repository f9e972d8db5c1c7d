namespace Crm.Metrics.Storage;

/// <summary>
/// How much room a per-customer analysis makes at the start, as a hint: customers and purchases, each 0 when
/// unknown. Tables made that large do not double (and leave outgrown copies behind) as records arrive; a wrong hint
/// changes memory use only.
/// </summary>
/// <param name="Customers">About how many distinct customers; 0 when unknown.</param>
/// <param name="Purchases">About how many purchases; 0 when unknown.</param>
internal readonly record struct Capacity(int Customers, int Purchases)
{
    /// <summary>
    /// The most customers there can be (the purchases, when the caller knows how many each table will receive), or 0:
    /// tables that are written before they are read (the customers' states and keys, in number order) are made that
    /// large at the start without writing their pages, so that they never double, and the system maps only the pages
    /// the customers who arrive fill. Hash tables still start from <see cref="Customers"/>: their writes land all over
    /// them.
    /// </summary>
    public int MostCustomers { get; init; }

    /// <summary>The most customers room is made for up front (4,194,304); beyond, tables grow as needed.</summary>
    public const int MaxCustomers = 1 << 22;

    /// <summary>The most purchases room is made for up front (4,194,304); beyond, logs grow as needed.</summary>
    public const int MaxPurchases = 1 << 22;

    /// <summary>
    /// The room for <paramref name="purchases"/> counted purchases whose customers are not known: a customer for every
    /// <paramref name="purchasesPerCustomer"/> of them.
    /// </summary>
    public static Capacity ForPurchases(int purchases, int purchasesPerCustomer) => new(purchases / purchasesPerCustomer, purchases);
}
