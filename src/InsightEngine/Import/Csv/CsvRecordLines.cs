namespace InsightEngine.Import.Csv;

/// <summary>
/// Finds the physical line on which given data records start. DuckDB's reader numbers records, not lines, and a
/// quoted cell may span lines, so this scans the file once, quote-aware, only when a reject needs a line number.
/// Blank lines are skipped like the reader skips them. Record 0 is the first data row (the header is line 1).
/// </summary>
public static class CsvRecordLines
{
    /// <summary>Maps each wanted 0-based record ordinal to its 1-based starting line.</summary>
    public static Dictionary<long, long> Find(string path, IEnumerable<long> ordinals, int skipLines = 0)
    {
        var wanted = new HashSet<long>(ordinals);
        var result = new Dictionary<long, long>(wanted.Count);
        if (wanted.Count == 0) return result;
        var max = wanted.Max();

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 16];
        long line = 1, record = -1 - skipLines;   // the header is record -1 (after any skipped lines)
        bool inQuote = false, atRecordStart = false, previousWasCr = false;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b == (byte)'\n' && previousWasCr) { previousWasCr = false; continue; } // \r\n is one break
                previousWasCr = b == (byte)'\r';
                var isBreak = b == (byte)'\n' || b == (byte)'\r';

                if (atRecordStart && !isBreak)
                {
                    record++;
                    atRecordStart = false;
                    if (wanted.Contains(record)) result[record] = line;
                    if (record >= max) return result;
                }

                if (b == (byte)'"') inQuote = !inQuote;
                else if (isBreak)
                {
                    line++;
                    if (!inQuote) atRecordStart = true;
                }
            }
        }
        return result;
    }
}
