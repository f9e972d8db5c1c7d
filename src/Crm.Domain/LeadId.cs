using Crm.Domain.Internal;

namespace Crm.Domain;

/// <summary>Identifies a lead by the caller's own key.</summary>
/// <remarks>
/// <para>Keys are compared ordinally; a key must not be empty or white space and must not start or end
/// with white space. The default value is not a valid id (its <see cref="Value"/> is empty) and is rejected
/// wherever an id is required.</para>
/// <para>This type is an immutable value type and is thread-safe.</para>
/// </remarks>
public readonly record struct LeadId
{
    private readonly string? _value;

    /// <summary>Creates an id from the caller's key.</summary>
    /// <param name="value">The key; not empty, no leading or trailing white space.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty, white space, or padded with white space.</exception>
    public LeadId(string value) => _value = Rules.Key(value, nameof(value));

    /// <summary>The key; the empty string for the default value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Returns the key.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => Value;
}
