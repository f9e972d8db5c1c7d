using System.Text;
using Crm.Report.Input;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Report.Tests;

/// <summary>
/// The CSV reader reads each row in place from one buffer: it must split lines as <see cref="TextReader.ReadLine"/>
/// does and give the rows, fields, lines and problems of a reader that makes a string of every line and field (the
/// reader as it was, kept below as the reference), whatever the buffer's size and however the text arrives.
/// </summary>
public class CsvReaderProperties
{
    // Pieces that make CSV's hard cases likely: quotes, doubled quotes, commas, blanks, and every line end.
    private static readonly string[] Pieces = ["a", "bc", "1.5", " ", "\t", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", "x y", "\uFEFF"];

    /// <summary>A text of pieces, a first buffer size (1 to 40 characters) and the sizes the text arrives in.</summary>
    public static Arbitrary<(string Text, int Buffer, int[] Reads)> Texts() =>
        (from pieces in Gen.Elements(Pieces).ListOf()
         from header in Gen.Elements("", "a,b,c\n", "\uFEFFa, b ,c\r\n", "a,b\n", "a,a\n")
         from buffer in Gen.Choose(1, 40)
         from reads in Gen.Choose(1, 7).ArrayOf()
         select (header + string.Concat(pieces), buffer, reads)).ToArbitrary();

    [Property(Arbitrary = new[] { typeof(CsvReaderProperties) }, MaxTest = 500)]
    public void Lines_are_split_as_ReadLine_splits_them((string Text, int Buffer, int[] Reads) input)
    {
        var expected = new List<string>();
        using (var reader = new StringReader(input.Text))
        {
            while (reader.ReadLine() is { } line)
            {
                expected.Add(line);
            }
        }

        var actual = new List<string>();
        var lines = new CsvLines(new Trickle(input.Text, input.Reads), input.Buffer);
        while (lines.TryRead(out var line))
        {
            actual.Add(line.ToString());
        }

        Assert.Equal(expected, actual);
    }

    [Property(Arbitrary = new[] { typeof(CsvReaderProperties) }, MaxTest = 500)]
    public void Rows_fields_lines_and_problems_are_those_of_a_line_by_line_reader((string Text, int Buffer, int[] Reads) input)
    {
        string[] required = ["a"];
        string[] optional = ["b", "c"];
        var expectedProblems = new InputProblems();
        var expected = LineByLineCsv.Read(new StringReader(input.Text), "t.csv", expectedProblems, required, optional)
            .Select(row => Describe(row.Line, row.Fields))
            .ToList();

        var problems = new InputProblems();
        var actual = CsvFile.Read(new Trickle(input.Text, input.Reads), "t.csv", problems, required, optional, input.Buffer)
            .Select(row => Describe(row.Line, [row.Optional("a") ?? "", row.Optional("b") ?? "", row.Optional("c") ?? ""]))
            .ToList();

        Assert.Equal(expected, actual);
        Assert.Equal(expectedProblems.Count, problems.Count);
        Assert.Equal(expectedProblems.First, problems.First);
    }

    [Fact]
    public void A_row_read_in_place_gives_its_fields_as_spans_and_strings()
    {
        var rows = CsvFile.Read(new StringReader("id,amount,note\n C1 , 12.50 ,\"a, \"\"b\"\"\"\n"), "t.csv", new InputProblems(), ["id", "amount"], ["note", "cost"])
            .Select(row => (row.Line, Id: row.RequiredSpan("id").ToString(), Amount: row.Required("amount"), Note: row.OptionalSpan("note").ToString(), Cost: row.OptionalSpan("cost").IsEmpty))
            .ToList();

        Assert.Equal([(2, "C1", "12.50", "a, \"b\"", true)], rows);
    }

    private static string Describe(int line, string[] fields) =>
        $"{line}: {string.Join("|", fields.Select(f => f.Replace("\n", "\\n", StringComparison.Ordinal)))}";

    /// <summary>A text that arrives a few characters at a time, as a stream's reads may.</summary>
    private sealed class Trickle(string text, int[] sizes) : TextReader
    {
        private int _at;
        private int _read;

        public override int Read(char[] buffer, int index, int count)
        {
            var size = Math.Min(Math.Min(count, text.Length - _at), sizes.Length == 0 ? count : sizes[_read++ % sizes.Length]);
            text.CopyTo(_at, buffer, index, size);
            _at += size;
            return size;
        }
    }
}

/// <summary>The CSV reader as it was before rows were read in place, a string per line and per field: the reference. Rows come as their fields a, b and c.</summary>
internal static class LineByLineCsv
{
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader, string file, InputProblems problems, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        var line = 0;
        string[]? headerFields = null;
        while (headerFields is null)
        {
            var record = NextRecord(reader, ref line, out var start, out var error);
            if (record is null)
            {
                problems.Add(file, Math.Max(line, 1), required[0], $"the file is empty; expected a header row: {string.Join(',', required.Concat(optional))}");
                yield break;
            }

            if (error is not null)
            {
                problems.Add(file, start, "(header)", error);
                yield break;
            }

            if (record is [""])
            {
                continue;
            }

            headerFields = record;
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

        var header = (Width: headerFields.Length, 0);
        while (true)
        {
            var fields = NextRecord(reader, ref line, out var start, out var error);
            if (fields is null)
            {
                yield break;
            }

            if (error is not null)
            {
                problems.Add(file, start, "(row)", error);
                continue;
            }

            if (fields is [""])
            {
                continue;
            }

            if (fields.Length != header.Width)
            {
                var column = fields.Length < header.Width
                    ? headerFields[fields.Length].Trim()
                    : $"#{header.Width + 1}";
                problems.Add(file, start, column, fields.Length < header.Width
                    ? $"missing: the row has {fields.Length} {(fields.Length == 1 ? "field" : "fields")}, the header {header.Width}"
                    : $"the row has {fields.Length} fields, the header {header.Width} (a value with a comma needs double quotes)");
                continue;
            }

            yield return (start, [.. new[] { "a", "b", "c" }.Select(name => columns.TryGetValue(name, out var i) && i < fields.Length ? fields[i] : "")]);
        }
    }

    /// <summary>The next record's fields, or <c>null</c> at the end; <paramref name="start"/> is its first physical line.</summary>
    private static string[]? NextRecord(TextReader reader, ref int line, out int start, out string? error)
    {
        error = null;
        start = line + 1;
        var text = reader.ReadLine();
        if (text is null)
        {
            return null;
        }

        line++;
        if (line == 1 && text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var fields = new List<string>(8);
        StringBuilder? field = null;
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
                field ??= new StringBuilder();
                field.Clear();
                while (true)
                {
                    if (i >= text.Length)
                    {
                        var next = reader.ReadLine();
                        if (next is null)
                        {
                            error = "a quoted field is not closed before the end of the file";
                            return [];
                        }

                        line++;
                        field.Append('\n');
                        text = next;
                        i = 0;
                        continue;
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                while (i < text.Length && text[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < text.Length && text[i] != ',')
                {
                    error = $"unexpected text after a closing quote in field {fields.Count + 1}";
                    return [];
                }

                fields.Add(field.ToString());
            }
            else
            {
                var comma = text.IndexOf(',', i);
                var end = comma < 0 ? text.Length : comma;
                fields.Add(text.AsSpan(i, end - i).Trim().ToString());
                i = end;
            }

            if (i >= text.Length)
            {
                return [.. fields];
            }

            i++; // the comma
            if (i >= text.Length)
            {
                fields.Add(string.Empty);
                return [.. fields];
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
