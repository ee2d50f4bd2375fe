using System.Text.Json;

namespace InsightEngine.Import.Json;

/// <summary>What the start of a JSON export looks like: where its records are and the keys of the first one.</summary>
/// <param name="RecordsProperty">The top-level property holding the record array (<c>incidents</c>, <c>data</c>, ...), or null when the file is a bare array.</param>
/// <param name="FirstRecordKeys">Keys of the first record (empty when the array is empty).</param>
/// <param name="TopLevelKeys">Top-level property names seen before the record array.</param>
public sealed record JsonShape(string? RecordsProperty, IReadOnlySet<string> FirstRecordKeys, IReadOnlyList<string> TopLevelKeys);

/// <summary>
/// Streams the records of a JSON export — the objects of a bare top-level array, or of the array held by one top-level
/// property (<c>{"incidents": [...], "more": false}</c>) — one parsed record at a time with the line it starts on, so a
/// large dump is read in bounded memory. Invalid JSON throws <see cref="ImportException"/> with the line.
/// </summary>
public static class JsonRecords
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// True when the file's first non-blank byte (after a BOM) opens a JSON object or array, or the whole (small) file
    /// is one JSON value (<c>42</c>, <c>"text"</c>, <c>null</c>): refused then as JSON without records, not misread as a
    /// CSV header.
    /// </summary>
    public static bool LooksLikeJson(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4096];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var i = n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        while (i < n && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        if (i < n && head[i] is (byte)'{' or (byte)'[') return true;
        if (n == head.Length || i >= n) return false;
        try
        {
            var reader = new Utf8JsonReader(head[i..n], ReaderOptions);
            return reader.Read() && reader.TrySkip() && !reader.Read();   // exactly one value, and nothing after it
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads the shape of the file: the record array's property and the first record's keys.</summary>
    public static JsonShape Sniff(string path, string file)
    {
        HashSet<string> keys = new(StringComparer.Ordinal);
        var shape = Scan(path, file, null, (record, _) =>
        {
            if (record.ValueKind == JsonValueKind.Object)
                foreach (var p in record.EnumerateObject()) keys.Add(p.Name);
            return false; // one record is enough
        });
        return shape with { FirstRecordKeys = keys };
    }

    /// <summary>
    /// Calls <paramref name="onRecord"/> for each record of the array at <paramref name="recordsProperty"/> (null: the
    /// first array of objects found, or the bare top-level array), with the 1-based line the record starts on.
    /// </summary>
    public static void Read(string path, string file, string? recordsProperty, Action<JsonElement, long> onRecord) =>
        Scan(path, file, recordsProperty, (e, line) => { onRecord(e, line); return true; });

    private enum Phase { Start, TopObject, AwaitArray, InArray, AfterArray, Done }

    /// <summary>The streaming loop: a growing buffer, a resumable reader, and a newline count for record lines.</summary>
    private static JsonShape Scan(string path, string file, string? recordsProperty, Func<JsonElement, long, bool> onRecord)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (stream.Length == 0) throw new ImportException(file, "the file is empty: expected a JSON export");
        var buffer = new byte[1 << 16];
        var length = 0;
        var final = false;
        var state = new JsonReaderState(ReaderOptions);
        var phase = Phase.Start;
        string? foundProperty = null, pendingProperty = null;
        var topKeys = new List<string>();
        var bareArray = false;
        long lineAtBufferStart = 1; // line of buffer[0]
        var counted = 0;            // buffer[0..counted) has been counted into countedLines
        long countedLines = 0;
        var first = true;

        while (phase != Phase.Done)
        {
            if (!final)
            {
                if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2); // one token bigger than the buffer
                var n = stream.Read(buffer, length, buffer.Length - length);
                if (n == 0) final = true;
                length += n;
            }

            var span = buffer.AsSpan(0, length);
            if (first && span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF) span = span[3..];
            var skipped = length - span.Length;
            var reader = new Utf8JsonReader(span, final, state);
            var keepGoing = true;
            try
            {
                while (keepGoing)
                {
                    var saved = reader;
                    if (!reader.Read()) break; // needs more data (or the end)
                    switch (phase)
                    {
                        case Phase.Start when reader.TokenType == JsonTokenType.StartArray:
                            phase = Phase.InArray;
                            bareArray = true;
                            break;
                        case Phase.Start when reader.TokenType == JsonTokenType.StartObject:
                            phase = Phase.TopObject;
                            break;
                        case Phase.Start:
                            throw new ImportException(file, $"holds a single JSON value ({Describe(reader.TokenType)}), so it has no array of records: " +
                                "export the records themselves (an object holding an array, such as {\"incidents\": [...]}, or a top-level array)", 1);
                        case Phase.TopObject or Phase.AfterArray when reader.TokenType == JsonTokenType.PropertyName:
                            pendingProperty = reader.GetString();
                            if (topKeys.Contains(pendingProperty!) || (phase == Phase.AfterArray && pendingProperty == foundProperty))
                                throw new ImportException(file, $"has the top-level key '{pendingProperty}' twice: which of its values holds the records is ambiguous " +
                                    "(two responses merged by hand?). Save each page as its own file", lineAtBufferStart + countedLines + CountNewlines(buffer.AsSpan(counted, (int)reader.TokenStartIndex + skipped - counted)));
                            topKeys.Add(pendingProperty!);
                            phase = phase == Phase.TopObject ? Phase.AwaitArray : Phase.AfterArray;
                            if (phase == Phase.AfterArray && !reader.TrySkip()) { reader = saved; keepGoing = false; }
                            break;
                        case Phase.TopObject or Phase.AfterArray when reader.TokenType == JsonTokenType.EndObject:
                            phase = Phase.Done;
                            keepGoing = false;
                            break;
                        case Phase.AwaitArray:
                            var wanted = recordsProperty is null
                                ? reader.TokenType == JsonTokenType.StartArray
                                : string.Equals(pendingProperty, recordsProperty, StringComparison.Ordinal) && reader.TokenType == JsonTokenType.StartArray;
                            if (wanted)
                            {
                                foundProperty = pendingProperty;
                                phase = Phase.InArray;
                            }
                            else if (reader.TrySkip()) phase = Phase.TopObject;
                            else { reader = saved; keepGoing = false; } // the value does not fit yet: re-read it after a refill
                            break;
                        case Phase.InArray when reader.TokenType == JsonTokenType.EndArray:
                            phase = foundProperty is null && topKeys.Count == 0 ? Phase.Done : Phase.AfterArray;
                            if (phase == Phase.Done) keepGoing = false;
                            break;
                        case Phase.InArray:
                            var start = (int)reader.TokenStartIndex + skipped;
                            if (!JsonDocument.TryParseValue(ref reader, out var doc)) { reader = saved; keepGoing = false; break; }
                            using (doc)
                            {
                                countedLines += CountNewlines(buffer.AsSpan(counted, start - counted));
                                counted = start;
                                if (doc.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null)   // a null is an empty record: rejected as one
                                    && recordsProperty is null && foundProperty is not null
                                    && !FormatCatalog.All.OfType<JsonImportFormat>().Any(f => f.RecordsProperty == foundProperty))
                                {
                                    // The first array found is a field of one record (its tags), not a list of records.
                                    throw new ImportException(file, $"has no array of records: its top-level object looks like a single record (keys: " +
                                        $"{string.Join(", ", topKeys.Take(8))}). A file of one JSON object per line (JSON Lines) is not read: " +
                                        "put the records in an array ([{...}, {...}]) or export the API's page as it is", 1);
                                }
                                if (doc.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                                    throw new ImportException(file, $"has records that are not objects: the record on this line is {Describe(doc.RootElement.ValueKind)}. " +
                                        "An export's records are objects with fields ({\"id\": ..., \"created_at\": ...})", lineAtBufferStart + countedLines);
                                if (!onRecord(doc.RootElement, lineAtBufferStart + countedLines)) return new JsonShape(foundProperty, new HashSet<string>(), topKeys);
                            }
                            break;
                        default:
                            throw new ImportException(file, $"is JSON but has {reader.TokenType} where a record or property was expected", lineAtBufferStart + countedLines);
                    }
                }
            }
            catch (JsonException e)
            {
                throw new ImportException(file, $"is not valid JSON: {Explain(e)}", (e.LineNumber ?? 0) + 1, inner: e);   // the reader's state counts lines across refills
            }

            if (phase == Phase.Done)
            {
                // The document has ended: anything but blanks after it is a second document (pages appended with >>,
                // JSON Lines) or an error page, whose records would otherwise be silently left out.
                var rest = (int)reader.BytesConsumed + skipped;
                var line = lineAtBufferStart + countedLines + CountNewlines(buffer.AsSpan(counted, rest - counted));
                if (TrailingContent(stream, buffer.AsSpan(rest, length - rest), ref line))
                    throw new ImportException(file, "holds more than one JSON document: after the first one ends, more follows on this line (pages appended " +
                        "into one file, JSON Lines, or an error page after the data). Save each page as its own file; records are read from one document " +
                        "holding an array", line);
                break;
            }
            if (final)
                throw new ImportException(file, "is not valid JSON: the file ends before its records are closed (truncated?)",
                    lineAtBufferStart + countedLines + CountNewlines(buffer.AsSpan(counted, length - counted)));

            // Keep the unread tail: shift it to the front, counting the newlines of what is dropped.
            var consumed = (int)reader.BytesConsumed + skipped;
            if (consumed > 0) first = false;
            state = reader.CurrentState;
            // Records start before the point the reader consumed to, so counted <= consumed.
            countedLines += CountNewlines(buffer.AsSpan(counted, consumed - counted));
            lineAtBufferStart += countedLines;
            countedLines = 0;
            counted = 0;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
        }

        if (recordsProperty is not null && foundProperty is null)
        {
            throw new ImportException(file, $"has no '{recordsProperty}' array of records. Its top-level keys are: {string.Join(", ", topKeys)}", 1);
        }
        if (recordsProperty is null && foundProperty is null && topKeys.Count > 0)
        {
            throw new ImportException(file, $"has no array of records. Its top-level keys are: {string.Join(", ", topKeys)}", 1);
        }
        if (recordsProperty is null && foundProperty is null && phase == Phase.Done && topKeys.Count == 0 && !bareArray)
        {
            throw new ImportException(file, "is an empty JSON object ({}): it has no array of records", 1);
        }
        return new JsonShape(foundProperty, new HashSet<string>(), topKeys);
    }

    private static int CountNewlines(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');

    /// <summary>True if anything but blanks follows the document (in the buffer's rest, then the stream); <paramref name="line"/> ends on its line.</summary>
    private static bool TrailingContent(Stream stream, ReadOnlySpan<byte> rest, ref long line)
    {
        var chunk = new byte[1 << 16];
        while (true)
        {
            foreach (var b in rest)
            {
                if (b == (byte)'\n') line++;
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return true;
            }
            var n = stream.Read(chunk, 0, chunk.Length);
            if (n == 0) return false;
            rest = chunk.AsSpan(0, n);
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    /// <summary>System.Text.Json's complaint in our words: what is wrong with the file and what to do.</summary>
    private static string Explain(JsonException e)
    {
        var m = e.Message;
        var column = e.BytePositionInLine is { } p ? $" (column {p + 1})" : "";
        if (m.Contains("Expected depth to be zero", StringComparison.Ordinal) || m.Contains("end of the JSON payload", StringComparison.Ordinal)
            || m.Contains("Expected a value, but instead reached end of data", StringComparison.Ordinal))
            return "it ends before every object and array is closed: the file looks truncated (an interrupted download?). Export it again";
        if (m.Contains("maximum configured depth", StringComparison.Ordinal))
            return "it nests objects or arrays more than 64 levels deep, which no export does" + column;
        var invalidStart = System.Text.RegularExpressions.Regex.Match(m, "^'(.{1,4})' is an invalid start of a value");
        if (invalidStart.Success)
        {
            var c = invalidStart.Groups[1].Value;
            var hint = c is "N" or "I" or "-" ? " (NaN and Infinity are not JSON numbers)" : c == "'" ? " (JSON strings take double quotes)" : "";
            return $"a value cannot start with '{c}'{hint}{column}";
        }
        if (m.Contains("is invalid after a single JSON value", StringComparison.Ordinal))
            return "more follows after the JSON document ends (pages appended into one file, or JSON Lines): save each page as its own file" + column;
        if (m.Contains("invalid within a JSON string", StringComparison.Ordinal) || m.Contains("must be escaped", StringComparison.Ordinal))
            return "a string holds a raw control character (a tab or line break must be escaped as \\t or \\n)" + column;
        if (m.Contains("invalid UTF-8", StringComparison.OrdinalIgnoreCase) || m.Contains("Invalid UTF-8", StringComparison.Ordinal))
            return "it holds bytes that are not UTF-8 text: export it again as UTF-8" + column;
        if (m.Contains("trailing comma", StringComparison.OrdinalIgnoreCase) || m.Contains("is invalid after a value", StringComparison.Ordinal)
            || m.Contains("is invalid after a property name", StringComparison.Ordinal) || m.Contains("is an invalid end of a number", StringComparison.Ordinal)
            || m.Contains("Expected", StringComparison.Ordinal) || m.Contains("invalid", StringComparison.OrdinalIgnoreCase))
            return "a character here breaks the JSON syntax (a missing comma, quote or bracket)" + column;
        return "its syntax is broken here" + column;
    }

}
