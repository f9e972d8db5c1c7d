using FsCheck;
using FsCheck.Xunit;

namespace Crm.Domain.Tests;

public class PrimitiveTests
{
    private static bool IsValidKey(string s) =>
        s.Length > 0 && !string.IsNullOrWhiteSpace(s) && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1]);

    [Property]
    public bool CustomerId_accepts_exactly_the_unpadded_non_blank_keys(NonNull<string> key)
    {
        var s = key.Get;
        try
        {
            var id = new CustomerId(s);
            return IsValidKey(s) && id.Value == s;
        }
        catch (ArgumentException ex)
        {
            return !IsValidKey(s) && ex.ParamName == "value";
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" 42")]
    [InlineData("42\t")]
    public void Ids_reject_blank_or_padded_keys_naming_the_parameter(string key)
    {
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => new CustomerId(key)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => new LeadId(key)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => new ComplaintId(key)).ParamName);
    }

    [Fact]
    public void Ids_reject_null()
    {
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => new CustomerId(null!)).ParamName);
    }

    [Fact]
    public void Ids_compare_ordinally()
    {
        Assert.NotEqual(new CustomerId("abc"), new CustomerId("ABC"));
        Assert.True(new CustomerId("B") < new CustomerId("a"));
        Assert.Equal("c-1", new CustomerId("c-1").ToString());
    }

    [Fact]
    public void Default_id_has_an_empty_value()
    {
        Assert.Equal(string.Empty, default(CustomerId).Value);
    }

    [Property]
    public bool Currency_accepts_exactly_three_upper_case_ascii_letters(NonNull<string> code)
    {
        var s = code.Get;
        var valid = s.Length == 3 && s.All(char.IsAsciiLetterUpper);
        try
        {
            var currency = new Currency(s);
            return valid && currency.Code == s;
        }
        catch (ArgumentException ex)
        {
            return !valid && ex.ParamName == "code";
        }
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("U$D")]
    [InlineData("ÜSD")]
    public void Currency_rejects_malformed_codes_without_fixing_them(string code)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Currency(code));
        Assert.Equal("code", ex.ParamName);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
    }
}
