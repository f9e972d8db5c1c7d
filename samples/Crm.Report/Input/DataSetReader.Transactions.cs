using Crm.Domain;
using Crm.Domain.Activity;

namespace Crm.Report.Input;

/// <summary>The transactions file: checked on a first read, then kept as rows to parse again, never as purchases.</summary>
internal sealed partial class DataSetReader
{
    /// <summary>
    /// Checks every row of the transactions file — each parsed into its purchase, which is dropped at once — and keeps
    /// the file as <see cref="PurchaseRows"/>, to be parsed again by each analysis that reads the purchases.
    /// </summary>
    private int ReadTransactions(string file, TextReader reader, Func<TextReader> reopen)
    {
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

        _data.Purchases = new PurchaseRows(file, reopen, columns, Purchase, rows);
        return rows;
    }

    private Purchase Purchase(CsvRow row, string file)
    {
        var buyer = BuyerOf(row.Required("customer_id"));
        var customer = buyer.Id;
        var at = Activity(At("occurred_at", row.Required("occurred_at")));
        var amount = Fields.Number("amount", row.Required("amount"));
        var currency = Currency(row, file);
        decimal? cost = row.Optional("cost") is { } c ? Fields.Number("cost", c) : null;
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
        if (amount >= 0 && (buyer.FirstSale is not { } first || at < first))
        {
            buyer.FirstSale = at;
        }

        return purchase;
    }
}
