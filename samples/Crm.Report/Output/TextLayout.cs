using System.Text;

namespace Crm.Report.Output;

/// <summary>The text report's line layout: paragraphs wrapped at spaces, lists wrapped between items, cells cut to fit.</summary>
internal static class TextLayout
{
    /// <summary>The text report's line width.</summary>
    public const int Width = TextReport.Width;

    /// <summary>Items joined by <paramref name="separator"/>, wrapped between items (an item longer than a line is wrapped alone).</summary>
    public static void WrapItems(StringBuilder text, string prefix, IReadOnlyList<string> items, string separator, string indent)
    {
        var room = Width - Math.Max(prefix.Length, indent.Length);
        var line = new StringBuilder();
        var first = true;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] + (i < items.Count - 1 ? separator.TrimEnd() : string.Empty);
            if (line.Length > 0 && line.Length + 1 + item.Length > room)
            {
                text.Append(first ? prefix : indent).AppendLine(line.ToString());
                first = false;
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(item);
        }

        if (line.Length > 0)
        {
            Wrap(text, first ? prefix : indent, line.ToString(), indent);
        }
    }

    public static void Wrap(StringBuilder text, string prefix, string paragraph, string indent)
    {
        var first = true;
        foreach (var line in Lines(paragraph, Width - Math.Max(prefix.Length, indent.Length)))
        {
            text.Append(first ? prefix : indent).AppendLine(line);
            first = false;
        }
    }

    /// <summary>Splits at spaces into lines of at most <paramref name="room"/> characters (a longer word is cut).</summary>
    public static IEnumerable<string> Lines(string paragraph, int room)
    {
        var line = new StringBuilder();
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > room)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(Fit(word, room));
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    public static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "~";
}
