namespace Crm.Report.Input;

/// <summary>
/// Counts the distinct customer ids of a read without keeping them: a set of 64-bit hashes of their characters, 8
/// bytes a customer, dropped with the read. Two ids with one hash count once (for a million customers, about one
/// chance in 30 million that any pair does), which is harmless for what the count is for: a capacity hint.
/// </summary>
internal sealed class DistinctIds
{
    private const ulong Offset = 14695981039346656037; // FNV-1a, 64 bits
    private const ulong Prime = 1099511628211;
    private readonly HashSet<ulong> _hashes = [];

    /// <summary>The distinct ids added.</summary>
    public int Count => _hashes.Count;

    /// <summary>Adds an id (its characters, as read).</summary>
    /// <param name="id">The id.</param>
    public void Add(ReadOnlySpan<char> id)
    {
        var hash = Offset;
        foreach (var c in id)
        {
            hash = (hash ^ c) * Prime;
        }

        _hashes.Add(hash);
    }
}
