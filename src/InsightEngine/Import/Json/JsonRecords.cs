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

    /// <summary>True when the file's first non-blank byte (after a BOM) opens a JSON object or array.</summary>
    public static bool LooksLikeJson(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[512];
        var n = stream.Read(head);
        var i = n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        while (i < n && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return i < n && head[i] is (byte)'{' or (byte)'[';
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
                            break;
                        case Phase.Start when reader.TokenType == JsonTokenType.StartObject:
                            phase = Phase.TopObject;
                            break;
                        case Phase.Start:
                            throw new ImportException(file, "is JSON but not an object or array of records", 1);
                        case Phase.TopObject or Phase.AfterArray when reader.TokenType == JsonTokenType.PropertyName:
                            pendingProperty = reader.GetString();
                            if (phase == Phase.TopObject) topKeys.Add(pendingProperty!);
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
                throw new ImportException(file, $"is not valid JSON: {FirstSentence(e.Message)}", (e.LineNumber ?? 0) + 1, inner: e);
            }

            if (phase == Phase.Done) break;
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
        return new JsonShape(foundProperty, new HashSet<string>(), topKeys);
    }

    private static int CountNewlines(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}
