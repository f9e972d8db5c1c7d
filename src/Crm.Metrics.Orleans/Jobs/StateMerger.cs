namespace Crm.Metrics.Orleans.Jobs;

/// <summary>
/// An <see cref="IStateMerger"/> over accumulators of type <typeparamref name="TAccumulator"/> whose state is of type
/// <typeparamref name="TState"/>. Reading a state checks it and stages it into an
/// accumulator of its own — on the thread that reads it, while other states are read and merged — so that what the
/// coordinator does one state at a time is only the merge of two accumulators.
/// </summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <typeparam name="TAccumulator">The accumulator type.</typeparam>
/// <param name="create">An empty accumulator of the job's parameters.</param>
/// <param name="mergeState">Merges a state into an accumulator.</param>
/// <param name="merge">Merges an accumulator into another.</param>
/// <param name="toState">The state of an accumulator.</param>
/// <param name="finish">The finished result's wire form, or null to return the merged state.</param>
internal sealed class StateMerger<TState, TAccumulator>(
    Func<TAccumulator> create,
    Action<TAccumulator, TState> mergeState,
    Action<TAccumulator, TAccumulator> merge,
    Func<TAccumulator, TState> toState,
    Func<TAccumulator, object?>? finish = null) : IStateMerger
    where TState : class
    where TAccumulator : class, IDisposable
{
    private readonly TAccumulator _total = create();

    /// <inheritdoc/>
    public object Read(object state)
    {
        var read = state as TState ?? throw new ArgumentException($"The state is a {state.GetType().Name}, not a {typeof(TState).Name}.", nameof(state));
        var staged = create();
        try
        {
            mergeState(staged, read);
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Merge(object state)
    {
        using var staged = (TAccumulator)state;
        merge(_total, staged);
    }

    /// <inheritdoc/>
    public object ToState() => toState(_total);

    /// <inheritdoc/>
    public object Finish() => finish?.Invoke(_total) ?? ToState();

    /// <inheritdoc/>
    public void Dispose() => _total.Dispose();
}
