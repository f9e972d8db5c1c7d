#pragma warning disable CA2208 // the parameter named is the answer's, as the states' checks name theirs

using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Crm.Metrics.CustomerValue;
using Crm.Metrics.States;
using Orleans;

namespace Crm.Metrics.Orleans.Wire;

/// <summary>
/// A scorecard finished on the coordinator, as it travels to the caller: the scorecard's <see cref="CrmJson"/>
/// document (which leaves the per-customer rows out) and, packed beside it, the customer-value rows that
/// <see cref="CustomerValueMetrics.Customers"/> is made from. The merged state it replaces holds a row for every
/// customer ever seen; these rows are only those with a sale or refund in the period.
/// </summary>
/// <remarks>
/// The caller trusts nothing in it (<see cref="Read"/>): the document is read and checked as any scorecard document is,
/// and the rows must agree with its totals and counts. Immutable once made.
/// </remarks>
[GenerateSerializer]
[Immutable]
[Alias("Crm.Metrics.Orleans.ScorecardAnswer")]
internal sealed class ScorecardAnswer
{
    /// <summary>The layout this version writes and reads.</summary>
    public const int CurrentLayout = 1;

    private const string Owner = "scorecard";
    private const int PrefetchAhead = 8;
    private const string RowsPath = "customerValue.customers";

    /// <summary>The layout of <see cref="Rows"/>.</summary>
    [Id(0)]
    public int Layout { get; init; }

    /// <summary>The scorecard's document, UTF-8, written with <see cref="CrmJson.Options"/>.</summary>
    [Id(1)]
    public byte[] Json { get; init; } = [];

    /// <summary>The cost to serve each active customer, which the rows' cost to serve is.</summary>
    [Id(2)]
    public decimal CostToServe { get; init; }

    /// <summary>
    /// The rows, packed: their count, then per row a flags byte (1: active in the period), the id, revenue, cost of
    /// goods, sales without a cost, historical CLV and sales to date without a cost.
    /// </summary>
    [Id(3)]
    public byte[] Rows { get; init; } = [];

    /// <summary>The options the scorecard was computed with on the silos, which must be the caller's.</summary>
    [Id(4)]
    public ScorecardOptionsState? Options { get; init; }

    /// <summary>Whether the scorecard's settings declined its customer rows (<see cref="ScorecardSettings.CustomerRows"/>): then <see cref="Rows"/> is empty.</summary>
    [Id(5)]
    public bool RowsDeclined { get; init; }

    private static JsonTypeInfo<Scorecard> Contract => (JsonTypeInfo<Scorecard>)CrmJson.Options.GetTypeInfo(typeof(Scorecard));

    /// <summary>The answer of a scorecard computed here (whose customer-value family holds its rows, unless its settings declined them) with these options.</summary>
    public static ScorecardAnswer Of(Scorecard scorecard, ScorecardOptionsState options)
    {
        var value = scorecard.CustomerValue;
        if (!value.HasCustomerRows)
        {
            return new ScorecardAnswer
            {
                Layout = CurrentLayout,
                Json = JsonSerializer.SerializeToUtf8Bytes(scorecard, Contract),
                Options = options,
                RowsDeclined = true,
            };
        }

        var rows = value.Rows ?? throw new InvalidOperationException("A scorecard computed on the coordinator holds its customer rows.");
        var writer = new PackWriter(16 + (32 * rows.Count));
        writer.Varint((ulong)rows.Count);
        var all = CollectionsMarshal.AsSpan(rows);
        for (var i = 0; i < all.Length; i++)
        {
            // The ids' characters lie scattered over the heap: ask for them a few rows ahead, so that the misses overlap.
            if (i + PrefetchAhead < all.Length)
            {
                Crm.Metrics.Storage.Prefetch.Chars(all[i + PrefetchAhead].Id.Value);
            }

            ref readonly var row = ref all[i];
            writer.Byte(row.Active ? (byte)1 : (byte)0);
            writer.String(row.Id.Value);
            writer.Decimal(row.Revenue);
            writer.Decimal(row.Cost);
            writer.Signed(row.Missing);
            writer.Decimal(row.Clv);
            writer.Signed(row.LifetimeMissing);
        }

        return new ScorecardAnswer
        {
            Layout = CurrentLayout,
            Json = JsonSerializer.SerializeToUtf8Bytes(scorecard, Contract),
            CostToServe = value.CostToServe,
            Rows = writer.ToArray(),
            Options = options,
        };
    }

