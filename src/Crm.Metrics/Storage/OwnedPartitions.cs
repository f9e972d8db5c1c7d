using Crm.Domain.Activity;
using Crm.Metrics.Internal;

namespace Crm.Metrics.Storage;

/// <summary>
/// Runs a per-customer accumulation over indexed purchases so that each thread owns what it writes. The records are
/// taken a window at a time (a quarter of them, within bounds). First the threads read the window's chunks in order,
/// each record into a compact entry (its customer key, local day, amount and kind) placed by partition (the high bits
/// of the customer id's hash); then each partition is applied by one thread, which feeds its own sink that
/// partition's entries, chunk by chunk, in input order; after the last window the customers are numbered in the
/// order of their first kept record across all partitions. No table is shared and nothing is merged; an owner reads
/// entries one after another and never the records themselves (which lie all over memory), and its partition's
/// customers (a 16th to a 256th of them) are loaded into cache once per window. The result equals one pass in input
/// order, whatever the number of threads.
/// </summary>
internal static class OwnedPartitions
{
    /// <summary>Below this many records one pass is cheaper than the partitioning.</summary>
    public const int Threshold = Concurrency.Partitioned.SplitThreshold;

    /// <summary>How many entries ahead an owner fetches a customer's key and state, and the id an entry may need (twice as far ahead, their slot).</summary>
    private const int Ahead = 8;

    /// <summary>Records per chunk: record numbers within a chunk fit in 16 bits.</summary>
    public const int ChunkSize = 1 << 16;

    /// <summary>The source as indexed parts when every part is an array, array segment or read-only list and together they hold at least <see cref="Threshold"/> records; otherwise null.</summary>
    /// <param name="sources">The records, part after part.</param>
    /// <param name="threshold">The fewest records worth partitioning (tests lower it).</param>
    public static Part[]? Indexed(IReadOnlyList<IEnumerable<Purchase>> sources, int threshold = Threshold)
    {
        var parts = new Part[sources.Count];
        long total = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            switch (sources[i])
            {
                case Purchase[] array:
                    parts[i] = new Part(array, 0, array.Length, null);
                    break;
                case ArraySegment<Purchase> segment:
                    parts[i] = new Part(segment.Array ?? [], segment.Offset, segment.Count, null);
                    break;
                case IReadOnlyList<Purchase> list:
                    parts[i] = new Part(null, 0, list.Count, list);
                    break;
                default:
                    return null;
            }

            total += parts[i].Count;
        }

