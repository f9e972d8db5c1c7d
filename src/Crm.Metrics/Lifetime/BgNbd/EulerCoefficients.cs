namespace Crm.Metrics.Lifetime.BgNbd;

/// <summary>
/// The coefficients C_j = (p)_j (q)_j / ((c)_j j!) of W's series in Euler's form (see <see cref="DiscountedWhileAlive"/>)
/// for each x, under one set of BG/NBD parameters: p = a + b − 1 − r, q = a − 1 and c = a + b + x − 1 do not depend on
/// the age, so the ages of one parameter draw share them. Each thread keeps one table, for the parameters it summed
/// last; a call with other parameters starts it again, keeping its arrays for reuse while they hold no more than
/// <see cref="MostKept"/> coefficients in all.
/// </summary>
internal sealed class EulerCoefficients
{
    /// <summary>The room a slot starts with: an x of many purchases needs few terms.</summary>
    public const int FirstRoom = 64;

    /// <summary>
    /// The most coefficients (8 bytes each) a thread's table keeps between parameter sets: a base of thousands of
    /// distinct x's would otherwise hold their arrays for as long as the thread lives.
    /// </summary>
    public const long MostKept = 1 << 17;

    [ThreadStatic]
    private static EulerCoefficients? t_table;

    private readonly Dictionary<int, int> _slotOf = [];
    private double[]?[] _values = [];
    private int[] _counts = [];
    private int[] _xOf = [];
    private int _used;
    private bool _ready; // whether (r, a, b) below are a parameter set's
    private double _r;
    private double _a;
    private double _b;

    /// <summary>The calling thread's table for (r, a, b): its own if it last served these parameters, else emptied for them.</summary>
    public static EulerCoefficients For(double r, double a, double b)
    {
        var table = t_table ??= new EulerCoefficients();
        if (!table._ready || table._r != r || table._a != a || table._b != b)
        {
            table._slotOf.Clear();
            table._used = 0;
            (table._ready, table._r, table._a, table._b) = (true, r, a, b);
            if (table.Kept > MostKept)
            {
                (table._values, table._counts, table._xOf) = ([], [], []);
            }
        }

        return table;
    }

    /// <summary>The room of the arrays the table holds, in coefficients.</summary>
    public long Kept
    {
        get
        {
            long room = 0;
            foreach (var values in _values)
            {
                room += values?.Length ?? 0;
            }

            return room;
        }
    }

    /// <summary>The place of <paramref name="x"/>'s coefficients, made with C_0 = 1 on its first call.</summary>
    public int Slot(int x)
    {
        if (_slotOf.TryGetValue(x, out var slot))
        {
            return slot;
        }

        slot = _used++;
        if (slot == _values.Length)
        {
            Array.Resize(ref _values, Math.Max(16, 2 * slot));
            Array.Resize(ref _counts, _values.Length);
            Array.Resize(ref _xOf, _values.Length);
        }

        var values = _values[slot] is { Length: >= FirstRoom } kept ? kept : new double[FirstRoom];
        values[0] = 1;
        _values[slot] = values;
        _counts[slot] = 1;
        _xOf[slot] = x;
        _slotOf.Add(x, slot);
        return slot;
    }

    /// <summary>C_0 … C_{n−1} of the slot's x, n = <see cref="Count"/>.</summary>
    public double[] Values(int slot) => _values[slot]!;

    /// <summary>How many of the slot's coefficients are computed.</summary>
    public int Count(int slot) => _counts[slot];

    /// <summary>
    /// The slot's coefficients up to <paramref name="count"/> (exclusive), each the one before times
    /// (p + j)(q + j) / ((c + j)(j + 1)), in this order of operations.
    /// </summary>
    public void Extend(int slot, int count)
    {
        var values = _values[slot]!;
        if (count > values.Length)
        {
            var grown = new double[Math.Max(count, 2 * values.Length)];
            Array.Copy(values, grown, _counts[slot]);
            _values[slot] = values = grown;
        }

        var (p, q, c) = (_a + _b - 1 - _r, _a - 1, _a + _b + _xOf[slot] - 1);
        var coefficient = values[_counts[slot] - 1];
        for (var j = _counts[slot] - 1; j + 1 < count; j++)
        {
            double term = j;
            coefficient *= (p + term) * (q + term) / ((c + term) * (term + 1));
            values[j + 1] = coefficient;
        }

        _counts[slot] = Math.Max(_counts[slot], count);
    }
}
