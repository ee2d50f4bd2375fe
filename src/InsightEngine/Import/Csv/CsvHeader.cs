using System.Text;
using CsvHelper;

namespace InsightEngine.Import.Csv;

/// <summary>
/// The header row of a CSV export: its column names (repeats kept, by position), the delimiter and whether a BOM
/// starts the file. Formats are detected from it, and bindings resolve columns by its positions.
/// </summary>
public sealed class CsvHeader
{
    private static readonly char[] Delimiters = [',', ';', '\t', '|'];

    private CsvHeader(IReadOnlyList<string> names, char delimiter, int skipLines = 0)
    {
        Names = names;
        Delimiter = delimiter;
        SkipLines = skipLines;
        Normalized = names.Select(Normalize).ToList();
    }

    /// <summary>Column names as the file writes them, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Names folded for matching (see <see cref="Normalize"/>).</summary>
    public IReadOnlyList<string> Normalized { get; }

    /// <summary>The field delimiter.</summary>
    public char Delimiter { get; }

    /// <summary>Lines before the header: 1 for Excel's <c>sep=,</c> hint line, else 0.</summary>
    public int SkipLines { get; }

    /// <summary>Position of the first column whose name matches <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        var key = Normalize(name);
        for (var i = 0; i < Normalized.Count; i++)
            if (Normalized[i] == key) return i;
        return -1;
    }

    /// <summary>Positions of every column whose folded name starts with <paramref name="prefix"/>'s (repeated link columns).</summary>
    public IReadOnlyList<int> IndexesStartingWith(string prefix)
    {
        var key = Normalize(prefix);
        return Enumerable.Range(0, Normalized.Count).Where(i => Normalized[i].StartsWith(key, StringComparison.Ordinal)).ToList();
    }

    /// <summary>
    /// Folds a column name for matching: lower case, letters and digits only, so <c>Created At</c>, <c>created_at</c>
    /// and <c>CreatedAt</c> are one name.
    /// </summary>
    public static string Normalize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Trim().TrimStart('\uFEFF'))
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    /// <summary>A header made of given names (a JSON format's flattened columns).</summary>
    public static CsvHeader FromNames(IReadOnlyList<string> names) => new(names, ',');

    /// <summary>
    /// Reads the header of <paramref name="path"/>, a UTF-8 file (the importer transcodes other encodings first, see
    /// <see cref="Files.PreparedExport"/>); <paramref name="file"/> names it in errors. Throws <see cref="ImportException"/> if there is none.
    /// </summary>
    public static CsvHeader Read(string path, string? file = null)
    {
        file ??= path;
        using var stream = File.OpenRead(path);
        if (stream.Length == 0) throw new ImportException(file, "the file is empty: expected a header row and data rows");

        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var firstLine = reader.ReadLine() ?? "";
        if (string.IsNullOrWhiteSpace(firstLine))
            throw new ImportException(file, "the first line is blank: expected a header row", 1);

        // CsvHelper reads the header record (quoted names, a separator detected among , ; tab |, Excel's sep= line).
        stream.Position = 0;
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { Separator = DetectDelimiter(firstLine) }, true);
        csv.ReadHeader();
        var names = csv.Headers.Select(s => s.Trim().TrimStart('\uFEFF')).ToList();
        var delimiter = csv.Separator;
        if (names.Count == 0 || names.All(string.IsNullOrWhiteSpace))
            throw new ImportException(file, "the header row has no column names", 1);
        // Excel's "sep=," line comes before the header: the reader must skip it too, or the header is read as a record.
        var skip = firstLine.TrimStart('\uFEFF').StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && firstLine.TrimStart('\uFEFF').Trim().Length == 5 ? 1 : 0;
        return new CsvHeader(names, delimiter, skip);
    }

    /// <summary>The candidate delimiter that occurs most often outside quotes in the header line.</summary>
    private static char DetectDelimiter(string line)
    {
        var counts = new int[Delimiters.Length];
        var inQuote = false;
        foreach (var c in line)
        {
            if (c == '"') inQuote = !inQuote;
            else if (!inQuote)
            {
                var i = Array.IndexOf(Delimiters, c);
                if (i >= 0) counts[i]++;
            }
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
            if (counts[i] > counts[best]) best = i;
        return Delimiters[best];
    }
}