        return total >= threshold ? parts : null;
    }

    /// <summary>
    /// Feeds each partition's sink its records in input order (sinks made by <paramref name="create"/>, one per
    /// partition) and numbers the customers in the order of their first kept record.
    /// </summary>
    /// <param name="parts">The records, part after part.</param>
    /// <param name="dayNumbers">Makes a converter of Unix ticks to local day numbers (one per chunk read: it need not be thread-safe).</param>
    /// <param name="create">Makes an empty sink with room for about as many records as a partition receives (see <see cref="Room"/>).</param>
    /// <param name="watch">Progress (records applied) and cancellation; may be null.</param>
    /// <param name="threads">How many threads to use.</param>
    /// <param name="parameter">The parameter a null record is reported against.</param>
    /// <param name="chunkSize">Records per chunk, at most <see cref="ChunkSize"/> (tests lower it to cut small inputs into many chunks).</param>
    /// <returns>The sinks and the customers' numbers; dispose it (it disposes the sinks).</returns>
    /// <exception cref="ArgumentNullException">A record is null (the first in input order).</exception>
    /// <exception cref="CurrencyMismatchException">Kept records are in more than one currency: the first currency met and the first other one, in input order, as one pass reports them.</exception>
    public static Outcome<TSink> Run<TSink>(Part[] parts, Func<Func<long, int>> dayNumbers, Func<Capacity, TSink> create, ProgressWatch? watch, int threads, string parameter, int chunkSize = ChunkSize)
        where TSink : class, IOwnedSink
    {
        var size = Math.Clamp(chunkSize, 1, ChunkSize);
        var chunks = Cut(parts, size, out var total);
        var bits = PartitionBits(total);
        var partitions = 1 << bits;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        var sinks = new TSink[partitions];
        Window? window = null;
        try
        {
            var room = Room(total, partitions);
            for (var p = 0; p < partitions; p++)
            {
                sinks[p] = create(room);
            }

            var firstRecords = new List<long>[partitions]; // per partition: the numbers of the records that met a customer first
            for (var p = 0; p < partitions; p++)
            {
                firstRecords[p] = new List<long>(room.Customers);
            }

            window = new Window(Math.Min(WindowChunks(total, size), Math.Max(chunks.Length, 1)), size, partitions);
            var firstKept = new long[partitions];
            var mismatch = new (long Record, Currency Actual, string? Parameter)[partitions];
            Array.Fill(firstKept, -1);
            for (var p = 0; p < partitions; p++)
            {
                mismatch[p].Record = -1;
            }

            for (var first = 0; first < chunks.Length; first += window.Chunks)
            {
                var count = Math.Min(window.Chunks, chunks.Length - first);
                window.Sort(parts, chunks, first, count, bits, dayNumbers, options, watch, parameter);
                Concurrency.Partitioned.For(partitions, options, p =>
                {
                    if (mismatch[p].Record >= 0)
                    {
                        return; // this partition's sink refused a currency: the run fails
                    }

                    var sink = sinks[p];
                    var firstRecord = firstRecords[p];
                    var currencies = window.Currencies;
                    for (var k = first; k < first + count; k++)
                    {
                        watch?.CancellationToken.ThrowIfCancellationRequested();
                        var chunk = chunks[k];
                        var (entries, from, to) = window.Of(k - first, p);
                        var ids = window.Ids(k - first);
                        for (var j = from; j < to; j++)
                        {
                            ref readonly var entry = ref entries[j];
                            if (j + (2 * Ahead) < to)
                            {
                                // What the owner will read for the entries ahead, in two steps: the customer's slot,
                                // then (the slot arrived) their key and state. The id lies in the chunk's ids, away
                                // from the entry: fetched for when the customer is new (a fetch for every entry costs
                                // less than the misses it saves).
                                sink.Ahead(in entries[j + (2 * Ahead)].Key, state: false);
                                ref readonly var ahead = ref entries[j + Ahead];
                                sink.Ahead(in ahead.Key, state: true);
                                Prefetch.Line(ref ids[ahead.Number]);
                            }

                            var number = chunk.Number + entry.Number;
                            var before = sink.Customers;
                            try
                            {
                                sink.AddOwned(in entry, in ids[entry.Number], currencies[entry.CurrencyCode]);
                            }
                            catch (CurrencyMismatchException e)
                            {
                                mismatch[p] = (number, e.Actual, e.ParamName);
                                return;
                            }

                            if (sink.Customers != before)
                            {
                                firstRecord.Add(number);
                            }

                            if (firstKept[p] < 0 && sink.Currency != default)
                            {
                                firstKept[p] = number;
                            }
                        }

                        watch?.Advance(to - from);
                    }
                });
            }

            var currency = Currency(sinks, firstKept, mismatch);
            var firsts = new long[(total + 63) / 64];
            foreach (var list in firstRecords)
            {
                foreach (var number in list)
                {
                    firsts[number >> 6] |= 1L << (int)(number & 63);
                }
            }

            var (globalOf, customers) = Number(firstRecords, firsts, options);
            return new Outcome<TSink>(sinks, globalOf, customers, currency);
        }
        catch
        {
            foreach (var sink in sinks)
            {
                sink?.Dispose();
            }

            throw;
        }
        finally
        {
            window?.Dispose();
        }
    }

    /// <summary>
    /// Chunks per window: a quarter of the records, between 4 and 32 chunks. A partition's owner loads its customers
    /// into cache once per window, so a window should hold several records per customer; each record waits in it as
    /// a 48-byte entry and its 16-byte id (up to 134 MB for 32 chunks, kept for the next call).
    /// </summary>
    private static int WindowChunks(long total, int size) => (int)Math.Clamp(total / 4 / size, 4, 32);

    /// <summary>
    /// The room a partition's sink makes at the start: the records a partition receives on average (the customer ids'
    /// hashes spread them evenly), an eighth more for the spread; a customer for every four of them for the hash
    /// table and the lists of ids and first records (a customer base buys a few times a customer: where they buy
    /// more, these start larger than needed, which costs less than doubling them where they buy fewer), and one for
    /// each record as the most customers, for the tables filled in order, whose unwritten pages cost nothing: those
    /// never double as the records arrive.
    /// </summary>
    private static Capacity Room(long total, int partitions)
    {
        var each = total / partitions;
        var records = (int)Math.Min(each + (each / 8) + 64, Capacity.MaxPurchases);
        return Capacity.ForPurchases(records, 4) with { MostCustomers = records };
    }

    /// <summary>Fewer than 8,192 records per partition where 256 partitions suffice (16 at least).</summary>
    private static int PartitionBits(long total)
    {
        var bits = 4;
        while (bits < 8 && (total >> (bits + 13)) > 0)
        {
            bits++;
        }

        return bits;
    }

    private static Chunk[] Cut(Part[] parts, int size, out long total)
    {
        var chunks = new List<Chunk>();
        total = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            for (var start = 0; start < parts[i].Count; start += size)
            {
                var length = Math.Min(size, parts[i].Count - start);
                chunks.Add(new Chunk(i, start, length, total + start));
            }

            total += parts[i].Count;
        }

        return [.. chunks];
    }

    /// <summary>
    /// The currency of the first kept record, or the mismatch one pass in input order meets first: in each partition
    /// that is either its first kept record (when its currency differs) or the record its sink refused.
    /// </summary>
    private static Currency Currency<TSink>(TSink[] sinks, long[] firstKept, (long Record, Currency Actual, string? Parameter)[] mismatch)
        where TSink : IOwnedSink
    {
        var first = -1;
        for (var p = 0; p < sinks.Length; p++)
        {
            if (firstKept[p] >= 0 && (first < 0 || firstKept[p] < firstKept[first]))
            {
                first = p;
            }
        }

        if (first < 0)
        {
            return default;
        }

        var expected = sinks[first].Currency;
        (long Record, Currency Actual, string? Parameter) earliest = (long.MaxValue, default, null);
        for (var p = 0; p < sinks.Length; p++)
        {
            var candidate = sinks[p].Currency != expected && firstKept[p] >= 0
                ? (firstKept[p], sinks[p].Currency, mismatch[p].Parameter ?? mismatch[first].Parameter)
                : mismatch[p];
            if (candidate.Item1 >= 0 && candidate.Item1 < earliest.Record)
            {
                earliest = candidate;
            }
        }

        return earliest.Record == long.MaxValue ? expected : throw new CurrencyMismatchException(expected, earliest.Actual, earliest.Parameter ?? "purchase");
    }

    /// <summary>
    /// Numbers the customers in the order of their first kept record: per partition, each customer's number. A
    /// customer's number is the rank of their first record among all first records, counted in
    /// <paramref name="firsts"/> (a bit per record): the first records before its 64-record word, then those before it
    /// in the word. No record is read again.
    /// </summary>
    /// <param name="firstRecords">Per partition, the first records of its customers, in the order the sink numbered them (ascending).</param>
    /// <param name="firsts">Every first record's bit.</param>
    /// <param name="options">The threads.</param>
    private static (int[][] GlobalOf, int Customers) Number(List<long>[] firstRecords, long[] firsts, ParallelOptions options)
    {
        var before = new int[firsts.Length + 1]; // per word, the first records before it
        for (var w = 0; w < firsts.Length; w++)
        {
            before[w + 1] = before[w] + System.Numerics.BitOperations.PopCount((ulong)firsts[w]);
        }

        var globalOf = new int[firstRecords.Length][];
        Concurrency.Partitioned.For(firstRecords.Length, options, p =>
        {
            var records = firstRecords[p];
            var numbers = globalOf[p] = new int[records.Count];
            for (var i = 0; i < numbers.Length; i++)
            {
                var record = records[i];
                var word = (int)(record >> 6);
                numbers[i] = before[word] + System.Numerics.BitOperations.PopCount((ulong)firsts[word] & ((1UL << (int)(record & 63)) - 1));
            }
        });

        return (globalOf, before[firsts.Length]);
    }

    /// <summary>An indexed part of the records: an array range, or a read-only list.</summary>
    internal readonly record struct Part(Purchase[]? Array, int Offset, int Count, IReadOnlyList<Purchase>? List)
    {
        public Purchase? this[int index] => Array is { } array ? array[Offset + index] : List![index];
    }

    /// <summary>
    /// The chunks of one window, each chunk's records read in order into entries sorted by partition (a counting
    /// sort), so that a partition's owner reads its entries one after another and never the records themselves: per
    /// record of the window a 48-byte entry (a plain value) and its id in input order, both rented (see
    /// <see cref="WorkArrays{T}"/>) and reused from window to window and from call to call.
    /// </summary>
    private sealed class Window : IDisposable
    {
        private readonly OwnedEntry[][] _entries;
        private readonly CustomerId[][] _ids;
        private readonly int[] _starts;
        private readonly int _partitions;

        public Window(int chunks, int size, int partitions)
        {
            _partitions = partitions;
            _starts = new int[chunks * (partitions + 1)];
            _entries = new OwnedEntry[chunks][];
            _ids = new CustomerId[chunks][];
            for (var slot = 0; slot < chunks; slot++)
            {
                _entries[slot] = WorkArrays<OwnedEntry>.Rent(size);
                _ids[slot] = WorkArrays<CustomerId>.Rent(size);
            }
        }

        public int Chunks => _entries.Length;

        /// <summary>Per currency code number (<see cref="OwnedEntry.CodeOf"/>), the currency, for the codes the window's records used.</summary>
        public Currency[] Currencies { get; } = new Currency[OwnedEntry.CurrencyCodes];

        /// <summary>Partition <paramref name="p"/>'s entries of the window's chunk <paramref name="slot"/>: the entries and the range.</summary>
        public (OwnedEntry[] Entries, int From, int To) Of(int slot, int p) =>
            (_entries[slot], _starts[(slot * (_partitions + 1)) + p], _starts[(slot * (_partitions + 1)) + p + 1]);

        /// <summary>The customer ids of the window's chunk <paramref name="slot"/>, in input order (an entry's <see cref="OwnedEntry.Number"/> indexes them).</summary>
        public CustomerId[] Ids(int slot) => _ids[slot];

        /// <summary>Reads chunks <paramref name="first"/>.. into entries sorted by partition, on several threads; a null record is reported, the first in input order.</summary>
        public void Sort(Part[] parts, Chunk[] all, int first, int count, int bits, Func<Func<long, int>> dayNumbers, ParallelOptions options, ProgressWatch? watch, string parameter)
        {
            var partitions = _partitions;
            var firstNull = new int[count];
            Concurrency.Partitioned.For(count, options, slot =>
            {
                watch?.CancellationToken.ThrowIfCancellationRequested();
                var chunk = all[first + slot];
                var part = parts[chunk.Part];
                var bounds = _starts.AsSpan(slot * (partitions + 1), partitions + 1);
                bounds.Clear();
                var ids = _ids[slot];
                var partitionOf = WorkArrays<byte>.Rent(chunk.Length);
                try
                {
                    firstNull[slot] = -1;
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        if (part[chunk.Start + i] is not { } purchase)
                        {
                            firstNull[slot] = i;
                            return;
                        }

                        var id = purchase.CustomerId;
                        ids[i] = id;
                        var p = (byte)((uint)id.GetHashCode() >> (32 - bits));
                        partitionOf[i] = p;
                        bounds[p + 1]++;
                    }

                    for (var p = 0; p < partitions; p++)
                    {
                        bounds[p + 1] += bounds[p];
                    }

                    var entries = _entries[slot];
                    var days = dayNumbers();
                    var currencies = Currencies;
                    string? code = null; // the code of the run of records in one currency
                    var number = 0;
                    Span<int> next = stackalloc int[partitions];
                    bounds[..partitions].CopyTo(next);
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        var purchase = part[chunk.Start + i]!;
                        var amount = purchase.Amount;
                        if (!ReferenceEquals(amount.Currency.Code, code))
                        {
                            code = amount.Currency.Code;
                            number = OwnedEntry.CodeOf(amount.Currency);
                            currencies[number] = amount.Currency; // the same value from every thread that writes it
                        }

                        ref var entry = ref entries[next[partitionOf[i]]++];
                        entry.Key = OwnedKey.Of(ids[i]);
                        entry.Amount = amount.Amount;
                        entry.Day = days(purchase.OccurredAt.ToUnixTimeTicks());
                        entry.Number = (ushort)i;
                        entry.SetKind(number, purchase.IsSale);
                    }
                }
                finally
                {
                    WorkArrays<byte>.Return(partitionOf);
                }
            });

            for (var slot = 0; slot < count; slot++)
            {
                if (firstNull[slot] >= 0)
                {
                    throw new ArgumentNullException(parameter, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Record {all[first + slot].Number + firstNull[slot]} is null."));
                }
            }
        }

        /// <summary>Gives the arrays back: the entries as they are (plain values), the ids cleared (so that the kept arrays hold no record's id).</summary>
        public void Dispose()
        {
            for (var slot = 0; slot < _entries.Length; slot++)
            {
                WorkArrays<OwnedEntry>.Return(_entries[slot]);
                WorkArrays<CustomerId>.Return(_ids[slot], clearArray: true);
            }
        }
    }

    /// <summary>A run of at most 65,536 records of one part; <paramref name="Number"/> is its first record's number across all parts.</summary>
    private readonly record struct Chunk(int Part, int Start, int Length, long Number);

    /// <summary>The sinks, one per partition, and each of their customers' numbers in first-record order.</summary>
    internal sealed class Outcome<TSink>(TSink[] sinks, int[][] globalOf, int customers, Currency currency) : IDisposable
        where TSink : IOwnedSink
    {
        /// <summary>The sinks, one per partition.</summary>
        public TSink[] Sinks { get; } = sinks;

        /// <summary>Per partition, per customer of its sink, the customer's number over all partitions.</summary>
        public int[][] GlobalOf { get; } = globalOf;

        /// <summary>How many customers all the sinks hold.</summary>
        public int Customers { get; } = customers;

        /// <summary>The one currency of the kept records (default when none was kept).</summary>
        public Currency Currency { get; } = currency;

        public void Dispose()
        {
            foreach (var sink in Sinks)
            {
                sink.Dispose();
            }
        }
    }
}
