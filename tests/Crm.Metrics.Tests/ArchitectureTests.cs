using System.Text.RegularExpressions;

namespace Crm.Metrics.Tests;

/// <summary>
/// The shape a new engineer relies on to find things: one type per file named after it, namespaces that follow the
/// folders, files short enough to read, folders that depend on each other in one direction only, and an engine room
/// that knows no metric family. Read from the sources of the repository the tests run in.
/// </summary>
public partial class ArchitectureTests
{
    private static readonly string Root = FindRoot();

    /// <summary>The folders of Crm.Metrics that hold the engine, which no family's rules may leak into.</summary>
    private static readonly string[] EngineRoom = ["Internal", "Storage", "Concurrency"];

    [Fact]
    public void No_source_file_is_over_500_lines()
    {
        var longer = SourceFiles("src", "tests", "samples", "benchmarks")
            .Select(f => (File: Relative(f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 500)
            .Select(f => $"{f.File} ({f.Lines} lines)")
            .ToList();

        Assert.Empty(longer);
    }

    [Theory]
    [InlineData("Crm.Domain")]
    [InlineData("Crm.Metrics")]
    [InlineData("Crm.Metrics.Orleans")]
    public void Each_package_file_holds_the_type_it_is_named_after_in_the_namespace_of_its_folder(string package)
    {
        var project = Path.Combine(Root, "src", package);
        var wrong = new List<string>();
        foreach (var file in SourceFiles(Path.Combine("src", package)))
        {
            var text = File.ReadAllText(file);
            var folder = Path.GetRelativePath(project, Path.GetDirectoryName(file)!);
            var expected = folder == "." ? package : package + "." + folder.Replace(Path.DirectorySeparatorChar, '.');
            var declared = TypeDeclaration().Matches(text).Select(m => m.Groups["name"].Value).Distinct().ToList();
            if (declared.Count == 0)
            {
                continue; // global usings
            }

            if (NamespaceDeclaration().Match(text) is not { Success: true } ns || ns.Groups["name"].Value != expected)
            {
                wrong.Add($"{Relative(file)}: namespace is not {expected}");
            }

            // Partial parts are named Type.Part.cs.
            var name = Path.GetFileNameWithoutExtension(file).Split('.')[0];
            if (declared.Count != 1 || declared[0] != name)
            {
                wrong.Add($"{Relative(file)}: declares {string.Join(", ", declared)}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void The_folders_of_the_metrics_package_depend_on_each_other_in_one_direction_only()
    {
        // The package's root (namespace Crm.Metrics) is its front door and vocabulary: every folder may use it, and it
        // composes them. Among the folders, a cycle would mean two families (or a family and the engine) that can only
        // be understood together.
        var uses = FolderDependencies();
        var cycles = new List<string>();
        foreach (var from in uses.Keys)
        {
            if (PathBack(uses, from) is { } path)
            {
                cycles.Add(string.Join(" -> ", path));
            }
        }

        Assert.Empty(cycles);
    }

    [Fact]
    public void The_engine_room_knows_no_metric_family()
    {
        var uses = FolderDependencies();
        var leaks = EngineRoom
            .SelectMany(folder => uses.GetValueOrDefault(folder, []).Where(used => !EngineRoom.Contains(used)).Select(used => $"{folder} uses {used}"))
            .ToList();

        Assert.Empty(leaks);
    }

    /// <summary>For each folder of Crm.Metrics, the other folders whose types its files name.</summary>
    private static Dictionary<string, HashSet<string>> FolderDependencies()
    {
        var project = Path.Combine(Root, "src", "Crm.Metrics");
        var files = SourceFiles(Path.Combine("src", "Crm.Metrics"))
            .Select(f => (Folder: Path.GetRelativePath(project, Path.GetDirectoryName(f)!).Split(Path.DirectorySeparatorChar)[0], Text: Code(File.ReadAllText(f))))
            .Where(f => f.Folder != ".")
            .ToList();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, text) in files)
        {
            foreach (Match m in TypeDeclaration().Matches(text))
            {
                owner.TryAdd(m.Groups["name"].Value, folder);
            }
        }

        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (folder, text) in files)
        {
            var used = uses.TryGetValue(folder, out var set) ? set : uses[folder] = [];
            foreach (Match word in Word().Matches(text))
            {
                if (owner.TryGetValue(word.Value, out var other) && other != folder)
                {
                    used.Add(other);
                }
            }
        }

        return uses;
    }

    /// <summary>A path of dependencies from <paramref name="start"/> back to itself, or null.</summary>
    private static List<string>? PathBack(Dictionary<string, HashSet<string>> uses, string start)
    {
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            foreach (var next in uses.GetValueOrDefault(at, []))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var step = at; step != start; step = cameFrom[step])
                    {
                        path.Insert(1, step);
                    }

                    path.Add(start);
                    return path;
                }

                if (cameFrom.TryAdd(next, at))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>The code of a file without comments and string literals, which may name anything.</summary>
    private static string Code(string text) => StringLiteral().Replace(LineComment().Replace(text, string.Empty), "\"\"");

    private static IEnumerable<string> SourceFiles(params string[] folders) =>
        folders
            .Select(f => Path.Combine(Root, f))
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(Root, file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Crm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: no Crm.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^(?:public|internal) (?:(?:sealed|static|readonly|abstract|partial|record|ref|unsafe) )*(?:class|struct|record|enum|interface) (?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^namespace (?<name>[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Word();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();
}
