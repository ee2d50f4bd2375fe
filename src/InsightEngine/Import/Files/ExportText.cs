using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace InsightEngine.Import.Files;

/// <summary>
/// What one scan of an export file found: the encoding it is written in, its line ends, and its SHA-256. Real exports
/// arrive as UTF-8 (with or without a BOM), UTF-16 (Excel's "Unicode text"), or Windows-1252 (ServiceNow and Excel on
/// Western Windows: <c>0x96</c> en dash, <c>0xFC</c> ü); ServiceNow's Table API CSV writes <c>\r\r\n</c> line ends.
/// DuckDB's reader takes UTF-8 with <c>\n</c> or <c>\r\n</c> only, so anything else is transcoded to a temporary
/// UTF-8 copy (see <see cref="PreparedExport"/>) with the same physical lines, so every line number still names the
/// user's own file.
/// </summary>
/// <param name="Encoding">The encoding read: <c>UTF-8</c>, <c>UTF-8 (BOM)</c>, <c>UTF-16 LE</c>, <c>UTF-16 BE</c>, <c>Windows-1252</c>, <c>ASCII</c>.</param>
/// <param name="LineEnds">The line ends seen: <c>\n</c>, <c>\r\n</c>, <c>\r</c>, <c>\r\r\n</c>, or a mix joined by <c>+</c>.</param>
/// <param name="NeedsTranscoding">DuckDB cannot read the file as it is.</param>
/// <param name="Sha256">The file's SHA-256 (lower-case hex).</param>
/// <param name="Bytes">The file's size.</param>
public sealed record ExportTextInfo(string Encoding, string LineEnds, bool NeedsTranscoding, string Sha256, long Bytes);

