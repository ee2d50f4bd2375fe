using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using ExcelDataReader;
using InsightEngine.Import.Files;

namespace InsightEngine.Import.Containers;

/// <summary>One export inside a container: the name it is reported under and the temporary file holding it.</summary>
/// <param name="Name">The container's name, a slash, and the entry's own name: <c>exports.zip/incidents.csv</c>.</param>
/// <param name="Path">The extracted (or, for a workbook, converted) file.</param>
public sealed record ContainerEntry(string Name, string Path);

/// <summary>
/// The containers exports arrive in: a ZIP of CSV/JSON exports (a download of several), a gzip-compressed export, and an
/// Excel workbook (ServiceNow and Jira offer <c>.xlsx</c>). Each is opened into temporary files — every CSV and JSON in a
/// ZIP, the decompressed gzip, the workbook's first sheet as CSV — imported one by one as files of their own, and
/// deleted on dispose. Expansion is bounded (<see cref="MaxExpandedBytes"/>, <see cref="MaxEntries"/>) so an archive
/// bomb is refused with a message rather than filling the disk.
/// </summary>
public sealed class ExportContainer : IDisposable
{
    /// <summary>How much one container may expand to, in all.</summary>
    public const long MaxExpandedBytes = 4L << 30;

    /// <summary>How many exports one ZIP may hold.</summary>
    public const int MaxEntries = 10_000;

    private readonly string folder;

    // ExcelDataReader asks the process for code page 1252 whatever its configuration says; registering the code-page
    // provider is idempotent and only adds encodings.
    static ExportContainer() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    private ExportContainer(string folder, string kind, IReadOnlyList<ContainerEntry> entries, IReadOnlyList<string> skipped)
    {
        this.folder = folder;
        Kind = kind;
        Entries = entries;
        Skipped = skipped;
    }

    /// <summary><c>ZIP archive</c>, <c>gzip file</c> or <c>Excel workbook</c>.</summary>
    public string Kind { get; }

    /// <summary>The exports inside, in name order.</summary>
    public IReadOnlyList<ContainerEntry> Entries { get; }

