using System.Globalization;
using Crm.Domain.Activity;
using Crm.Domain.Interop;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Domain.Tests;

/// <summary>The types applications hold, converted at the edge: BCL times, signed totals, codes and ids from text.</summary>
public class EdgeTypesTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Fact]
    public void Bcl_times_become_the_instants_and_dates_they_denote()
    {
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 9, 30), new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.FromHours(1)).ToInstant());
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 9, 30), new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc).ToInstant());
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 9, 30), new DateTime(2026, 3, 1, 10, 30, 0, DateTimeKind.Unspecified).ToInstant(Berlin));
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 9, 30), new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc).ToInstant(Berlin)); // UTC stays UTC
        Assert.Equal(new LocalDate(2024, 2, 29), new DateOnly(2024, 2, 29).ToLocalDate());
    }

    [Fact]
    public void Local_times_the_zone_skips_or_repeats_resolve_leniently()
    {
        // 2026-03-29 02:30 does not exist in Berlin (clocks go 02:00 → 03:00): it moves forward by the gap.
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 30), new DateTime(2026, 3, 29, 2, 30, 0).ToInstant(Berlin));

        // 2026-10-25 02:30 happens twice (03:00 → 02:00): the earlier, still summer time.
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), new DateTime(2026, 10, 25, 2, 30, 0).ToInstant(Berlin));
    }

    [Fact]
    public void A_datetime_without_a_zone_needs_one_and_a_local_one_is_refused()
    {
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => new DateTime(2026, 3, 1, 10, 30, 0).ToInstant()).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => new DateTime(2026, 3, 1, 10, 30, 0, DateTimeKind.Local).ToInstant(Berlin)).ParamName);
        Assert.Throws<ArgumentNullException>("zone", () => new DateTime(2026, 3, 1).ToInstant(null!));
    }

    [Property]
    public Property A_signed_amount_is_a_sale_or_a_refund_of_its_magnitude(decimal total) =>
        Prop.ToProperty(Check(Purchase.FromSignedAmount(new CustomerId("c"), Instant.FromUtc(2026, 3, 1, 12, 0), new Money(total, Currency.Eur)), total));

    [Fact]
    public void A_signed_amount_without_a_currency_is_refused_naming_it()
    {
        Assert.Equal("signedAmount", Assert.Throws<ArgumentException>(() => Purchase.FromSignedAmount(new CustomerId("c"), Instant.FromUtc(2026, 3, 1, 12, 0), default)).ParamName);
    }

    [Theory]
    [InlineData("eur", "EUR")]
    [InlineData("Chf", "CHF")]
    [InlineData("USD", "USD")]
    public void Currency_codes_parse_in_any_case(string text, string code)
    {
        Assert.Equal(code, Currency.Parse(text, CultureInfo.InvariantCulture).Code);
        Assert.True(Currency.TryParse(text, CultureInfo.InvariantCulture, out var currency));
        Assert.Equal(new Currency(code), currency);
        Assert.Equal(new Currency(code), Currency.Parse(text.AsSpan(), CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    [InlineData(" EUR")]
    [InlineData("ÉUR")]
    public void Text_that_is_not_a_code_does_not_parse(string text)
    {
        Assert.False(Currency.TryParse(text, CultureInfo.InvariantCulture, out var currency));
        Assert.Equal(default, currency);
        Assert.Equal("s", Assert.Throws<ArgumentException>(() => Currency.Parse(text, CultureInfo.InvariantCulture)).ParamName);
        Assert.Throws<ArgumentException>(() => new Currency(text.ToLowerInvariant())); // the constructor stays strict
    }

    [Fact]
    public void Ids_parse_from_route_text_as_they_are()
    {
        Assert.Equal(new CustomerId("C-42"), CustomerId.Parse("C-42", null));
        Assert.True(LeadId.TryParse("lead 7", null, out var lead));
        Assert.Equal(new LeadId("lead 7"), lead);
        Assert.True(ComplaintId.TryParse("K1".AsSpan(), null, out var complaint));
        Assert.Equal(new ComplaintId("K1"), complaint);

        foreach (var bad in new[] { null, "", "  ", " C-42", "C-42 " })
        {
            Assert.False(CustomerId.TryParse(bad, null, out var id));
            Assert.Equal(default, id);
        }

        Assert.Equal("s", Assert.Throws<ArgumentException>(() => CustomerId.Parse(" C-42", null)).ParamName);
        Assert.Throws<ArgumentNullException>("s", () => CustomerId.Parse(null!, null));
    }

    private static bool Check(Purchase purchase, decimal total) =>
        total < 0
            ? purchase.Kind == PurchaseKind.Refund && purchase.Amount.Amount == -total
            : purchase.Kind == PurchaseKind.Sale && purchase.Amount.Amount == total;
}
