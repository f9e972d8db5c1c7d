namespace Crm.Metrics.Storage;

/// <summary>
/// A per-customer row of a <see cref="CustomerTable{THistory, TPeriod}"/>: order-independent and mergeable, so that
/// tables built over any partition of the records merge into the table of one pass.
/// </summary>
/// <typeparam name="TSelf">The row type.</typeparam>
internal interface ICustomerRow<TSelf>
    where TSelf : struct, ICustomerRow<TSelf>
{
    /// <summary>The row of a customer not seen yet.</summary>
    static abstract TSelf Empty { get; }

    /// <summary>The largest magnitude among the row's amounts.</summary>
    decimal LargestAmount { get; }

    /// <summary>The largest of the row's counts.</summary>
    int LargestCount { get; }

    /// <summary>Whether <see cref="Merge"/> would keep every amount inside <see cref="decimal"/>'s range and every count inside <see cref="int"/>'s.</summary>
    MergeFit MergeFits(in TSelf other);

    /// <summary>Adds another partition's row of the same customer.</summary>
    void Merge(in TSelf other);
}
