namespace Crm.Report.Input;

/// <summary>
/// One data row: its physical line number (of its first line, when a quoted field spans lines) and fields. A row is a
/// view of the reader's buffers: it is valid until the enumeration moves on, so a value to keep is taken as a string.
/// </summary>
internal readonly struct CsvRow(CsvHeader header, int line, CsvRecord fields)
{
    public int Line { get; } = line;

    /// <summary>The row's header.</summary>
    public CsvHeader Header => header;

    /// <summary>Copies the row's fields into <paramref name="record"/>, to be read after the enumeration moves on.</summary>
    public void CopyTo(CsvRecord record) => record.CopyFrom(fields);

    /// <summary>The value of a required column; empty is a problem.</summary>
    public string Required(string column) =>
        Optional(column) ?? throw new FieldException(column, "is empty; a value is required");

    /// <summary>The value of an optional column, or <c>null</c> when the column is absent or the field empty.</summary>
    public string? Optional(string column)
    {
        var index = header.IndexOf(column);
        return index < 0 || index >= fields.Count || fields[index].IsEmpty ? null : fields.ToString(index);
    }

    /// <summary>The value of a required column, read in place (no string made); empty is a problem.</summary>
    public ReadOnlySpan<char> RequiredSpan(string column)
    {
        var value = OptionalSpan(column);
        return value.IsEmpty ? throw new FieldException(column, "is empty; a value is required") : value;
    }

    /// <summary>The value of an optional column, read in place; empty when the column is absent or the field empty.</summary>
    public ReadOnlySpan<char> OptionalSpan(string column)
    {
        var index = header.IndexOf(column);
        return index < 0 || index >= fields.Count ? default : fields[index];
    }
}

/// <summary>The header row: column names (trimmed, case-insensitive) to positions.</summary>
internal sealed class CsvHeader(Dictionary<string, int> columns, int width)
{
    // The readers ask for the same few column-name literals on every row: those are matched by reference first.
    private readonly (string Name, int Index)[] _asked = new (string, int)[8];
    private int _askedCount;

    public int Width { get; } = width;

    /// <summary>A header of the same columns with a cache of its own, for another thread (the columns are only read).</summary>
    public CsvHeader Copy() => new(columns, Width);

    public int IndexOf(string column)
    {
        for (var k = 0; k < _askedCount; k++)
        {
            if (ReferenceEquals(_asked[k].Name, column))
            {
                return _asked[k].Index;
            }
        }

        var index = columns.TryGetValue(column, out var i) ? i : -1;
        if (_askedCount < _asked.Length)
        {
            _asked[_askedCount++] = (column, index);
        }

        return index;
    }
}

