namespace Crm.Report.Input;

/// <summary>
/// The lines of a text, as <see cref="TextReader.ReadLine"/> splits them (at "\n", "\r" or "\r\n", the last line with
/// or without its end), read in place from one buffer instead of as a string each.
/// </summary>
/// <param name="reader">The text.</param>
/// <param name="buffer">The buffer's first size in characters (it doubles for a longer line); small in tests, to cross its ends often.</param>
internal sealed class CsvLines(TextReader reader, int buffer = CsvLines.DefaultBuffer)
{
    /// <summary>The buffer's size unless told: 16 Ki characters.</summary>
    public const int DefaultBuffer = 16 * 1024;

    private char[] _buffer = new char[Math.Max(buffer, 1)];
    private int _start;
    private int _end;
    private bool _ended;

    /// <summary>The next line, valid until the next call; false at the end of the text.</summary>
    public bool TryRead(out ReadOnlySpan<char> line)
    {
        var scanned = _start;
        while (true)
        {
            var at = _buffer.AsSpan(scanned, _end - scanned).IndexOfAny('\r', '\n');
            if (at >= 0)
            {
                var stop = scanned + at;
                if (_buffer[stop] == '\r' && stop + 1 == _end && !_ended)
                {
                    // A "\r" at the end of what was read may be the start of "\r\n": read on before deciding.
                    var offset = stop - _start;
                    Fill();
                    scanned = _start + offset;
                    continue;
                }

                var next = stop + (_buffer[stop] == '\r' && stop + 1 < _end && _buffer[stop + 1] == '\n' ? 2 : 1);
                line = _buffer.AsSpan(_start, stop - _start);
                _start = next;
                return true;
            }

            if (_ended)
            {
                line = _buffer.AsSpan(_start, _end - _start);
                var any = _start < _end;
                _start = _end;
                return any;
            }

            var seen = _end - _start;
            Fill();
            scanned = _start + seen;
        }
    }

    /// <summary>Moves the unread text to the buffer's start (or doubles the buffer when a line fills it) and reads more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        else if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _ended = true;
        }
        else
        {
            _end += read;
        }
    }
}
