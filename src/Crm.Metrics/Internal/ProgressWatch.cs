namespace Crm.Metrics.Internal;

/// <summary>
/// Progress and cancellation of one long operation, shared by the threads that do it: every
/// <see cref="Every"/> records (or customers) the caller's <see cref="IProgress{T}"/> hears the count reached, each
/// multiple once and in order whatever the source and however many threads read it, then the total once at the end;
/// the token is checked at the same points.
/// </summary>
internal sealed class ProgressWatch
{
    /// <summary>How many records between two reports (and two checks of the token).</summary>
    public const int Every = 1 << 16;

    private readonly IProgress<long>? _progress;
    private readonly object _gate = new();
    private long _done;
    private long _reported;

    private ProgressWatch(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        _progress = progress;
        CancellationToken = cancellationToken;
    }

    /// <summary>The caller's token.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>A watch, or null when there is neither a progress sink nor a token that can be cancelled (nothing to watch).</summary>
    public static ProgressWatch? For(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return progress is null && !cancellationToken.CanBeCanceled ? null : new ProgressWatch(progress, cancellationToken);
    }

    /// <summary>Counts <paramref name="records"/> more done; reports each multiple of <see cref="Every"/> passed.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void Advance(long records)
    {
        CancellationToken.ThrowIfCancellationRequested();
        var done = Interlocked.Add(ref _done, records);
        if (_progress is null || done - Volatile.Read(ref _reported) < Every)
        {
            return;
        }

        lock (_gate)
        {
            // Once cancelled (the sink itself may cancel), nothing more is reported: the operation is ending.
            while (_reported + Every <= done && !CancellationToken.IsCancellationRequested)
            {
                _reported += Every;
                _progress.Report(_reported);
            }
        }
    }

    /// <summary>Reports the total once (unless it was just reported as a multiple) after a last check of the token.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void Finish()
    {
        CancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_done == 0 || _done != _reported)
            {
                _reported = _done;
                _progress?.Report(_done);
            }
        }
    }

    /// <summary>The records of <paramref name="source"/>, counted into <paramref name="watch"/> as they are read; the source itself without a watch.</summary>
    public static IEnumerable<T> Watched<T>(IEnumerable<T> source, ProgressWatch? watch) =>
        watch is null ? source : watch.Count(source);

    /// <summary>The records of <paramref name="source"/>, counted into <paramref name="watch"/> as they are read.</summary>
    public static async IAsyncEnumerable<T> Watched<T>(IAsyncEnumerable<T> source, ProgressWatch? watch, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pending = 0;
        await foreach (var record in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return record;
            if (++pending == Every)
            {
                // Streams that ignore the token still stop here.
                cancellationToken.ThrowIfCancellationRequested();
                watch?.Advance(pending);
                pending = 0;
            }
        }

        watch?.Advance(pending);
    }

    private IEnumerable<T> Count<T>(IEnumerable<T> source)
    {
        var pending = 0;
        foreach (var record in source)
        {
            yield return record;
            if (++pending == Every)
            {
                Advance(pending);
                pending = 0;
            }
        }

        Advance(pending);
    }
}
