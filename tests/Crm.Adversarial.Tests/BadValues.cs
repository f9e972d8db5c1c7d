using System.Reflection;

namespace Crm.Adversarial.Tests;

/// <summary>The bad values of a parameter, each with a short description: what no member should accept silently or crash on.</summary>
internal static class BadValues
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static IEnumerable<(string Name, object? Value)> For(ParameterInfo parameter)
    {
        var type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || (!type.IsValueType && Nullability.Create(parameter).WriteState != NullabilityState.NotNull);
        if (!type.IsValueType && !nullable)
        {
            yield return ("null", null);
        }

        var core = underlying ?? type;
        if (core == typeof(string))
        {
            yield return ("empty string", string.Empty);
            yield return ("whitespace", "   ");
        }
        else if (core == typeof(double))
        {
            yield return ("NaN", double.NaN);
            yield return ("+infinity", double.PositiveInfinity);
            yield return ("-infinity", double.NegativeInfinity);
        }
        else if (core == typeof(decimal))
        {
            yield return ("decimal.MaxValue", decimal.MaxValue);
            yield return ("decimal.MinValue", decimal.MinValue);
        }
        else if (core == typeof(int))
        {
            yield return ("int.MaxValue", int.MaxValue);
            yield return ("int.MinValue", int.MinValue);
        }
        else if (core == typeof(long))
        {
            yield return ("long.MaxValue", long.MaxValue);
            yield return ("long.MinValue", long.MinValue);
        }
        else if (core.IsEnum)
        {
            yield return ("undefined enum value", Enum.ToObject(core, 999));
        }
        else if (core == typeof(Instant))
        {
            yield return ("Instant.MinValue", Instant.MinValue);
            yield return ("Instant.MaxValue", Instant.MaxValue);
        }
        else if (core == typeof(LocalDate))
        {
            yield return ("LocalDate.MinIsoValue", LocalDate.MinIsoValue);
            yield return ("LocalDate.MaxIsoValue", LocalDate.MaxIsoValue);
        }
        else if (core == typeof(Duration))
        {
            yield return ("Duration.MinValue", Duration.MinValue);
            yield return ("Duration.MaxValue", Duration.MaxValue);
        }
        else if (core.IsValueType && core.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) == true)
        {
            yield return ("default struct", Activator.CreateInstance(core));
        }
        else if (ValidValues.ElementType(core) is { } element && ValidValues.TryGet(element, out var item))
        {
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(item);
            if (!element.IsValueType)
            {
                list.Add(null);
                yield return ("null element", core.IsArray ? ToArray(list, element) : list);
            }
            else if (element.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) == true)
            {
                list.Add(Activator.CreateInstance(element));
                yield return ("default element", core.IsArray ? ToArray(list, element) : list);
            }
        }
    }

    private static Array ToArray(System.Collections.IList list, Type element)
    {
        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }
}
