namespace Crm.Metrics.Orleans.Grains;

/// <summary>
/// A state too long for one message, held by the grain that made it while the reader takes it chunk by chunk (the
/// first chunk travels with the answer), and the reader's side: the whole state put back together.
/// </summary>
internal sealed class StateChunks(byte[] state, int chunkBytes)
{
    /// <summary>The bytes from <paramref name="offset"/>, at most one chunk, and whether they are the last.</summary>
    /// <exception cref="InvalidOperationException">The offset is outside the state.</exception>
    public (byte[] Chunk, bool Last) Read(long offset)
    {
        if (offset < 0 || offset >= state.Length)
        {
            throw new InvalidOperationException("A state's chunk was asked for outside the state.");
        }

        var end = (int)Math.Min(state.Length, offset + chunkBytes);
        return (state[(int)offset..end], end == state.Length);
    }

    /// <summary>
    /// The whole state from its first chunk (<paramref name="first"/>) and its length, reading the rest in order with
    /// <paramref name="read"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A chunk is empty or runs past the length.</exception>
    public static async Task<byte[]> WholeAsync(byte[] first, long length, Func<long, Task<byte[]>> read)
    {
        if (first.Length >= length)
        {
            return first;
        }

        var whole = new byte[length];
        first.CopyTo(whole, 0);
        var offset = (long)first.Length;
        while (offset < whole.Length)
        {
            var chunk = await read(offset); // no ConfigureAwait: inside a grain the reads stay on its scheduler
            if (chunk.Length == 0 || offset + chunk.Length > whole.Length)
            {
                throw new InvalidOperationException("A state's chunks came back out of order.");
            }

            chunk.CopyTo(whole, offset);
            offset += chunk.Length;
        }

        return whole;
    }
}
