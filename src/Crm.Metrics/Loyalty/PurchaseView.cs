namespace Crm.Metrics.Loyalty;

/// <summary>
/// One period's customers derived from a store that holds several periods at once: each customer's history up to the
/// period's end and its period row, computed as a scan reaches it, so that no period's rows are ever stored apart.
/// </summary>
internal abstract class PurchaseView
{
    /// <summary>How many threads scans over the customers may use side by side.</summary>
    public abstract int ScanParallelism { get; }

    /// <summary>The customers with a period row (a record in the period or a recorded acquisition).</summary>
    public abstract int WithPeriod { get; }

    /// <summary>Starts a scan over the customers; each scan has its own cursor, so scans may run side by side.</summary>
    public abstract Cursor Open();

    /// <summary>A scan's position: the current customer's id and rows, written into one-element arrays the scan reads in place.</summary>
    internal abstract class Cursor
    {
        /// <summary>The current customer's history up to the period's end (one element).</summary>
        public CustomerHistory[] History { get; } = new CustomerHistory[1];

        /// <summary>The current customer's period row, empty when it has none (one element).</summary>
        public CustomerPeriod[] Period { get; } = new CustomerPeriod[1];

        /// <summary>The current customer.</summary>
        public CustomerId Id { get; protected set; }

        /// <summary>Moves to the next customer, deriving its rows.</summary>
        public abstract bool MoveNext();
    }
}
