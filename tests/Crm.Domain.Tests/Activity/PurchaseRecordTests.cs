using Crm.Domain.Activity;
using Crm.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Activity;

/// <summary>A purchase as a value keeps every rule of <see cref="Purchase"/>, and converts to and from it losslessly (but the product).</summary>
[Properties(Arbitrary = new[] { typeof(CrmArbitraries) })]
public class PurchaseRecordTests
{
    private static readonly CustomerId C = new("c1");
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 9, 0);

    /// <summary>Any fields, valid or not: the record is refused exactly where the purchase is (same exception, same parameter), and otherwise holds the purchase's fields.</summary>
    [Property(MaxTest = 300)]
    public void A_record_is_made_where_a_purchase_is_and_refused_where_it_is(bool defaultId, int kind, int cents, Currency currency, int channel, int? costCents, bool costElsewhere)
    {
        var id = defaultId ? default : C;
        var amount = cents == int.MinValue ? default : new Money(cents / 100m, currency);
        Money? cost = costCents is { } c ? new Money(c / 100m, costElsewhere ? (currency == Currency.Eur ? Currency.Usd : Currency.Eur) : currency) : null;
        var purchaseKind = (PurchaseKind)(kind % 3);
        var salesChannel = (SalesChannel)(channel % 8);

        var purchase = Try(() => new Purchase(id, T0, purchaseKind, amount, salesChannel, cost));
        var record = Try(() => new PurchaseRecord(id, T0, purchaseKind, amount, salesChannel, cost));

        Assert.Equal(purchase.Error?.GetType(), record.Error?.GetType());
        Assert.Equal((purchase.Error as ArgumentException)?.ParamName, (record.Error as ArgumentException)?.ParamName);
        if (purchase.Value is { } p)
        {
            Assert.Equal(new PurchaseRecord(p), record.Value);
            Assert.Equal(p, record.Value.ToPurchase());
            Assert.Equal(p.IsSale, record.Value.IsSale);
        }
    }

    [Property]
    public void A_record_of_a_purchase_is_that_purchase_without_its_product(NonEmptyString product, PositiveInt cents, bool sale)
    {
        var key = product.Get.Trim();
        var amount = new Money(cents.Get / 100m, Currency.Eur);
        var purchase = sale
            ? Purchase.Sale(C, T0, amount, SalesChannel.Online, new Money(1m, Currency.Eur), string.IsNullOrEmpty(key) ? null : key)
            : Purchase.Refund(C, T0, amount, SalesChannel.Store);

        var record = new PurchaseRecord(purchase);

        Assert.Equal((purchase.CustomerId, purchase.OccurredAt, purchase.Kind, purchase.Amount, purchase.Channel, purchase.Cost), (record.CustomerId, record.OccurredAt, record.Kind, record.Amount, record.Channel, record.Cost));
        Assert.Equal(new Purchase(C, T0, purchase.Kind, amount, purchase.Channel, purchase.Cost), record.ToPurchase());
        Assert.Equal(sale ? PurchaseRecord.Sale(C, T0, amount, SalesChannel.Online, new Money(1m, Currency.Eur)) : PurchaseRecord.Refund(C, T0, amount, SalesChannel.Store), record);
    }

    [Fact]
    public void The_default_record_describes_no_purchase()
    {
        var error = Assert.Throws<InvalidOperationException>(() => default(PurchaseRecord).ToPurchase());
        Assert.Contains("default value", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new PurchaseRecord(null!));
    }

    [Fact]
    public void Its_text_is_culture_invariant()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var text = PurchaseRecord.Sale(C, T0, new Money(1234.5m, Currency.Eur)).ToString();
            Assert.StartsWith("PurchaseRecord { ", text, StringComparison.Ordinal);
            Assert.Contains("Amount = 1234.5 EUR", text, StringComparison.Ordinal);
            Assert.DoesNotContain("1234,5", text, StringComparison.Ordinal);

            // The customer is shown as a purchase shows it.
            var purchase = Purchase.Sale(C, T0, new Money(1234.5m, Currency.Eur)).ToString();
            Assert.Equal(purchase.Split(", ")[0].Replace("Purchase {", "PurchaseRecord {", StringComparison.Ordinal), text.Split(", ")[0]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    private static (T? Value, Exception? Error) Try<T>(Func<T> make)
    {
        try
        {
            return (make(), null);
        }
        catch (Exception e)
        {
            return (default, e);
        }
    }
}
