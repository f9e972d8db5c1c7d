using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Crm.Metrics.Tests;

/// <summary>
/// Renders every public property of a result, recursively, to one canonical string: two results are equal when
/// their snapshots are. Decimals are normalised (1.50 = 1.5) and doubles printed round-trip, so "equal" is exact.
/// </summary>
public static class Snapshot
{
    public static string Of(object? value)
    {
        var builder = new System.Text.StringBuilder();
        Write(builder, value, "", 0);
        return builder.ToString();
    }

    private static void Write(System.Text.StringBuilder builder, object? value, string path, int depth)
    {
        switch (value)
        {
            case null:
                builder.Append(path).Append("=null\n");
                return;
            case decimal d:
                builder.Append(path).Append('=').Append((d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)).Append('\n');
                return;
            case double x:
                builder.Append(path).Append('=').Append(x.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                return;
            case string or bool or int or long or Enum or Instant or LocalDate or YearMonth or Duration or Currency or CustomerId or DateTimeZone or DateInterval or ReportingPeriod:
                builder.Append(path).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
                return;
        }

        if (depth > 8)
        {
            throw new InvalidOperationException($"Snapshot too deep at {path}.");
        }

        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                Write(builder, item, $"{path}[{i++}]", depth + 1);
            }

            builder.Append(path).Append(".count=").Append(i).Append('\n');
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                Write(builder, property.GetValue(value), $"{path}.{property.Name}", depth + 1);
            }
        }
    }
}
