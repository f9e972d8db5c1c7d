using System.Collections;
using System.Globalization;
using System.Reflection;
using Xunit.Abstractions;

namespace Crm.Adversarial.Tests;

/// <summary>
/// Every public constructor and method of both packages, found by reflection, called with one bad argument at a time
/// (null, NaN, ±∞, extreme numbers, default structs, undefined enum values, null elements, empty strings, calendar
/// extremes) and valid values for the others. The contract: the call succeeds without a NaN or ∞ in its result, or it
/// throws an <see cref="ArgumentException"/> whose <c>ParamName</c> is one of the member's parameters (with the same
/// message in every culture), or a documented <see cref="DomainException"/> — never a NullReferenceException, an
/// IndexOutOfRangeException, a raw OverflowException, an InvalidCastException or any other exception, and never a hang.
/// Members the sweep cannot call are listed in Excluded.txt, each with its reason.
/// </summary>
public sealed class SweepTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly CultureInfo German = new("de-DE");
    private static readonly NullabilityInfoContext Nullability = new();
    private static readonly string[] Skipped = ["Equals", "GetHashCode", "ToString", "Deconstruct", "<Clone>$", "PrintMembers", "GetType", "op_Equality", "op_Inequality"];

    public static IEnumerable<MethodBase> Members() =>
        new[] { typeof(Money).Assembly, typeof(Crm.Metrics.ICrmMetrics).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => !t.IsSubclassOf(typeof(Delegate)) && !typeof(Exception).IsAssignableFrom(t) && !t.IsInterface)
            .SelectMany(t => t.GetConstructors().Cast<MethodBase>()
                .Concat(t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Where(m => (!m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)) && !Skipped.Contains(m.Name))))
            .Where(m => m.GetParameters().Length > 0)
            .OrderBy(Name, StringComparer.Ordinal);

    public static string Name(MethodBase member) =>
        $"{member.DeclaringType!.FullName}.{(member.IsConstructor ? "ctor" : member.Name)}({string.Join(", ", member.GetParameters().Select(p => p.ParameterType.Name))})";

    [Fact]
    public void Every_public_member_meets_the_contract_with_one_bad_argument_at_a_time()
    {
        var excluded = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Excluded.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(" -- ", 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : string.Empty, StringComparer.Ordinal);
        var failures = new List<string>();
        var unexplained = new List<string>();
        var covered = 0;
        var inputs = 0;
        foreach (var member in Members())
        {
            var name = Name(member);
            if (excluded.ContainsKey(name))
            {
                continue;
            }

            var why = WhyNotCallable(member, out var target, out var valid);
            if (why is not null)
            {
                unexplained.Add($"{name} -- {why}");
                continue;
            }

            covered++;
            var parameters = member.GetParameters();
            for (var i = 0; i < parameters.Length; i++)
            {
                foreach (var (badName, bad) in BadValues.For(parameters[i]))
                {
                    inputs++;
                    var arguments = (object?[])valid.Clone();
                    arguments[i] = bad;
                    if (Check(member, target, arguments, parameters) is { } problem)
                    {
                        failures.Add($"{name}, {parameters[i].Name} = {badName}: {problem}");
                    }
                }
            }
        }

        output.WriteLine($"{covered} members covered with {inputs} bad inputs; {excluded.Count} excluded in Excluded.txt.");
        foreach (var line in unexplained.Concat(failures))
        {
            output.WriteLine(line);
        }

        Assert.True(unexplained.Count == 0, $"{unexplained.Count} members can be neither called nor are listed in Excluded.txt:\n{string.Join('\n', unexplained)}");
        Assert.True(failures.Count == 0, $"{failures.Count} calls broke the contract:\n{string.Join('\n', failures)}");
        Assert.True(covered >= 200, $"only {covered} members covered");
    }

    [Fact]
    public void Every_excluded_member_still_exists_and_has_a_reason()
    {
        var names = Members().Select(Name).ToHashSet(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Excluded.txt")).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(" -- ", 2);
            Assert.True(parts.Length == 2 && parts[1].Trim().Length > 0, $"no reason: {line}");
            Assert.True(names.Contains(parts[0].Trim()), $"no such member: {parts[0]}");
        }
    }

    /// <summary>Why the member cannot be called with valid arguments (null when it can), with the instance and the arguments.</summary>
    private static string? WhyNotCallable(MethodBase member, out object? target, out object?[] valid)
    {
        target = null;
        var parameters = member.GetParameters();
        valid = new object?[parameters.Length];
        if (member.ContainsGenericParameters)
        {
            return "generic method";
        }

        if (parameters.Any(p => p.ParameterType.IsByRefLike || (p.ParameterType.IsByRef && p.ParameterType.GetElementType()!.IsByRefLike) || p.IsOut))
        {
            return "takes a span or an out parameter, which reflection cannot pass";
        }

        if (!member.IsStatic && !member.IsConstructor && !ValidValues.TryGet(member.DeclaringType!, out target))
        {
            return "no valid instance of its type in ValidValues";
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (!ValidValues.TryGet(member, parameters[i], out valid[i]))
            {
                return $"no valid value of {parameters[i].ParameterType.Name} in ValidValues";
            }
        }

        var (error, _) = Invoke(member, target, (object?[])valid.Clone());
        return error is null ? null : $"fails with valid arguments: {error.GetType().Name}: {error.Message.Split('\n')[0]}";
    }

    private static string? Check(MethodBase member, object? target, object?[] arguments, ParameterInfo[] parameters)
    {
        var (error, result) = Invoke(member, target, (object?[])arguments.Clone());
        switch (error)
        {
            case null:
                return NonFinite(result);
            case TimeoutException:
                return "no answer within 5 s";
            case ArgumentException argument:
                if (!parameters.Any(p => p.Name == argument.ParamName))
                {
                    return $"{argument.GetType().Name} names '{argument.ParamName}', not a parameter of the member: {argument.Message.Split('\n')[0]}";
                }

                var (again, _) = Invoke(member, target, (object?[])arguments.Clone(), German);
                return again?.Message == argument.Message ? null : $"the message differs in de-DE: \"{argument.Message}\" vs \"{again?.Message}\"";
            case DomainException:
                return null;
            default:
                return $"{error.GetType().Name}: {error.Message.Split('\n')[0]}";
        }
    }

    private static (Exception? Error, object? Result) Invoke(MethodBase member, object? target, object?[] arguments, CultureInfo? culture = null)
    {
        var task = Task.Run(() =>
        {
            var saved = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = culture ?? CultureInfo.InvariantCulture;
            try
            {
                var result = member is ConstructorInfo constructor ? constructor.Invoke(arguments) : member.Invoke(target, arguments);
                return Settle(result);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                return (Exception?)e.InnerException;
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        });
        if (!task.Wait(Timeout))
        {
            return (new TimeoutException(), null);
        }

        return task.Result is Exception exception ? (exception, null) : (null, task.Result);
    }

    /// <summary>Awaits tasks and enumerates lazy sequences, so that their errors surface; returns the value or the error.</summary>
    private static object? Settle(object? result)
    {
        try
        {
            switch (result)
            {
                case Task task:
                    task.GetAwaiter().GetResult();
                    return task.GetType().GetProperty("Result")?.GetValue(task);
                case not null when result.GetType().Name.StartsWith("ValueTask", StringComparison.Ordinal):
                    var asTask = (Task)result.GetType().GetMethod("AsTask")!.Invoke(result, null)!;
                    return Settle(asTask);
                case IEnumerable sequence and not string and not ICollection:
                    return sequence.Cast<object?>().Take(100).ToList();
                default:
                    return result;
            }
        }
        catch (Exception e)
        {
            return e is AggregateException { InnerException: { } inner } ? inner : e;
        }
    }

    /// <summary>A NaN or ∞ in a returned number, or in the public numeric properties of a returned object.</summary>
    private static string? NonFinite(object? result)
    {
        if (result is double d && !double.IsFinite(d))
        {
            return $"returned {d}";
        }

        if (result is null || result.GetType().Namespace?.StartsWith("Crm.", StringComparison.Ordinal) != true)
        {
            return null;
        }

        foreach (var property in result.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            object? value;
            try
            {
                value = property.GetValue(result);
            }
            catch (TargetInvocationException)
            {
                continue;
            }

            if (value is double v && !double.IsFinite(v))
            {
                return $"returned {property.Name} = {v}";
            }

            if (value is null && !property.PropertyType.IsValueType && Nullability.Create(property).ReadState == NullabilityState.NotNull)
            {
                return $"returned {property.Name} = null, which its type says is never null";
            }

            if (value is Enum e && !Enum.IsDefined(e.GetType(), e) && e.GetType().GetCustomAttribute<FlagsAttribute>() is null)
            {
                return $"returned {property.Name} = {e}, not a defined value";
            }
        }

        return null;
    }
}