/// <summary>Detects an export's encoding and line ends in one streaming pass, and refuses files that are not text.</summary>
public static class ExportText
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Windows-1252 (a superset of ISO-8859-1's printable characters), without registering a global provider.</summary>
    internal static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)
                                                   ?? throw new InvalidOperationException("code page 1252 is not available");

    /// <summary>
    /// Scans <paramref name="path"/> once: magic numbers of non-text files, BOMs, UTF-16 without a BOM, whether every byte
    /// is UTF-8, line ends, and the SHA-256. Throws <see cref="ImportException"/> for a file that is not text, naming the
    /// physical line and column of the first offending byte and how many there were.
    /// </summary>
    public static ExportTextInfo Inspect(string path, string file)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkSize + 4];
        var head = new byte[4096];
        var headLength = stream.Read(head, 0, head.Length);
        stream.Position = 0;
        RefuseKnownBinary(file, head.AsSpan(0, headLength));

        var utf16 = Utf16Kind(head.AsSpan(0, headLength));
        if (utf16 is not null)
        {
            // UTF-16 is transcoded as a whole; hashing it is all the scan still has to do.
            int n;
            while ((n = stream.Read(buffer, 0, ChunkSize)) > 0) sha.AppendData(buffer, 0, n);
            return new ExportTextInfo(utf16, "(any)", true, Convert.ToHexStringLower(sha.GetHashAndReset()), stream.Length);
        }

        var bom = headLength >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
        var scan = new Utf8Scan();
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, ChunkSize)) > 0)
        {
            sha.AppendData(buffer, carry, read);
            var length = carry + read;
            var complete = length - IncompleteTail(buffer.AsSpan(0, length));
            scan.Add(file, buffer.AsSpan(0, complete));
            carry = length - complete;
            buffer.AsSpan(complete, carry).CopyTo(buffer);
        }
        if (carry > 0) scan.Add(file, buffer.AsSpan(0, carry)); // a sequence cut off by the end of the file is invalid

        // Text has almost no control characters besides tab and line ends; random or compressed data has many.
        if (scan.ControlBytes > Math.Max(8, stream.Length / 200))
        {
            throw new ImportException(file,
                $"is not a text file: {scan.ControlBytes:N0} of its bytes are control characters (binary data, or a compressed or encrypted file). " +
                "Import the CSV or JSON export itself", 1);
        }
        var lineEnds = scan.LineEnds;
        string encoding;
        if (scan.BadBytes == 0) encoding = bom ? "UTF-8 (BOM)" : scan.Multibyte > 0 ? "UTF-8" : "ASCII";
        // In Windows-1252 text an accented capital followed by a symbol (É + non-breaking space) can form a valid UTF-8
        // pair by accident: a file whose bad bytes outnumber its well-formed sequences is Windows-1252.
        // A valid three- or four-byte sequence (an en dash, a euro sign, an emoji) does not happen by accident in
        // Windows-1252 text, so a file holding one is UTF-8 with some bad bytes: mixed, refused below.
        else if (!bom && scan.BadBytes > scan.Multibyte && (scan.LongSequences == 0 || scan.BadBytes > 4 * scan.Multibyte)) encoding = "Windows-1252";
        else
        {
            throw new ImportException(file,
                $"mixes encodings: most of it is UTF-8, but byte 0x{scan.FirstBadByte:X2} at line {scan.FirstBadLine}, column {scan.FirstBadColumn} is not " +
                $"({scan.BadBytes:N0} such bytes beside {scan.Multibyte:N0} UTF-8 characters). Export it again as UTF-8, or open and save it as UTF-8 in an editor that shows the encoding.",
                scan.FirstBadLine);
        }
        var transcode = encoding == "Windows-1252" || scan.CrCrLf || (scan.LoneCr && !scan.Lf);
        return new ExportTextInfo(encoding, lineEnds, transcode, Convert.ToHexStringLower(sha.GetHashAndReset()), stream.Length);
    }

    /// <summary>
    /// True when the first MiB is plain UTF-8 (or ASCII) with <c>\n</c> or <c>\r\n</c> line ends and nothing binary: the
    /// file can be read as it is while <see cref="Inspect"/> checks the rest.
    /// </summary>
    public static bool LooksPlainUtf8(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var head = new byte[ChunkSize];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var data = head.AsSpan(0, n);
        if (n == 0 || Utf16Kind(data) is not null || data.IndexOf((byte)0) >= 0) return false;
        try
        {
            RefuseKnownBinary("", data);
        }
        catch (ImportException)
        {
            return false;
        }
        var complete = data[..(n - IncompleteTail(data))];
        if (!Utf8.IsValid(complete) || complete.IndexOf("\r\r"u8) >= 0) return false;
        var cr = complete.IndexOf((byte)'\r');
        return cr < 0 || complete.Contains((byte)'\n');
    }

    /// <summary>The decoder for an encoding name <see cref="Inspect"/> returned.</summary>
    internal static Encoding Decoder(string encoding) => encoding switch
    {
        // Strict: an unpaired surrogate or a cut-off last character is refused with its line, never turned into U+FFFD.
        "UTF-16 LE" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true),
        "UTF-16 BE" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true),
        "UTF-32 LE" => new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: true),
        "UTF-32 BE" => new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: true),
        "Windows-1252" => Windows1252,
        _ => new UTF8Encoding(false),
    };

    /// <summary>
    /// Writes <paramref name="source"/> as UTF-8 without a BOM to <paramref name="target"/>, each line end kept as one line
    /// end: <c>\r\r\n</c> becomes <c>\r\n</c>, a lone <c>\r</c> (old Mac files) becomes <c>\n</c>. Line numbers in the copy
    /// are the original's.
    /// </summary>
    internal static void Transcode(string source, Encoding encoding, string target, bool rewriteLineEnds, string file)
    {
        if (!rewriteLineEnds && encoding is not (UnicodeEncoding or UTF32Encoding))
        {
            // Only the encoding changes: .NET's transcoding stream does it in bulk.
            using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            SkipPreamble(input, encoding);
            using var utf8 = Encoding.CreateTranscodingStream(input, encoding, new UTF8Encoding(false), leaveOpen: true);
            using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            utf8.CopyTo(output, 1 << 20);
            return;
        }
        using var reader = new StreamReader(source, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        using var writer = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 16);
        var chars = new char[1 << 16];
        var pendingCr = 0;
        long line = 1;
        int n;
        while ((n = Read(reader, chars, file, encoding, line, source)) > 0)
        {
            var start = 0;
            for (var i = 0; i < n; i++)
            {
                var c = chars[i];
                if (c == '\n') line++;
                else if (c == '\0')
                {
                    throw new ImportException(file, $"holds a NUL character (U+0000) in its {encoding.EncodingName} text on this line, which no export field means. " +
                        "Export it again; nothing was imported", line + (pendingCr > 0 ? pendingCr : 0));
                }
                if (c != '\r' && c != '\n' && pendingCr == 0) continue;
                writer.Write(chars, start, i - start);
                start = i + 1;
                if (c == '\r') pendingCr++;
                else if (c == '\n') { writer.Write("\r\n"); pendingCr = 0; }  // \r\n, \r\r\n: one line end
                else
                {
                    for (; pendingCr > 0; pendingCr--) writer.Write('\n');     // lone \r: each one a line end
                    writer.Write(c);
                }
            }
            writer.Write(chars, start, n - start);
        }
        for (; pendingCr > 0; pendingCr--) writer.Write('\n');
    }

    /// <summary>Reads decoded characters; an invalid sequence (strict decoders) is refused with its line.</summary>
    private static int Read(StreamReader reader, char[] chars, string file, Encoding encoding, long line, string source)
    {
        try
        {
            return reader.Read(chars, 0, chars.Length);
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportException(file, $"is {Name(encoding)} text with an invalid sequence on this line (an unpaired surrogate, or a last byte " +
                "missing: a cut-off download?). Export it again; nothing was imported", FirstInvalidLine(source, encoding) ?? line, inner: e);
        }
    }

    /// <summary>The line of the first character a lenient decoder replaces (U+FFFD): where the strict one gave up.</summary>
    private static long? FirstInvalidLine(string path, Encoding encoding)
    {
        var lenient = (Encoding)encoding.Clone();
        lenient.DecoderFallback = new DecoderReplacementFallback("\uFFFD");
        var decoder = lenient.GetDecoder();
        using var stream = File.OpenRead(path);
        SkipPreamble(stream, encoding);
        var bytes = new byte[1 << 16];
        var chars = new char[lenient.GetMaxCharCount(bytes.Length)];
        long line = 1;
        while (true)
        {
            var n = stream.Read(bytes, 0, bytes.Length);
            var count = decoder.GetChars(bytes, 0, n, chars, 0, flush: n == 0);
            foreach (var c in chars.AsSpan(0, count))
            {
                if (c == '\n') line++;
                else if (c == '\uFFFD') return line;
            }
            if (n == 0) return null;
        }
    }

    private static string Name(Encoding encoding) => encoding switch
    {
        UnicodeEncoding u when u.GetPreamble() is [0xFE, ..] => "UTF-16 BE",
        UnicodeEncoding => "UTF-16 LE",
        UTF32Encoding u when u.GetPreamble() is [0x00, ..] => "UTF-32 BE",
        UTF32Encoding => "UTF-32 LE",
        _ => encoding.WebName,
    };

    /// <summary>Moves past the byte-order mark of <paramref name="encoding"/>, if the stream starts with one.</summary>
    private static void SkipPreamble(Stream input, Encoding encoding)
    {
        var preamble = encoding.Preamble;
        if (preamble.Length == 0) return;
        Span<byte> head = stackalloc byte[preamble.Length];
        var n = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n != preamble.Length || !head.SequenceEqual(preamble)) input.Position = 0;
    }

    /// <summary>Files users mistake for exports: archives, spreadsheets, images, PDFs.</summary>
    private static void RefuseKnownBinary(string file, ReadOnlySpan<byte> head)
    {
        string? what = head switch
        {
            [0x50, 0x4B, 0x03 or 0x05 or 0x07, 0x04 or 0x06 or 0x08, ..] =>
                "is a ZIP archive (an .xlsx workbook or a zipped download), not a CSV or JSON export: 'insight import' reads the exports inside it",
            [0x1F, 0x8B, ..] => "is gzip-compressed: 'insight import' reads the export inside it",
            [0xD0, 0xCF, 0x11, 0xE0, ..] => "is a legacy Excel (.xls) workbook: open it and save it as CSV (UTF-8)",
            [0x89, 0x50, 0x4E, 0x47, ..] => "is a PNG image, not an export",
            [0xFF, 0xD8, 0xFF, ..] => "is a JPEG image, not an export",
            [0x25, 0x50, 0x44, 0x46, ..] => "is a PDF document, not an export: export the data as CSV or JSON instead",
            [0x42, 0x5A, 0x68, ..] => "is bzip2-compressed: decompress it and import the file inside",
            [0xFD, 0x37, 0x7A, 0x58, 0x5A, ..] => "is xz-compressed: decompress it and import the file inside",
            [0x37, 0x7A, 0xBC, 0xAF, ..] => "is a 7-Zip archive: extract it and import the files inside",
            _ when head.Length > 262 && head[257..262].SequenceEqual("ustar"u8) => "is a tar archive: extract it (tar -xf) and import the files inside",
            _ => null,
        };
        if (what is not null) throw new ImportException(file, what + "; nothing was imported", 1);
    }

    /// <summary>UTF-16 by its BOM, or, without one, by the zero bytes ASCII text leaves in every other position.</summary>
    private static string? Utf16Kind(ReadOnlySpan<byte> head)
    {
        if (head is [0xFF, 0xFE, 0x00, 0x00, ..]) return "UTF-32 LE";
        if (head is [0x00, 0x00, 0xFE, 0xFF, ..]) return "UTF-32 BE";
        if (head is [0xFF, 0xFE, ..]) return "UTF-16 LE";
        if (head is [0xFE, 0xFF, ..]) return "UTF-16 BE";
        if (head.Length < 8) return null;
        int evenZeros = 0, oddZeros = 0, pairs = head.Length / 2;
        for (var i = 0; i + 1 < head.Length; i += 2)
        {
            if (head[i] == 0) evenZeros++;
            if (head[i + 1] == 0) oddZeros++;
        }
        if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.05) return "UTF-16 LE";
        if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.05) return "UTF-16 BE";
        return null;
    }

    /// <summary>How many bytes at the end of <paramref name="data"/> start a UTF-8 sequence the buffer cuts off.</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> data)
    {
        for (var back = 1; back <= 3 && back <= data.Length; back++)
        {
            var b = data[^back];
            if ((b & 0xC0) == 0x80) continue;             // a continuation byte: look further back
            var need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return need > back ? back : 0;
        }
        return 0;
    }

    /// <summary>The running state of the UTF-8 check over successive whole chunks.</summary>
    private sealed class Utf8Scan
    {
        private long linesBefore = 1;   // the line the current chunk starts on (only tracked until the first bad byte)
        private bool previousEndedInCr, previousEndedInCrCr;

        public long BadBytes { get; private set; }
        public long Multibyte { get; private set; }
        public long LongSequences { get; private set; }
        public long ControlBytes { get; private set; }
        public byte FirstBadByte { get; private set; }
        public long FirstBadLine { get; private set; }
        public long FirstBadColumn { get; private set; }
        public bool Lf { get; private set; }
        public bool CrLf { get; private set; }
        public bool CrCrLf { get; private set; }
        public bool LoneCr { get; private set; }

        public string LineEnds
        {
            get
            {
                var kinds = new List<string>();
                if (CrCrLf) kinds.Add("\\r\\r\\n");
                if (CrLf) kinds.Add("\\r\\n");
                if (Lf && !CrLf && !CrCrLf) kinds.Add("\\n");
                if (LoneCr && !Lf) kinds.Add("\\r");
                return kinds.Count == 0 ? "none" : string.Join("+", kinds);
            }
        }

        public void Add(string file, ReadOnlySpan<byte> data)
        {
            var nul = data.IndexOf((byte)0);
            if (nul >= 0)
            {
                var (line, column) = Position(data, nul);
                throw new ImportException(file,
                    $"is not a text file: it has a NUL byte at line {line}, column {column} ({data.Count((byte)0):N0} in the first part read). " +
                    "Import the CSV or JSON export itself, not a binary file", line);
            }
            ScanLineEnds(data);
            foreach (var b in data)
                if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)) ControlBytes++;
            if (Utf8.IsValid(data))
            {
                var firstHigh = data.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
                if (firstHigh >= 0)
                    foreach (var b in data[firstHigh..])
                    {
                        if (b >= 0xC0) Multibyte++;      // lead bytes: one per multi-byte character
                        if (b >= 0xE0) LongSequences++;
                    }
                if (BadBytes == 0) linesBefore += data.Count((byte)'\n');
                return;
            }

            // The slow path, only for chunks that are not UTF-8: count the bad bytes, note the first and whether
            // any well-formed multi-byte sequence stands beside them (then the file mixes encodings).
            var i = 0;
            while (i < data.Length)
            {
                var b = data[i];
                if (b < 0x80) { i++; continue; }
                var need = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
                if (need > 0 && i + need <= data.Length && Utf8.IsValid(data.Slice(i, need)))
                {
                    Multibyte++;
                    if (need >= 3) LongSequences++;
                    i += need;
                    continue;
                }
                if (BadBytes == 0)
                {
                    FirstBadByte = b;
                    (FirstBadLine, FirstBadColumn) = Position(data, i);
                }
                BadBytes++;
                i++;
            }
            if (BadBytes == 0) linesBefore += data.Count((byte)'\n');
        }

        private (long Line, long Column) Position(ReadOnlySpan<byte> data, int index)
        {
            var before = data[..index];
            var lineStart = before.LastIndexOf((byte)'\n') + 1;
            long column = 1;
            foreach (var b in before[lineStart..])
                if ((b & 0xC0) != 0x80) column++;       // count characters, not continuation bytes
            return (linesBefore + before.Count((byte)'\n'), column);
        }

        private void ScanLineEnds(ReadOnlySpan<byte> data)
        {
            if (!Lf && data.Contains((byte)'\n')) Lf = true;
            if (!CrCrLf && (data.IndexOf("\r\r\n"u8) >= 0 || (previousEndedInCr && data.StartsWith("\r\n"u8))
                            || (previousEndedInCrCr && data.Length > 0 && data[0] == '\n'))) CrCrLf = true;
            if (!CrLf)
            {
                var at = data.IndexOf("\r\n"u8);
                if (at >= 0 && (at == 0 ? !previousEndedInCr : data[at - 1] != '\r')) CrLf = true;
                else if (previousEndedInCr && !previousEndedInCrCr && data.Length > 0 && data[0] == '\n') CrLf = true;
            }
            if (!LoneCr)
            {
                var at = data.IndexOf((byte)'\r');
                while (at >= 0 && at + 1 < data.Length && (data[at + 1] == '\n' || data[at + 1] == '\r')) 
                {
                    var next = data[(at + 1)..].IndexOf((byte)'\r');
                    at = next < 0 ? -1 : at + 1 + next;
                }
                if (at >= 0 && at + 1 < data.Length) LoneCr = true;
            }
            previousEndedInCr = data.Length > 0 && data[^1] == '\r';
            previousEndedInCrCr = data.Length > 1 && data[^1] == '\r' && data[^2] == '\r';
        }
    }
}

