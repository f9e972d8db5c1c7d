namespace Crm.Metrics.Internal;

/// <summary>
/// A synchronous sequence handed over as an async one (<see cref="CrmAsyncDataSet.From"/>): enumerated as async it
/// yields the records without awaiting; the engine recognises it and reads the source itself, arrays and lists as spans
/// and on several threads as the synchronous entry points do.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
internal sealed class SyncSequence<T>(IEnumerable<T> source) : IAsyncEnumerable<T>
{
    /// <summary>The synchronous sequence.</summary>
    public IEnumerable<T> Source { get; } = source;

    /// <inheritdoc/>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        foreach (var record in Source)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
