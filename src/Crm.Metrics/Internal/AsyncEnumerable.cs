namespace Crm.Metrics;

/// <summary>Empty asynchronous sequences (the BCL of net8.0 has no <c>AsyncEnumerable.Empty</c>).</summary>
/// <typeparam name="T">The element type.</typeparam>
internal static class AsyncEnumerable<T>
{
    public static IAsyncEnumerable<T> Empty { get; } = EmptyStream();

#pragma warning disable CS1998 // An empty async iterator has nothing to await.
    private static async IAsyncEnumerable<T> EmptyStream()
    {
        yield break;
    }
#pragma warning restore CS1998
}
