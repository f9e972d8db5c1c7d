using Orleans.Serialization;

namespace Crm.Metrics.Orleans.Jobs;

/// <summary>An <see cref="IStateMerger"/> over an accumulator whose state is of type <typeparamref name="TState"/>, in Orleans' binary form.</summary>
/// <typeparam name="TState">The state type.</typeparam>
internal sealed class StateMerger<TState>(Serializer serializer, Action<TState> merge, Func<TState> toState, IDisposable accumulator) : IStateMerger
    where TState : class
{
    /// <inheritdoc/>
    public object Read(byte[] state) => serializer.Deserialize<TState>(state) ?? throw new ArgumentException("The state is null.", nameof(state));

    /// <inheritdoc/>
    public void Merge(object state) => merge((TState)state);

    /// <inheritdoc/>
    public byte[] ToState() => serializer.SerializeToArray(toState());

    /// <inheritdoc/>
    public void Dispose() => accumulator.Dispose();
}
