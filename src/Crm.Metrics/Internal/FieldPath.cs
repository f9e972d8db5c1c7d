using System.Globalization;

namespace Crm.Metrics.Internal;

/// <summary>
/// The JSON path of a state's field — <c>purchases.customers[3].periodSalesAmount</c> — kept as its parts and formatted
/// only when a check fails: a merge checks every field of every row, and most states pass.
/// </summary>
internal readonly struct FieldPath
{
    private readonly string _prefix;
    private readonly int _index;
    private readonly string? _field;

    /// <summary>A path of its parts: <c>prefix</c>, <c>prefix[index]</c> or <c>prefix[index].field</c> (no index when negative).</summary>
    public FieldPath(string prefix, int index = -1, string? field = null)
    {
        _prefix = prefix;
        _index = index;
        _field = field;
    }

    /// <summary>A whole path.</summary>
    public static implicit operator FieldPath(string path) => new(path);

    /// <summary>The path as text.</summary>
    /// <returns>The path.</returns>
    public override string ToString() =>
        _index < 0 ? _prefix
        : _field is null ? string.Create(CultureInfo.InvariantCulture, $"{_prefix}[{_index}]")
        : string.Create(CultureInfo.InvariantCulture, $"{_prefix}[{_index}].{_field}");
}
