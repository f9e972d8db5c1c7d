// Checks the packages produced by `dotnet pack`: both .nupkg and .snupkg exist for the version, and each
// .nupkg (Crm.Domain, Crm.Metrics, Crm.Metrics.Orleans) holds its README, the XML docs for both target frameworks, a license file and a license expression.
// Usage: dotnet run --file .ci/check-packages.cs -- <folder> <version>
using System.IO.Compression;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: check-packages <folder> <version>");
    return 2;
}

var folder = args[0];
var version = args[1];
var problems = new List<string>();
foreach (var id in new[] { "Crm.Domain", "Crm.Metrics", "Crm.Metrics.Orleans" })
{
    var nupkg = Path.Combine(folder, $"{id}.{version}.nupkg");
    var snupkg = Path.Combine(folder, $"{id}.{version}.snupkg");
    if (!File.Exists(snupkg))
    {
        problems.Add($"{snupkg}: missing");
    }

    if (!File.Exists(nupkg))
    {
        problems.Add($"{nupkg}: missing");
        continue;
    }

    using var zip = ZipFile.OpenRead(nupkg);
    var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
    string[] required =
    [
        "README.md",
        "LICENSE",
        $"lib/net8.0/{id}.dll",
        $"lib/net8.0/{id}.xml",
        $"lib/net10.0/{id}.dll",
        $"lib/net10.0/{id}.xml",
    ];
    foreach (var entry in required.Where(e => !entries.Contains(e)))
    {
        problems.Add($"{nupkg}: no {entry}");
    }

    var nuspecEntry = zip.GetEntry($"{id}.nuspec");
    if (nuspecEntry is null)
    {
        problems.Add($"{nupkg}: no nuspec");
        continue;
    }

    using var reader = new StreamReader(nuspecEntry.Open());
    var nuspec = reader.ReadToEnd();
    foreach (var needle in new[] { "<license type=\"expression\">MIT</license>", "<readme>README.md</readme>", "<repository " })
    {
        if (!nuspec.Contains(needle, StringComparison.Ordinal))
        {
            problems.Add($"{nupkg}: nuspec lacks {needle}");
        }
    }

    // The core packages stay free of Orleans; only the optional package depends on it.
    if (id != "Crm.Metrics.Orleans" && nuspec.Contains("Orleans", StringComparison.Ordinal))
    {
        problems.Add($"{nupkg}: a core package depends on Orleans");
    }

    // The cluster package reads Crm.Metrics' internal state rows: it must depend on exactly the version it was built with.
    if (id == "Crm.Metrics.Orleans" && !nuspec.Contains($"<dependency id=\"Crm.Metrics\" version=\"[{version}]\"", StringComparison.Ordinal))
    {
        problems.Add($"{nupkg}: Crm.Metrics.Orleans does not pin Crm.Metrics to exactly [{version}]");
    }

    Console.WriteLine($"checked {Path.GetFileName(nupkg)}: {entries.Count} entries");
}

foreach (var problem in problems)
{
    Console.Error.WriteLine(problem);
}

return problems.Count == 0 ? 0 : 1;