    /// <summary>Entries that are not exports (a README, a folder, a macOS resource fork), by name.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>What <paramref name="path"/> is, by its first bytes: a container kind, or null for a plain file.</summary>
    public static string? KindOf(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 2) return null;
        if (head is [0x1F, 0x8B, ..]) return "gzip file";
        if (head is not [0x50, 0x4B, 0x03 or 0x05, 0x04 or 0x06, ..]) return null;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.GetEntry("xl/workbook.xml") is not null ? "Excel workbook" : "ZIP archive";
        }
        catch (InvalidDataException)
        {
            return "ZIP archive";   // damaged: Open says so
        }
    }

    /// <summary>
    /// Opens the container at <paramref name="path"/> (reported as <paramref name="file"/>) into temporary files.
    /// Throws <see cref="ImportException"/> for a damaged, encrypted, empty or oversized container.
    /// </summary>
    public static ExportContainer Open(string path, string file) => Open(path, file, MaxExpandedBytes);

    /// <summary>As <see cref="Open(string, string)"/>, expanding to at most <paramref name="maxExpandedBytes"/>.</summary>
    public static ExportContainer Open(string path, string file, long maxExpandedBytes)
    {
        var kind = KindOf(path) ?? throw new ImportException(file, "is not a ZIP, gzip or Excel file");
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"insight-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var budget = new Budget(file, maxExpandedBytes);
            var skipped = new List<string>();
            var entries = kind switch
            {
                "gzip file" => [Gunzip(path, file, folder, budget)],
                "Excel workbook" => [FirstSheet(path, file, folder, budget)],
                _ => Unzip(path, file, folder, budget, skipped),
            };
            return new ExportContainer(folder, kind, entries, skipped);
        }
        catch
        {
            Delete(folder);
            throw;
        }
    }

    private static ContainerEntry Gunzip(string path, string file, string folder, Budget budget)
    {
        var inner = System.IO.Path.GetFileName(file);
        if (inner.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) inner = inner[..^3];
        var target = System.IO.Path.Combine(folder, "1-" + Safe(inner));
        try
        {
            long written;
            using (var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress)) written = budget.Copy(input, target);
            // .NET stops quietly at a missing end: the trailer's size (mod 2^32) tells a whole file from a cut one.
            if (TrailerSize(path) != (uint)written) throw new EndOfStreamException();
        }
        catch (InvalidDataException e)
        {
            throw new ImportException(file, $"is a damaged gzip file ({e.Message.TrimEnd('.')}): download or compress it again; nothing was imported", inner: e);
        }
        catch (EndOfStreamException e)
        {
            throw new ImportException(file, "is a gzip file cut short (truncated): download it again; nothing was imported", inner: e);
        }
        return new ContainerEntry($"{file}/{inner}", target);
    }

    private static uint TrailerSize(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length < 18) return uint.MaxValue;
        Span<byte> size = stackalloc byte[4];
        stream.Seek(-4, SeekOrigin.End);
        stream.ReadExactly(size);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(size);
    }

    private static List<ContainerEntry> Unzip(string path, string file, string folder, Budget budget, List<string> skipped)
    {
        var entries = new List<ContainerEntry>();
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var exports = new List<ZipArchiveEntry>();
            foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var name = System.IO.Path.GetFileName(entry.FullName.Replace('\\', '/'));
                if (name.Length == 0) continue;   // a folder
                if (entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) || name.StartsWith('.') || !ExportFiles.IsExport(name, plainOnly: true))
                    skipped.Add(entry.FullName);
                else exports.Add(entry);
            }
            if (exports.Count == 0)
            {
                var has = skipped.Count == 0 ? "it is empty" : $"it holds {string.Join(", ", skipped.Take(5))}{(skipped.Count > 5 ? ", ..." : "")}";
                throw new ImportException(file, $"is a ZIP archive with no CSV or JSON export inside ({has}); nothing was imported");
            }
            if (exports.Count > MaxEntries)
                throw new ImportException(file, $"is a ZIP archive of {exports.Count:N0} exports, more than {MaxEntries:N0}: extract it and import the folder");
            foreach (var entry in exports)
            {
                // Written under a name of ours (a number and the entry's own base name), never the entry's path:
                // '../../evil.csv' cannot reach outside the folder.
                var target = System.IO.Path.Combine(folder, $"{entries.Count + 1}-{Safe(System.IO.Path.GetFileName(entry.FullName.Replace('\\', '/')))}");
                using (var input = entry.Open()) _ = budget.Copy(input, target);
                entries.Add(new ContainerEntry($"{file}/{entry.FullName}", target));
            }
        }
        catch (InvalidDataException e)
        {
            var what = e.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("password", StringComparison.OrdinalIgnoreCase)
                ? "is a password-protected ZIP archive: extract it yourself and import the files inside"
                : $"is a damaged ZIP archive ({e.Message.TrimEnd('.')}): download or zip it again";
            throw new ImportException(file, what + "; nothing was imported", inner: e);
        }
        catch (NotSupportedException e)
        {
            throw new ImportException(file, $"is a ZIP archive compressed in a way this reader does not support ({e.Message.TrimEnd('.')}): extract it yourself and import the files inside", inner: e);
        }
        return entries;
    }

    /// <summary>
    /// The workbook's first sheet as a UTF-8 CSV, one record per sheet row: dates as ISO 8601 (without an offset: the
    /// import's zone applies, as for a CSV), numbers in invariant form, everything else as text. Blank rows are left
    /// out, so a line number in a message counts the sheet's non-blank rows (the header is line 1).
    /// </summary>
    private static ContainerEntry FirstSheet(string path, string file, string folder, Budget budget)
    {
        var target = System.IO.Path.Combine(folder, "1-sheet1.csv");
        string sheet;
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
            sheet = string.IsNullOrEmpty(reader.Name) ? "Sheet1" : reader.Name;
            // Every field quoted, nothing escaped against formulas: the converted sheet is read back by the importer, not a spreadsheet.
            using var csv = CsvWriter.Create(new BudgetStream(File.Create(target), budget),
                new CsvWriterOptions { NewLine = "\n", Quoting = CsvQuoting.Always, WriteByteOrderMark = false, ValidateFieldCount = false }, false);
            while (reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = Cell(reader.GetValue(i));
                var last = Array.FindLastIndex(cells, c => c.Length > 0);
                if (last < 0) continue;   // a blank row holds no record
                foreach (var c in cells) csv.WriteField(c);
                csv.EndRecord();
            }
        }
        catch (ImportException)
        {
            throw;
        }
        catch (Exception e) when (e is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or System.Xml.XmlException or FormatException or NotSupportedException)
        {
            throw new ImportException(file, $"is an Excel workbook that cannot be read ({e.Message.TrimEnd('.')}): open it and save it again, or save the sheet as CSV (UTF-8); nothing was imported", inner: e);
        }
        return new ContainerEntry($"{file}/{Safe(sheet)}", target);
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Safe(string name)
    {
        var chars = name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray();
        var safe = new string(chars).TrimStart('.');
        return safe.Length == 0 ? "entry" : safe.Length > 100 ? safe[^100..] : safe;
    }

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a temporary copy left behind is harmless; the import's outcome stands
        }
    }

    /// <inheritdoc />
    public void Dispose() => Delete(folder);

    /// <summary>How many bytes the container may still expand to; past it, an <see cref="ImportException"/>.</summary>
    private sealed class Budget(string file, long limit)
    {
        private long spent;

        public long Copy(Stream input, string target)
        {
            using var output = new BudgetStream(new FileStream(target, FileMode.CreateNew, FileAccess.Write), this);
            input.CopyTo(output, 1 << 20);
            return output.Length;
        }

        public void Spend(int bytes)
        {
            spent += bytes;
            if (spent > limit)
                throw new ImportException(file, $"expands to more than {limit:N0} bytes (an archive bomb, or far larger than an export): " +
                    "extract it yourself and import the files; nothing was imported");
        }
    }

    /// <summary>A write-only stream that charges every byte to the budget.</summary>
    private sealed class BudgetStream(Stream inner, Budget budget) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            budget.Spend(count);
            inner.Write(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
