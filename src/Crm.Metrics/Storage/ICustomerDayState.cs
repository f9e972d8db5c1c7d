namespace Crm.Metrics.Storage;

/// <summary>A customer's running state in a <see cref="CustomerDayLog{TState}"/>: order-independent and mergeable.</summary>
/// <typeparam name="TSelf">The state type.</typeparam>
internal interface ICustomerDayState<TSelf>
    where TSelf : struct, ICustomerDayState<TSelf>
{
    /// <summary>The state of a customer not seen yet.</summary>
    static abstract TSelf Empty { get; }

    /// <summary>The largest magnitude among the state's amounts.</summary>
    decimal Largest { get; }

    /// <summary>Adds another partition's state of the same customer.</summary>
    void Merge(in TSelf other);

    /// <summary>Whether <see cref="Merge"/> would keep every amount inside the range of <see cref="decimal"/>.</summary>
    bool MergeFits(in TSelf other);
}