/// <summary>
/// An export ready for the reader: the file itself when DuckDB can read it as it is, else a temporary UTF-8 copy with the
/// same lines, deleted on dispose.
/// </summary>
public sealed class PreparedExport : IDisposable
{
    private PreparedExport(string readPath, ExportTextInfo info, bool temporary)
    {
        ReadPath = readPath;
        Info = info;
        this.temporary = temporary;
    }

    private readonly bool temporary;

    /// <summary>The file to read (the original, or the UTF-8 copy).</summary>
    public string ReadPath { get; }

    /// <summary>What the scan found.</summary>
    public ExportTextInfo Info { get; }

    /// <summary>Inspects <paramref name="path"/> and transcodes it where needed.</summary>
    public static PreparedExport For(string path, string file)
    {
        var info = ExportText.Inspect(path, file);
        if (!info.NeedsTranscoding) return new PreparedExport(path, info, false);
        var copy = Path.Combine(Path.GetTempPath(), $"insight-import-{Guid.NewGuid():N}{Path.GetExtension(path)}");
        try
        {
            ExportText.Transcode(path, ExportText.Decoder(info.Encoding), copy,
                rewriteLineEnds: info.LineEnds.Contains("\\r\\r", StringComparison.Ordinal) || info.LineEnds is "\\r" or "(any)", file);
        }
        catch
        {
            File.Delete(copy);
            throw;
        }
        return new PreparedExport(copy, info, true);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!temporary) return;
        try
        {
            File.Delete(ReadPath);
        }
        catch (IOException)
        {
            // a temporary copy left behind is harmless; the import's outcome stands
        }
    }
}
