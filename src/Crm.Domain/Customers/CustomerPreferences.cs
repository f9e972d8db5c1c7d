using Crm.Domain.Internal;

namespace Crm.Domain.Customers;

/// <summary>What a customer prefers (消费偏好): product categories and the contact channel they like.</summary>
/// <remarks>Immutable; equality by value (categories compared in order, ordinally).</remarks>
public sealed class CustomerPreferences : IEquatable<CustomerPreferences>
{
    private readonly string[] _productCategories;

    /// <summary>Creates preferences.</summary>
    /// <param name="productCategories">Preferred product categories, distinct (ordinal), none empty.</param>
    /// <param name="preferredChannel">The preferred contact channel, or <c>null</c> when none is stated.</param>
    /// <exception cref="ArgumentNullException"><paramref name="productCategories"/> is null.</exception>
    /// <exception cref="ArgumentException">A category is empty, padded or repeated; or the channel is undefined.</exception>
    public CustomerPreferences(IEnumerable<string> productCategories, ContactPointKind? preferredChannel = null)
    {
        ArgumentNullException.ThrowIfNull(productCategories);
        var categories = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in productCategories)
        {
            var valid = Rules.Key(category, nameof(productCategories));
            if (!seen.Add(valid))
            {
                throw new ArgumentException($"The product category \"{valid}\" is listed twice.", nameof(productCategories));
            }

            categories.Add(valid);
        }

        _productCategories = [.. categories];
        ProductCategories = Array.AsReadOnly(_productCategories);
        PreferredChannel = preferredChannel is { } c ? Rules.Defined(c, nameof(preferredChannel)) : null;
    }

    /// <summary>No stated preferences.</summary>
    public static CustomerPreferences None { get; } = new([]);

    /// <summary>Preferred product categories, in the order given.</summary>
    public IReadOnlyList<string> ProductCategories { get; }

    /// <summary>The preferred contact channel, or <c>null</c>.</summary>
    public ContactPointKind? PreferredChannel { get; }

    /// <summary>Whether any preference is stated.</summary>
    public bool IsEmpty => _productCategories.Length == 0 && PreferredChannel is null;

    /// <inheritdoc />
    public bool Equals(CustomerPreferences? other) =>
        other is not null
        && PreferredChannel == other.PreferredChannel
        && _productCategories.AsSpan().SequenceEqual(other._productCategories);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CustomerPreferences);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(PreferredChannel);
        foreach (var category in _productCategories)
        {
            hash.Add(category, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Describes the preferences by counts.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        $"CustomerPreferences ({_productCategories.Length} categories, channel: {PreferredChannel?.ToString() ?? "none"})";
}