    /// <summary>The scorecard, with its customer rows unless the caller declined them, checked whole.</summary>
    /// <param name="options">The caller's options, which the silos must have computed with.</param>
    /// <param name="rowsKept">Whether the caller's settings keep the customer rows, which the answer must then hold (and otherwise must not).</param>
    /// <exception cref="ArgumentException">
    /// Another layout or other options; a document that is not a scorecard's or breaks a scorecard's rules; rows that
    /// are cut, malformed, repeat an id, or disagree with the document's totals and counts; rows declined where the caller
    /// keeps them, or the reverse. The message names the member (parameter <c>scorecard</c>).
    /// </exception>
    public Scorecard Read(ScorecardOptionsState options, bool rowsKept)
    {
        if (Layout != CurrentLayout)
        {
            throw Refused("layout", string.Create(CultureInfo.InvariantCulture, $"is {Layout}; this version reads layout {CurrentLayout}. Run one version of Crm.Metrics.Orleans on the silos and their clients"));
        }

        if (Options != options)
        {
            // As a merged state of other options is refused: register AddCrmMetrics with the same options everywhere.
            throw new ArgumentException($"The {Owner} was computed with other options ({Options}); this client has {options}.", Owner);
        }

        Scorecard scorecard;
        try
        {
            scorecard = JsonSerializer.Deserialize(Json, Contract) ?? throw Refused("document", "is null");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The {Owner}'s document is not a scorecard's: {e.Message}", Owner, e);
        }

        if (RowsDeclined == rowsKept)
        {
            throw Refused("customerValue.customers", rowsKept ? "are declined, but the caller keeps them" : "are kept, but the caller declined them");
        }

        if (RowsDeclined)
        {
            return Rows.Length == 0 && CostToServe == 0 ? scorecard : throw Refused("customerValue.customers", "are declined, but the answer carries rows or their cost to serve");
        }

        var value = scorecard.CustomerValue;
        if (CostToServe < 0)
        {
            throw Refused("customerValue.costToServe", "is negative");
        }

        var rows = ReadRows(value);
        return scorecard.WithCustomerValue(value.WithRows(rows, CostToServe));
    }

    private List<CustomerValueMetrics.Row> ReadRows(CustomerValueMetrics value)
    {
        var reader = new PackReader(Rows, RowsPath, Owner);
        var count = reader.Count();
        if (count != value.RevenuePerCustomer.Count)
        {
            throw Refused(RowsPath, string.Create(CultureInfo.InvariantCulture, $"counts {count} rows where customerValue.revenuePerCustomer counts {value.RevenuePerCustomer.Count} customers"));
        }

        var rows = new List<CustomerValueMetrics.Row>(count);
        var ids = new HashSet<CustomerId>(count);
        decimal revenue = 0, cost = 0, serve = 0;
        long missing = 0, withMargin = 0, withClv = 0;
        for (var i = 0; i < count; i++)
        {
            reader.Row = i;
            var flags = reader.Byte("active");
            if (flags > 1)
            {
                throw reader.Broken("active", "is neither 0 nor 1");
            }

            if (!CustomerId.TryParse(reader.String("id"), CultureInfo.InvariantCulture, out var id))
            {
                throw reader.Broken("id", "is not a customer id (null, empty, white space or padded)");
            }

            if (!ids.Add(id))
            {
                throw reader.Broken("id", "repeats the id of an earlier row");
            }

            var row = new CustomerValueMetrics.Row(id, reader.Decimal("revenue"), reader.Decimal("cost"), reader.Int("salesWithoutCost"), reader.Decimal("historicalClv"), reader.Int("salesToDateWithoutCost"), flags == 1);
            if (row.Missing < 0 || row.LifetimeMissing < 0)
            {
                throw reader.Broken(row.Missing < 0 ? "salesWithoutCost" : "salesToDateWithoutCost", "is negative");
            }

            try
            {
                revenue += row.Revenue;
                cost += row.Cost;
                serve += row.Serve(CostToServe);
            }
            catch (OverflowException)
            {
                throw reader.Broken("revenue", "takes the rows' totals beyond the range of decimal numbers");
            }

            missing += row.Missing;
            withMargin += row.Missing == 0 ? 1 : 0;
            withClv += row.LifetimeMissing == 0 ? 1 : 0;
            rows.Add(row);
        }

        if (!reader.AtEnd)
        {
            throw Refused(RowsPath, "has bytes after its last row");
        }

        // The rows must give the totals and counts of the document: the same sums in the same order as the scan that wrote both.
        Agree("totalRevenue", revenue, value.TotalRevenue.Amount);
        Agree("totalCostToServe", serve, value.TotalCostToServe.Amount);
        if (value.TotalCostOfGoods.Value is { } goods)
        {
            Agree("totalCostOfGoods", cost, goods.Amount);
        }

        Agree("salesWithoutCost", missing, value.SalesWithoutCost);
        Agree("marginPerCustomer.count", withMargin, value.MarginPerCustomer.Count);
        Agree("historicalClvPerCustomer.count", withClv, value.HistoricalClvPerCustomer.Count);
        return rows;
    }

    private static void Agree<T>(string member, T rows, T document)
        where T : IEquatable<T>
    {
        if (!rows.Equals(document))
        {
            throw Refused("customerValue." + member, "disagrees with the customer rows");
        }
    }

    private static ArgumentException Refused(string member, string rule) => new($"The {Owner}'s {member} {rule}.", Owner);
}
