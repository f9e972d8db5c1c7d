using System.Text;
using Crm.Report.Input;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Report.Tests;

/// <summary>
/// The CSV reader reads each record in place from one buffer: it must split lines as <see cref="TextReader.ReadLine"/>
/// does and give the records, lines, fields and problems of a reader that makes a string of every line and field (the
/// reader as it was, kept below as the reference), whatever the buffer's size and however the text arrives.
/// </summary>
public class CsvReaderProperties
{
    // Pieces that make CSV's hard cases likely: quotes, doubled quotes, commas, blanks, and every line end.
    private static readonly string[] Pieces = ["a", "bc", "1.5", " ", "\t", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", "x y", "\uFEFF"];

    /// <summary>
    /// A first line (a byte order mark is skipped there only), then a text of pieces; a first buffer size (1 to 40
    /// characters) and the sizes the text arrives in.
    /// </summary>
    public static Arbitrary<(string Text, int Buffer, int[] Reads)> Texts() =>
        (from pieces in Gen.Elements(Pieces).ListOf()
         from first in Gen.Elements("", "a,b,c\n", "\uFEFFa, b ,c\r\n", "\uFEFF\"q\",x\n", "\uFEFF\n")
         from buffer in Gen.Choose(1, 40)
         from reads in Gen.Choose(1, 7).ArrayOf()
         select (first + string.Concat(pieces), buffer, reads)).ToArbitrary();

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
    public void Records_their_lines_fields_and_problems_are_those_of_a_line_by_line_reader((string Text, int Buffer, int[] Reads) input)
    {
        var expected = LineByLineCsv.Records(new StringReader(input.Text))
            .Select(r => Describe(r.Start, r.End, r.Error, r.Fields))
            .ToList();

        var actual = CsvFile.Records(new Trickle(input.Text, input.Reads), input.Buffer)
            .Select(r => Describe(r.Start, r.End, r.Error, r.Error is null ? r.Record.ToArray() : []))
            .ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_row_read_in_place_gives_its_fields_as_spans_and_strings()
    {
        var rows = CsvFile.Read(new StringReader("id,amount,note\n C1 , 12.50 ,\"a, \"\"b\"\"\"\n"), "t.csv", new InputProblems(), ["id", "amount"], ["note", "cost"])
            .Select(row => (row.Line, Id: row.RequiredSpan("id").ToString(), Amount: row.Required("amount"), Note: row.OptionalSpan("note").ToString(), Cost: row.OptionalSpan("cost").IsEmpty))
            .ToList();

        Assert.Equal([(2, "C1", "12.50", "a, \"b\"", true)], rows);
    }

    private static string Describe(int start, int end, string? error, string[] fields) =>
        $"{start}-{end}: {error ?? string.Join("|", fields.Select(f => f.Replace("\n", "\\n", StringComparison.Ordinal)))}";

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

/// <summary>The CSV records as they were read before they were read in place, a string per line and per field: the reference.</summary>
internal static class LineByLineCsv
{
    public static IEnumerable<(int Start, int End, string[] Fields, string? Error)> Records(TextReader reader)
    {
        var line = 0;
        while (NextRecord(reader, ref line, out var start, out var error) is { } fields)
        {
            yield return (start, line, fields, error);
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
}
