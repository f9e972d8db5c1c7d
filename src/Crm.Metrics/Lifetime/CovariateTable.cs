using System.Globalization;

namespace Crm.Metrics.Lifetime;

/// <summary>
/// Static covariates of customers for the models with covariates: the names of the covariates of the purchase process
/// and of the dropout process, and each customer's values. Build it from categories (acquisition channel, region,
/// segment) with <see cref="FromCategories"/>, which turns each column into dummies, or from any numbers with the
/// constructor (scale continuous values to about one: an effect is fitted per unit).
/// </summary>
/// <remarks>Immutable and thread-safe; the rules are checked on construction.</remarks>
public sealed class CovariateTable
{
    /// <summary>The most covariates of one process.</summary>
    public const int MaxCovariates = 100;

    private readonly Dictionary<CustomerId, CustomerCovariates> _customers;
    private readonly Dictionary<CustomerId, int> _cellOf = [];      // each customer's distinct covariate vector
    private readonly List<CustomerCovariates> _cells = [];          // the distinct vectors, in first-seen order

    /// <summary>Creates the table.</summary>
    /// <param name="purchaseNames">The names of the purchase process's covariates: distinct, not empty; at most <see cref="MaxCovariates"/>.</param>
    /// <param name="lifetimeNames">The names of the dropout process's covariates: distinct, not empty; at most <see cref="MaxCovariates"/>.</param>
    /// <param name="customers">Each customer's values: one value per name, finite; each customer once.</param>
    /// <exception cref="ArgumentException">A rule above is broken, or there is no covariate at all (the message names the rule).</exception>
    public CovariateTable(IReadOnlyList<string> purchaseNames, IReadOnlyList<string> lifetimeNames, IEnumerable<CustomerCovariates> customers)
    {
        PurchaseNames = Names(purchaseNames, nameof(purchaseNames));
        LifetimeNames = Names(lifetimeNames, nameof(lifetimeNames));
        if (PurchaseNames.Count + LifetimeNames.Count == 0)
        {
            throw new ArgumentException("A covariate table needs at least one covariate of the purchase or the dropout process.", nameof(purchaseNames));
        }

        ArgumentNullException.ThrowIfNull(customers);
        _customers = [];
        var cellIndex = new Dictionary<CustomerCovariates, int>(SameValues.Instance);
        foreach (var customer in customers)
        {
            if (customer is null)
            {
                throw new ArgumentException("A customer's covariates are null.", nameof(customers));
            }

            if (customer.CustomerId == default)
            {
                throw new ArgumentException("A customer id is the default value.", nameof(customers));
            }

            Values(customer.Purchase, PurchaseNames, customer.CustomerId, "purchase", nameof(customers));
            Values(customer.Lifetime, LifetimeNames, customer.CustomerId, "dropout", nameof(customers));
            var copy = customer with { Purchase = [.. customer.Purchase], Lifetime = [.. customer.Lifetime] };
            if (!_customers.TryAdd(customer.CustomerId, copy))
            {
                throw new ArgumentException($"Customer '{customer.CustomerId}' has covariates twice.", nameof(customers));
            }

            if (!cellIndex.TryGetValue(copy, out var cell))
            {
                cell = _cells.Count;
                cellIndex[copy] = cell;
                _cells.Add(copy);
            }

            _cellOf[customer.CustomerId] = cell;
        }
    }

    /// <summary>The distinct covariate vectors (a customer's id is the first customer's with them).</summary>
    internal IReadOnlyList<CustomerCovariates> Cells => _cells;

    /// <summary>The index in <see cref="Cells"/> of the customer's covariates, or −1 when the table has none.</summary>
    internal int CellOf(CustomerId customerId) => _cellOf.GetValueOrDefault(customerId, -1);

    /// <summary>The names of the purchase process's covariates, in the order of <see cref="CustomerCovariates.Purchase"/>.</summary>
    public IReadOnlyList<string> PurchaseNames { get; }

    /// <summary>The names of the dropout process's covariates, in the order of <see cref="CustomerCovariates.Lifetime"/>.</summary>
    public IReadOnlyList<string> LifetimeNames { get; }

    /// <summary>The customers with covariates.</summary>
    public int Customers => _customers.Count;

