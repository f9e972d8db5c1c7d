using System.Reflection;

namespace Crm.Metrics.Orleans.Tests;

public class DependencyTests
{
    // The optional package adds Orleans and nothing else; the core packages stay free of it (their own tests).
    [Fact]
    public void The_Orleans_package_references_only_the_core_packages_Orleans_and_the_DI_abstractions()
    {
        var outside = typeof(ICrmClusterMetrics).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard")
            .Where(n => n is not ("Crm.Domain" or "Crm.Metrics" or "NodaTime" or "Microsoft.Extensions.DependencyInjection.Abstractions") && !n.StartsWith("Orleans", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(outside);
    }
}
