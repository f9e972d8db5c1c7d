using System.Text;

namespace Crm.Report.Cli;

/// <summary>
/// What the program does with the file system, checked before anything is read or written: every input a regular
/// file that can be read, the output a file in a folder that exists and none of the inputs, and the report written
/// whole or not at all.
/// </summary>
internal static class Files
{
    /// <summary>The option that names an input of this kind, without the dashes.</summary>
    public static string Option(InputKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Refuses an input that is missing, a directory, a device or process file, or unreadable.</summary>
    public static void CheckInputs(ReportOptions options)
    {
        foreach (var (kind, input) in options.Inputs)
        {
            if (input is null)
            {
                continue;
            }

            var option = $"--{Option(kind)}";
            if (Directory.Exists(input))
            {
                throw new ReportError($"{option} {input}: is a directory; name a CSV file");
            }

            if (!File.Exists(input))
            {
                throw new UsageException($"{option}: file not found: {input}");
            }

            CheckReadable(option, input);
        }
    }

    /// <summary>Refuses an output that is a directory, lies in a folder that does not exist, or is one of the inputs.</summary>
    public static void CheckOutput(ReportOptions options)
    {
        if (options.Out is not { } output)
        {
            return;
        }

        if (Directory.Exists(output))
        {
            throw new ReportError($"--out {output}: is a directory; name the report's file");
        }

        var full = Path.GetFullPath(output);
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            throw new ReportError($"--out {output}: the folder {folder} does not exist");
        }

        var target = Canonical(full);
        foreach (var (kind, input) in options.Inputs)
        {
            if (input is not null && string.Equals(Canonical(Path.GetFullPath(input)), target, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                throw new ReportError($"--out {output}: is also the --{Option(kind)} input; the report would replace the data it reads. Name another file");
            }
        }
    }

    /// <summary>
    /// Writes the report to a temporary file beside <paramref name="path"/>, then moves it into place: a reader never
    /// sees half a report, and on an error nothing is left behind.
    /// </summary>
    public static void WriteWhole(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, content, new UTF8Encoding(false));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportError($"--out {path}: cannot write: {(e is UnauthorizedAccessException ? "permission denied" : e.Message.ReplaceLineEndings(" "))}");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Opens the file to see that it can be read and is what its length says: a device or a process file reports
    /// length 0 and yet has bytes (/dev/zero, /proc/…), and would be read forever or fail half-way. A pipe (a shell's
    /// process substitution) cannot be probed and is read as a stream.
    /// </summary>
    private static void CheckReadable(string option, string input)
    {
        try
        {
            using var handle = File.OpenHandle(input, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (RandomAccess.GetLength(handle) == 0)
            {
                Span<byte> probe = stackalloc byte[1];
                if (RandomAccess.Read(handle, probe, 0) > 0)
                {
                    throw new ReportError($"{option} {input}: is not a regular file (a device or a process file); copy its data into a CSV file");
                }
            }
        }
        catch (NotSupportedException)
        {
            // Not seekable: a pipe, read as a stream.
        }
        catch (UnauthorizedAccessException)
        {
            throw new ReportError($"{option} {input}: cannot read: permission denied");
        }
        catch (IOException e)
        {
            throw new ReportError($"{option} {input}: cannot read: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>The path with symbolic links resolved, so that a link to an input counts as that input.</summary>
    private static string Canonical(string fullPath)
    {
        try
        {
            return new FileInfo(fullPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fullPath;
        }
        catch (IOException)
        {
            return fullPath;
        }
    }
}