    /// <summary>
    /// A table of dummies from categorical columns (acquisition channel, region, segment …), the same for both processes:
    /// for each column, one covariate per category except the baseline — the most common category (ties: the first in
    /// ordinal order) — named <c>column=category</c> and 1 for the customers in that category. A column with one
    /// category has no covariate.
    /// </summary>
    /// <param name="columns">The columns' names: distinct, not empty.</param>
    /// <param name="customers">Each customer's category in every column, in the order of <paramref name="columns"/>; each customer once.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">A rule above is broken, a category is empty, no column has two categories, or more than <see cref="MaxCovariates"/> dummies result.</exception>
    public static CovariateTable FromCategories(IReadOnlyList<string> columns, IEnumerable<KeyValuePair<CustomerId, IReadOnlyList<string>>> customers)
    {
        var names = Names(columns, nameof(columns));
        ArgumentNullException.ThrowIfNull(customers);
        var rows = new List<(CustomerId Id, IReadOnlyList<string> Categories)>();
        var counts = names.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        foreach (var (id, categories) in customers)
        {
            if (categories is null || categories.Count != names.Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Customer '{id}' has {categories?.Count ?? 0} categories; there are {names.Length} columns."), nameof(customers));
            }

            for (var c = 0; c < names.Length; c++)
            {
                if (string.IsNullOrWhiteSpace(categories[c]))
                {
                    throw new ArgumentException($"Customer '{id}' has an empty category in column '{names[c]}'.", nameof(customers));
                }

                counts[c][categories[c]] = counts[c].GetValueOrDefault(categories[c]) + 1;
            }

            rows.Add((id, categories));
        }

        // Per column: the categories other than the baseline, in ordinal order, each with its covariate's index.
        var dummies = new List<string>();
        var index = new Dictionary<string, int>[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            var baseline = counts[c].OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).FirstOrDefault();
            index[c] = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var category in counts[c].Keys.Where(k => k != baseline).Order(StringComparer.Ordinal))
            {
                index[c][category] = dummies.Count;
                dummies.Add($"{names[c]}={category}");
            }
        }

        if (dummies.Count == 0)
        {
            throw new ArgumentException("No column has two categories, so there is nothing to tell customers apart by.", nameof(customers));
        }

        if (dummies.Count > MaxCovariates)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The columns have {dummies.Count} categories beyond their baselines; at most {MaxCovariates} covariates are fitted. Merge rare categories."), nameof(customers));
        }

        var covariates = rows.Select(row =>
        {
            var values = new double[dummies.Count];
            for (var c = 0; c < names.Length; c++)
            {
                if (index[c].TryGetValue(row.Categories[c], out var i))
                {
                    values[i] = 1;
                }
            }

            return new CustomerCovariates(row.Id, values, values);
        });
        return new CovariateTable(dummies, dummies, covariates);
    }

    /// <summary>The covariates of <paramref name="customerId"/>, or null when the table has none for them.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns>The covariates, or null.</returns>
    public CustomerCovariates? Find(CustomerId customerId) => _customers.GetValueOrDefault(customerId);

    /// <summary>The names and the number of customers (invariant culture).</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"CovariateTable {{ Purchase = [{string.Join(", ", PurchaseNames)}], Lifetime = [{string.Join(", ", LifetimeNames)}], Customers = {Customers} }}");

    private static string[] Names(IReadOnlyList<string> names, string parameter)
    {
        ArgumentNullException.ThrowIfNull(names, parameter);
        if (names.Count > MaxCovariates)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"At most {MaxCovariates} covariates per process; there are {names.Count}."), parameter);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A covariate's name is empty.", parameter);
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The covariate name '{name}' appears twice.", parameter);
            }
        }

        return [.. names];
    }

    private static void Values(IReadOnlyList<double> values, IReadOnlyList<string> names, CustomerId id, string process, string parameter)
    {
        if (values.Count != names.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Customer '{id}' has {values.Count} {process} covariates; the table names {names.Count}."), parameter);
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Customer '{id}' has a {process} covariate '{names[i]}' that is not a finite number.", parameter);
            }
        }
    }

    /// <summary>Covariates compared by their values alone (bit for bit), not by customer.</summary>
    private sealed class SameValues : IEqualityComparer<CustomerCovariates>
    {
        public static readonly SameValues Instance = new();

        public bool Equals(CustomerCovariates? x, CustomerCovariates? y) =>
            x is not null && y is not null && Same(x.Purchase, y.Purchase) && Same(x.Lifetime, y.Lifetime);

        public int GetHashCode(CustomerCovariates obj)
        {
            var hash = default(HashCode);
            for (var i = 0; i < obj.Purchase.Count; i++)
            {
                hash.Add(BitConverter.DoubleToInt64Bits(obj.Purchase[i]));
            }

            for (var i = 0; i < obj.Lifetime.Count; i++)
            {
                hash.Add(BitConverter.DoubleToInt64Bits(obj.Lifetime[i]));
            }

            return hash.ToHashCode();
        }

        private static bool Same(IReadOnlyList<double> x, IReadOnlyList<double> y)
        {
            if (x.Count != y.Count)
            {
                return false;
            }

            for (var i = 0; i < x.Count; i++)
            {
                if (BitConverter.DoubleToInt64Bits(x[i]) != BitConverter.DoubleToInt64Bits(y[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