/// <summary>
/// Reads CSV as RFC 4180 describes it: a header row, comma-separated fields, optional double quotes (a quote inside
/// doubled), quoted fields may hold commas and line breaks; LF or CRLF line endings; a UTF-8 byte order mark is
/// skipped. Unquoted fields are trimmed; blank lines are skipped. Columns are found by name, in any order; extra
/// columns are ignored. Every problem is reported with the physical line it is on, and the row skipped. A row is read
/// in place into one reused <see cref="CsvRecord"/>: no string is made for a line or a field unless it is asked for.
/// </summary>
internal static class CsvFile
{
    public static IEnumerable<CsvRow> Read(TextReader reader, string file, InputProblems problems, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        using var records = Records(reader).GetEnumerator();
        var line = 0;
        string[]? headerFields = null;
        while (headerFields is null)
        {
            if (!records.MoveNext())
            {
                problems.Add(file, Math.Max(line, 1), required[0], $"the file is empty; expected a header row: {string.Join(',', required.Concat(optional))}");
                yield break;
            }

            (var start, line, var record, var error) = records.Current;
            if (error is not null)
            {
                problems.Add(file, start, "(header)", error);
                yield break;
            }

            if (IsBlank(record))
            {
                continue;
            }

            headerFields = record.ToArray();
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var headerLine = line;
        for (var i = 0; i < headerFields.Length; i++)
        {
            var name = headerFields[i].Trim();
            if (name.Length > 0 && !columns.TryAdd(name, i))
            {
                problems.Add(file, headerLine, name, "appears twice in the header");
                yield break;
            }
        }

        var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
        foreach (var column in missing)
        {
            problems.Add(file, headerLine, column, $"required column is missing ({HeaderDescription(headerFields, required, optional)})");
        }

        if (missing.Count > 0)
        {
            yield break;
        }

        var header = new CsvHeader(columns, headerFields.Length);
        while (true)
        {
            if (!records.MoveNext())
            {
                yield break;
            }

            var (start, _, record, error) = records.Current;
            if (error is not null)
            {
                problems.Add(file, start, "(row)", error);
                continue;
            }

            if (IsBlank(record))
            {
                continue;
            }

            var count = record.Count;
            if (count != header.Width)
            {
                var column = count < header.Width
                    ? headerFields[count].Trim()
                    : $"#{header.Width + 1}";
                problems.Add(file, start, column, count < header.Width
                    ? $"missing: the row has {count} {(count == 1 ? "field" : "fields")}, the header {header.Width}"
                    : $"the row has {count} fields, the header {header.Width} (a value with a comma needs double quotes)");
                continue;
            }

            yield return new CsvRow(header, start, record);
        }
    }

    /// <summary>
    /// The records of a text in order, each with its first and last physical line and either its fields or why it
    /// cannot be read. The fields are one <see cref="CsvRecord"/>, read again for each record.
    /// </summary>
    public static IEnumerable<(int Start, int End, CsvRecord Record, string? Error)> Records(TextReader reader, int buffer = CsvLines.DefaultBuffer)
    {
        var lines = new CsvLines(reader, buffer);
        var record = new CsvRecord();
        var line = 0;
        while (NextRecord(lines, record, ref line, out var start, out var error))
        {
            yield return (start, line, record, error);
        }
    }

    /// <summary>A blank line (or a lone empty quoted field), which is skipped.</summary>
    private static bool IsBlank(CsvRecord record) => record.Count == 1 && record[0].IsEmpty;

    /// <summary>
    /// Reads the next record into <paramref name="record"/>; false at the end. <paramref name="start"/> is its first
    /// physical line; <paramref name="error"/> says why a malformed record cannot be read (its fields are then unusable).
    /// </summary>
    private static bool NextRecord(CsvLines lines, CsvRecord record, ref int line, out int start, out string? error)
    {
        error = null;
        start = line + 1;
        record.Clear();
        if (!lines.TryRead(out var text))
        {
            return false;
        }

        line++;
        if (line == 1 && text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var i = 0;
        while (true)
        {
            // At the start of a field.
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < text.Length && text[i] == '"')
            {
                i++;
                record.Begin();
                while (true)
                {
                    if (i >= text.Length)
                    {
                        if (!lines.TryRead(out text))
                        {
                            error = "a quoted field is not closed before the end of the file";
                            return true;
                        }

                        line++;
                        record.Append('\n');
                        i = 0;
                        continue;
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            record.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    // Up to the next quote (or the line's end) at once.
                    var run = text[i..].IndexOf('"');
                    var end = run < 0 ? text.Length : i + run;
                    record.Append(text[i..end]);
                    i = end;
                }

                while (i < text.Length && text[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < text.Length && text[i] != ',')
                {
                    error = $"unexpected text after a closing quote in field {record.Count + 1}";
                    return true;
                }

                record.End();
            }
            else
            {
                var comma = text[i..].IndexOf(',');
                var end = comma < 0 ? text.Length : i + comma;
                record.Add(text[i..end].Trim());
                i = end;
            }

            if (i >= text.Length)
            {
                return true;
            }

            i++; // the comma
            if (i >= text.Length)
            {
                record.Add([]);
                return true;
            }
        }
    }

    /// <summary>
    /// What the first row holds, for a missing column: its names when they look like column names; otherwise (a file
    /// without a header, whose first row is data — names, e-mail addresses, phone numbers) only how many fields it has,
    /// so that no personal data reaches the error output, and the header the file needs.
    /// </summary>
    private static string HeaderDescription(string[] fields, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        static bool LooksLikeName(string field) =>
            field.Trim() is { Length: > 0 and <= 40 } name && char.IsLetter(name[0]) && name.All(c => char.IsLetterOrDigit(c) || c is '_' or ' ' or '-');

        return fields.All(LooksLikeName)
            ? $"the header has: {string.Join(',', fields)}"
            : $"the first row, {fields.Length} {(fields.Length == 1 ? "field" : "fields")}, is not a header of column names; the file starts with the header row: {string.Join(',', required.Concat(optional))}";
    }
}
