namespace Crm.Metrics.Storage;

/// <summary>
/// Calls back after full (generation 2) collections: an object that finalizes, registers itself again, and — having
/// survived into the oldest generation — is finalized only when that generation is collected. The first calls may
/// come after younger collections, before the object got there; a callback must be harmless at any time.
/// </summary>
internal sealed class FullCollections
{
    private readonly Action _callback;

    private FullCollections(Action callback) => _callback = callback;

    /// <summary>Calls <paramref name="callback"/> after each full collection from now on, for the rest of the process.</summary>
    public static void Notify(Action callback) => _ = new FullCollections(callback);

    /// <summary>Calls back, then waits for the next collection of this object's generation.</summary>
    ~FullCollections()
    {
        try
        {
            _callback();
        }
#pragma warning disable CA1031 // A finalizer must not throw; a callback that failed once is called again next time.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        if (!Environment.HasShutdownStarted)
        {
            GC.ReRegisterForFinalize(this);
        }
    }
}
