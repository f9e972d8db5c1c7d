namespace Crm.Report.Input;

/// <summary>
/// The fields of one CSV record, unquoted and trimmed, side by side in one buffer that is reused from record to
/// record: reading a row makes no string, and a field becomes one only when it is asked for as a string.
/// </summary>
internal sealed class CsvRecord
{
    private char[] _chars = new char[256];
    private int _length;
    private int[] _starts = new int[16];
    private int[] _ends = new int[16];

    /// <summary>How many fields the record has.</summary>
    public int Count { get; private set; }

    /// <summary>A field's text (valid until the record is read again).</summary>
    public ReadOnlySpan<char> this[int index] =>
        (uint)index < (uint)Count ? _chars.AsSpan(_starts[index], _ends[index] - _starts[index]) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>A field as a string.</summary>
    public string ToString(int index) => new(this[index]);

    /// <summary>Every field as a string.</summary>
    public string[] ToArray()
    {
        var fields = new string[Count];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = ToString(i);
        }

        return fields;
    }

    /// <summary>Makes this record a copy of <paramref name="other"/>: its fields' text in one move, and their bounds.</summary>
    public void CopyFrom(CsvRecord other)
    {
        if (_chars.Length < other._length)
        {
            _chars = new char[Math.Max(_chars.Length * 2, other._length)];
        }

        if (_starts.Length < other.Count)
        {
            _starts = new int[other._starts.Length];
            _ends = new int[other._ends.Length];
        }

        other._chars.AsSpan(0, other._length).CopyTo(_chars);
        other._starts.AsSpan(0, other.Count).CopyTo(_starts);
        other._ends.AsSpan(0, other.Count).CopyTo(_ends);
        (_length, Count) = (other._length, other.Count);
    }

    /// <summary>Empties the record for the next one.</summary>
    public void Clear() => (_length, Count) = (0, 0);

    /// <summary>Adds a whole field.</summary>
    public void Add(ReadOnlySpan<char> field)
    {
        Begin();
        Append(field);
        End();
    }

    /// <summary>Starts a field that is appended piece by piece (a quoted one).</summary>
    public void Begin()
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _ends, Count * 2);
        }

        _starts[Count] = _length;
    }

    /// <summary>Appends to the field begun.</summary>
    public void Append(char c)
    {
        if (_length == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[_length++] = c;
    }

    /// <summary>Appends to the field begun.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + text.Length));
        }

        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary>Ends the field begun.</summary>
    public void End() => _ends[Count++] = _length;
}
