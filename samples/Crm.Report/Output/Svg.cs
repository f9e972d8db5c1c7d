using System.Globalization;
using System.Text;

namespace Crm.Report.Output;

/// <summary>
/// A small writer of inline SVG: shapes, text and a title and description (the chart's text alternative). The markup
/// is XML-well-formed and references nothing outside itself; the page's style sheet gives the classes their look.
/// A shape that shows a number carries it in <c>data-value</c> (invariant, round-trip), so the numbers a chart draws
/// can be checked against the JSON report.
/// </summary>
internal sealed class Svg
{
    private readonly StringBuilder _svg = new();

    public Svg(string id, double width, double height, string title, string description)
    {
        Width = width;
        Height = height;
        _svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">");
        _svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Escape(title)}</title><desc id=\"{id}-desc\">{Escape(description)}</desc>");
    }

    public double Width { get; }

    public double Height { get; }

    public void Rect(double x, double y, double width, double height, string css, string? value = null, string? tip = null)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\"");
        Close("rect", css, value, tip);
    }

    /// <summary>A rectangle with an explicit fill (heat maps), its class giving the stroke.</summary>
    public void Cell(double x, double y, double width, double height, string fill, string css, string? value, string? tip)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"{fill}\"");
        Close("rect", css, value, tip);
    }

    public void Line(double x1, double y1, double x2, double y2, string css) =>
        _svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" class=\"{css}\" />");

    /// <summary>A line through points; <paramref name="values"/> are the numbers it draws, space-separated in <c>data-values</c>.</summary>
    public void Polyline(IEnumerable<(double X, double Y)> points, string css, IEnumerable<double>? values = null)
    {
        _svg.Append("<polyline points=\"").Append(string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)))).Append("\" class=\"").Append(css).Append('"');
        if (values is not null)
        {
            _svg.Append(" data-values=\"").Append(string.Join(' ', values.Select(R))).Append('"');
        }

        _svg.Append(" />");
    }

    public void Polygon(IEnumerable<(double X, double Y)> points, string css) =>
        _svg.Append("<polygon points=\"").Append(string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)))).Append("\" class=\"").Append(css).Append("\" />");

    public void Circle(double cx, double cy, double r, string css, string? value = null, string? tip = null)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\"");
        Close("circle", css, value, tip);
    }

    /// <summary>Text at a point; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> in degrees about the point.</summary>
    public void Text(double x, double y, string text, string css = "label", string anchor = "start", double rotate = 0)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" class=\"{css}\" text-anchor=\"{anchor}\"");
        if (rotate != 0)
        {
            _svg.Append(CultureInfo.InvariantCulture, $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"");
        }

        _svg.Append('>').Append(Escape(text)).Append("</text>");
    }

    /// <summary>A legend entry: a swatch of <paramref name="css"/> (a line when <paramref name="line"/>) and its text.</summary>
    public void LegendEntry(double x, double y, string css, string text, bool line)
    {
        if (line)
        {
            Line(x, y - 4, x + 22, y - 4, css);
        }
        else
        {
            Rect(x, y - 10, 14, 10, css);
        }

        Text(x + 28, y, text, "legend");
    }

    public override string ToString() => _svg + "</svg>";

    /// <summary>Escapes text for XML content and attribute values.</summary>
    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>A number exactly as the JSON writes it (shortest round-trip form).</summary>
    public static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A number exactly as the JSON writes it.</summary>
    public static string R(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private void Close(string element, string css, string? value, string? tip)
    {
        _svg.Append(" class=\"").Append(css).Append('"');
        if (value is not null)
        {
            _svg.Append(" data-value=\"").Append(value).Append('"');
        }

        if (tip is null)
        {
            _svg.Append(" />");
        }
        else
        {
            _svg.Append("><title>").Append(Escape(tip)).Append("</title></").Append(element).Append('>');
        }
    }

    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>A linear scale from data to pixels with round ticks, and the axes drawn on an <see cref="Svg"/>.</summary>
internal sealed class Axis
{
    private readonly double _min;
    private readonly double _max;
    private readonly double _from;
    private readonly double _to;

    /// <summary>Maps [<paramref name="min"/>, <paramref name="max"/>] onto pixels [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public Axis(double min, double max, double from, double to)
    {
        _min = min;
        _max = max > min ? max : min + 1;
        _from = from;
        _to = to;
    }

    public double Min => _min;

    public double Max => _max;

    public double this[double value] => _from + ((value - _min) / (_max - _min) * (_to - _from));

    /// <summary>A 1, 2 or 5 times a power of ten at least <paramref name="rough"/> (rough &gt; 0).</summary>
    public static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    /// <summary>A scale from <paramref name="min"/> to a round value at or above <paramref name="max"/>, with about five ticks.</summary>
    public static Axis Rounded(double min, double max, double from, double to)
    {
        var step = NiceStep(Math.Max(max - min, 1e-9) / 5);
        return new Axis(min, Math.Max(min + step, Math.Ceiling(max / step) * step), from, to);
    }

    /// <summary>About five round values within the scale.</summary>
    public IEnumerable<double> Ticks()
    {
        var step = NiceStep((_max - _min) / 5);
        for (var v = Math.Ceiling(_min / step) * step; v <= _max + (step * 1e-9); v += step)
        {
            yield return Math.Round(v / step) * step;
        }
    }

    /// <summary>A vertical axis at pixel <paramref name="x"/> with grid lines to <paramref name="right"/>, tick labels and a rotated title.</summary>
    public void DrawVertical(Svg svg, double x, double right, string title, Func<double, string> format)
    {
        foreach (var tick in Ticks())
        {
            var y = this[tick];
            svg.Line(x, y, right, y, "grid");
            svg.Text(x - 6, y + 4, format(tick), "tick", "end");
        }

        svg.Line(x, _from, x, _to, "axis");
        svg.Text(14, (_from + _to) / 2, title, "axis-title", "middle", -90);
    }

    /// <summary>A horizontal axis at pixel <paramref name="y"/> with tick labels and a title below.</summary>
    public void DrawHorizontal(Svg svg, double y, string title, Func<double, string> format, IEnumerable<double>? ticks = null)
    {
        foreach (var tick in ticks ?? Ticks())
        {
            var x = this[tick];
            svg.Line(x, y, x, y + 4, "axis");
            svg.Text(x, y + 17, format(tick), "tick", x >= _to - 30 ? "end" : "middle");
        }

        svg.Line(_from, y, _to, y, "axis");
        svg.Text((_from + _to) / 2, y + 36, title, "axis-title", "middle");
    }
}
