using System.Globalization;
using Crm.Report.Input;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Report.Tests;

/// <summary>The reader's fast path for amounts reads exactly what <see cref="decimal.TryParse(string, NumberStyles, IFormatProvider, out decimal)"/> reads, and leaves the rest to it.</summary>
public class NumberTests
{
    /// <summary>Texts made of signs, digits (up to 30), points, spaces and other characters; most of them plain amounts.</summary>
    public static Arbitrary<string> Texts()
    {
        var plain = from negative in Gen.Elements("", "-", "+")
                    from whole in Gen.Choose(0, 20)
                    from wholeDigits in Gen.Elements('0', '1', '5', '9').ArrayOf(whole)
                    from point in Gen.Elements(true, false)
                    from fraction in Gen.Choose(0, 12)
                    from fractionDigits in Gen.Elements('0', '3', '9').ArrayOf(fraction)
                    select negative + new string(wholeDigits) + (point ? "." : string.Empty) + new string(fractionDigits);
        var odd = Gen.Elements('0', '7', '.', '-', '+', ' ', ',', 'e', '٣').ListOf().Select(l => new string([.. l]));
        return Gen.Frequency((4, plain), (1, odd)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(NumberTests)], MaxTest = 5000)]
    public void The_fast_path_reads_what_decimal_parsing_reads_to_the_bit(string text)
    {
        var parsed = decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var expected);

        if (Fields.TryPlainNumber(text, out var value))
        {
            Assert.True(parsed);
            Assert.Equal(decimal.GetBits(expected), decimal.GetBits(value));
        }
    }

    [Theory]
    [InlineData("38.38")]
    [InlineData("-0.00")]
    [InlineData("007.50")]
    [InlineData("123456789012345678")]
    [InlineData("-1234567890123456.78")]
    public void Plain_amounts_take_the_fast_path(string text)
    {
        Assert.True(Fields.TryPlainNumber(text, out var value));
        Assert.Equal(decimal.GetBits(decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)), decimal.GetBits(value));
    }

    [Theory]
    [InlineData("1234567890123456789", "1234567890123456789")] // 19 digits: decimal parsing
    [InlineData("+5", "5")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    public void Other_numbers_are_left_to_decimal_parsing(string text, string expected)
    {
        Assert.False(Fields.TryPlainNumber(text, out _));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Fields.Number("amount", text));
    }

    [Theory]
    [InlineData("1,234.50")]
    [InlineData("1e5")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData(" 5")]
    public void A_text_that_is_no_number_is_refused_with_the_column(string text)
    {
        var e = Assert.Throws<FieldException>(() => Fields.Number("amount", text));

        Assert.Equal("amount", e.Column);
    }
}
