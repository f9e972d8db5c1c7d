using System.Buffers;
using Orleans.Serialization;

namespace Crm.Metrics.Orleans.Grains;

/// <summary>
/// How a state travels in an answer. One that fits a message (at most the chunk size in Orleans' binary form) travels
/// as the object itself: Orleans serializes it once, straight into the message, and a call within one silo passes it
/// without a copy. A longer one is serialized to bytes here, and its answer carries the first chunk while the reader
/// takes the rest chunk by chunk (<see cref="StateChunks"/>).
/// </summary>
internal static class StateMessage
{
    /// <summary>
    /// The state as the answer carries it: the object (<c>Value</c>), or its bytes to be read in chunks
    /// (<c>Bytes</c>); and its length in Orleans' binary form either way.
    /// </summary>
    public static (object? Value, byte[]? Bytes, long Length) Prepare(Serializer serializer, object state, int chunkBytes)
    {
        var length = LengthOf(serializer, state);
        if (length <= chunkBytes)
        {
            return (state, null, length);
        }

        var bytes = serializer.SerializeToArray(state);
        return (null, bytes, bytes.Length);
    }

    /// <summary>
    /// The state an answer carried: its object, or the object read back from its whole bytes (the chunks put together).
    /// </summary>
    /// <exception cref="ArgumentException">The answer carried neither, or its bytes are not a serialized object.</exception>
    public static object Open(Serializer serializer, object? value, byte[]? bytes)
    {
        if (value is not null)
        {
            return value;
        }

        if (bytes is null)
        {
            throw new ArgumentException("The answer carries no state.", nameof(bytes));
        }

        try
        {
            return serializer.Deserialize<object>(bytes) ?? throw new ArgumentException("The state is null.", nameof(bytes));
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            throw new ArgumentException($"The state's bytes are not a serialized state ({e.GetType().Name}).", nameof(bytes), e);
        }
    }

    /// <summary>The length of <paramref name="state"/> in Orleans' binary form, counted without keeping the bytes.</summary>
    public static long LengthOf(Serializer serializer, object state)
    {
        using var counter = new Counter();
        serializer.Serialize(state, counter);
        return counter.Length;
    }

    /// <summary>A buffer writer that counts what is written into one scratch buffer (from the shared pool), reused for every span.</summary>
    private sealed class Counter : IBufferWriter<byte>, IDisposable
    {
        private byte[] _scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);

        public long Length { get; private set; }

        public void Advance(int count) => Length += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
        }

        private byte[] Scratch(int sizeHint)
        {
            if (sizeHint > _scratch.Length)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
                _scratch = ArrayPool<byte>.Shared.Rent(sizeHint);
            }

            return _scratch;
        }
    }
}
