using System.Reflection;

namespace Crm.Metrics.Tests;

public class DependencyTests
{
    // The product card fixes the runtime dependencies: the packages must not grow new ones silently.
    [Theory]
    [InlineData("Crm.Domain", new[] { "NodaTime", "Ardalis.GuardClauses" })]
    [InlineData("Crm.Metrics", new[] { "Crm.Domain", "NodaTime", "Microsoft.Extensions.DependencyInjection.Abstractions" })]
    public void Packages_reference_only_the_BCL_and_their_listed_dependencies(string assemblyName, string[] allowed)
    {
        var assembly = Assembly.Load(assemblyName);
        var outside = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib")
            .Where(n => !allowed.Contains(n))
            .ToList();

        Assert.Empty(outside);
    }
}
