using Crm.Domain;
using Crm.Domain.Activity;

namespace Crm.Report.Input;

/// <summary>The transactions file: checked on a first read, then kept as rows to parse again, never as purchases.</summary>
internal sealed partial class DataSetReader
{
    /// <summary>
    /// Whether the first sale of each customer is kept: a customers file's record starts there by default. Without
    /// one, the first read keeps nothing per customer.
    /// </summary>
    private readonly bool _keepsFirstSales = options.IsDemo || options.Customers is not null;

    /// <summary>The sketch of the buyers while the first read runs (the analyses' capacity hint), then null.</summary>
    private DistinctIds? _distinctBuyers;

    /// <summary>
    /// Checks every row of the transactions file — each parsed into its purchase, which is dropped at once — and keeps
    /// the file as <see cref="PurchaseRows"/>, to be parsed again by each analysis that reads the purchases.
    /// </summary>
    private int ReadTransactions(string file, TextReader reader, Func<TextReader> reopen)
    {
        _distinctBuyers = new DistinctIds();
        (string[] Required, string[] Optional) columns = (["customer_id", "occurred_at", "amount"], ["currency", "cost", "channel"]);
        var rows = 0;
        foreach (var row in CsvFile.Read(reader, file, problems, columns.Required, columns.Optional))
        {
            rows++;
            try
            {
                Purchase(row, file);
            }
            catch (FieldException e)
            {
                problems.Add(file, row.Line, e.Column, e.Message);
            }
        }

        _data.Purchases = new PurchaseRows(file, reopen, columns, PurchaseAgain, rows, _distinctBuyers.Count);
        _distinctBuyers = null;
        return rows;
    }

    /// <summary>A row of the first read: checked, and its instant (and sale) noted.</summary>
    private Purchase Purchase(CsvRow row, string file) => Purchase(row, file, first: true);

    /// <summary>
    /// A row of a later read, already checked: the same purchase, with nothing noted, and its customer's id a new
    /// string (looking up the one kept would cost more than making it).
    /// </summary>
    private Purchase PurchaseAgain(CsvRow row, string file) => Purchase(row, file, first: false);

    private Purchase Purchase(CsvRow row, string file, bool first)
    {
        // The columns every row has are read in place: no string is made for them but the customer's id.
        var id = row.RequiredSpan("customer_id");
        if (first)
        {
            _distinctBuyers?.Add(id);
        }

        var buyer = first && _keepsFirstSales ? BuyerOf(id) : null;
        var customer = buyer?.Id ?? Fields.CustomerId("customer_id", id.ToString());
        var at = At("occurred_at", row.RequiredSpan("occurred_at"));
        if (first)
        {
            Activity(at);
        }

        var amount = Fields.Number("amount", row.RequiredSpan("amount"));
        var currency = Currency(row, file);
        decimal? cost = row.OptionalSpan("cost") is { IsEmpty: false } c ? Fields.Number("cost", c) : null;
        if (cost < 0 && amount >= 0)
        {
            throw new FieldException("cost", $"{cost} is negative on a sale; a sale's cost of goods is ≥ 0");
        }

        var channel = row.Optional("channel") is { } ch ? Fields.SalesChannel("channel", ch) : SalesChannel.Other;
        var money = new Money(Math.Abs(amount), currency);
        Money? costMoney = cost is { } k ? new Money(Math.Abs(k), currency) : null;
        var purchase = Fields.Domain("amount", (Refund: amount < 0, customer, at, money, channel, costMoney), static p => p.Refund
            ? Domain.Activity.Purchase.Refund(p.customer, p.at, p.money, p.channel, p.costMoney)
            : Domain.Activity.Purchase.Sale(p.customer, p.at, p.money, p.channel, p.costMoney));
        if (buyer is not null && amount >= 0 && (buyer.FirstSale is not { } firstSale || at < firstSale))
        {
            buyer.FirstSale = at;
        }

        return purchase;
    }
}
