using System.Globalization;
using InsightEngine.Import.Csv;
using InsightEngine.Import.Json;

namespace InsightEngine.Import;

/// <summary>How well a header fits a format: the share of its bindings the header can fill, and what required ones it lacks.</summary>
public sealed record FormatMatch(ImportFormat Format, double Score, IReadOnlyList<string> MissingRequired)
{
    /// <summary>Every required field has a column.</summary>
    public bool Usable => MissingRequired.Count == 0;
}

/// <summary>Picks the format of a file from its header row, or explains why it cannot.</summary>
public static class FormatDetector
{
    /// <summary>A format must fill at least this share of its bindings to be taken without <c>--source</c>.</summary>
    public const double MinimumScore = 0.3;

    /// <summary>Two usable formats closer than this are ambiguous.</summary>
    public const double AmbiguityMargin = 0.15;

    /// <summary>Scores <paramref name="header"/> against one format.</summary>
    public static FormatMatch Match(ImportFormat format, CsvHeader header)
    {
        var present = format.Bindings.Count(b => b.Columns.Any(c => header.IndexOf(c) >= 0));
        var missing = format.RequiredBindings
            .Where(b => !b.Columns.Any(c => header.IndexOf(c) >= 0))
            .Select(b => string.Join(" or ", b.Columns.Select(c => $"'{c}'")))
            .ToList();
        return new FormatMatch(format, (double)present / format.Bindings.Count, missing);
    }

    /// <summary>The best usable format, or an <see cref="ImportException"/> that lists what the file looked like.</summary>
    public static ImportFormat Detect(string file, CsvHeader header)
    {
        var ranked = FormatCatalog.All.Where(f => f is not JsonImportFormat).Select(f => Match(f, header)).OrderByDescending(m => m.Score).ToList();
        bool Identified(FormatMatch m) => m.Format.IdentifyingColumns.Count == 0 || m.Format.IdentifyingColumns.Any(header.Names.Contains);
        var usable = ranked.Where(m => m.Usable && m.Score >= MinimumScore && Identified(m)).ToList();
        if (usable.Count == 0)
        {
            // A sparse export (only a format's required columns) is still that format when it is the only one it fits.
            var complete = ranked.Where(m => m.Usable && Identified(m)).ToList();
            if (complete.Count == 1) return complete[0].Format;
            if (complete.Count > 1)
            {
                throw new ImportException(file,
                    $"the header fits more than one format: it has only the required columns of {string.Join(", ", complete.Select(m => m.Format.Id))}. " +
                    "Name one with --source FORMAT.", 1);
            }
            var known = string.Join("; ", ranked.Select(m =>
                $"{m.Format.Id} ({Percent(m.Score)} of its columns found" +
                (m.Usable ? "" : $", missing {string.Join(", ", m.MissingRequired)}") + ")"));
            throw new ImportException(file,
                $"no known format matches this header. It has {header.Names.Count} columns: {Preview(header)}. " +
                $"Known formats: {known}. Name one with --source FORMAT, or see 'insight formats'.", 1);
        }

        if (usable.Count > 1 && usable[0].Score - usable[1].Score < AmbiguityMargin)
        {
            throw new ImportException(file,
                $"the header fits more than one format: {usable[0].Format.Id} ({Percent(usable[0].Score)}) and " +
                $"{usable[1].Format.Id} ({Percent(usable[1].Score)}). Name one with --source FORMAT.", 1);
        }

        return usable[0].Format;
    }

    /// <summary>
    /// The JSON format of a dump from its shape: the property holding the records must be the format's, and the first
    /// record's keys are scored against the format's <see cref="JsonImportFormat.ShapeKeys"/>. An empty record array is
    /// told apart by its property alone, when only one format uses that name.
    /// </summary>
    public static JsonImportFormat DetectJson(string file, JsonShape shape)
    {
        var candidates = FormatCatalog.All.OfType<JsonImportFormat>()
            .Where(f => shape.RecordsProperty is null || f.RecordsProperty == shape.RecordsProperty).ToList();
        var ranked = candidates
            .Select(f => (Format: f, Score: shape.FirstRecordKeys.Count == 0 ? 1.0
                : (double)f.ShapeKeys.Count(shape.FirstRecordKeys.Contains) / f.ShapeKeys.Count))
            .OrderByDescending(m => m.Score).ToList();
        var usable = ranked.Where(m => m.Score >= 0.5).ToList();
        var where = shape.RecordsProperty is null ? "a top-level array" : $"a '{shape.RecordsProperty}' array";
        if (usable.Count == 0 && shape.RecordsProperty is not null && candidates.Count == 1) return candidates[0];   // the wrapper names it
        // An empty page of a wrapper one tool's formats share ({"result": []}): nothing to tell apart and nothing to read;
        // it is recorded as the tool's first format (its incidents).
        if (shape.FirstRecordKeys.Count == 0 && shape.RecordsProperty is not null && candidates.Count > 1
            && candidates.All(c => c.Source == candidates[0].Source)) return candidates[0];
        if (usable.Count == 0 && shape.RecordsProperty is not null && candidates.Count > 1)
        {
            throw new ImportException(file,
                $"is JSON with records in {where}, which more than one format uses ({string.Join(", ", candidates.Select(f => f.Id))}), and its first record " +
                "has too few of their fields to tell which. Name one with --source FORMAT.", 1);
        }
        if (usable.Count == 0)
        {
            var keys = string.Join(", ", shape.FirstRecordKeys.Order(StringComparer.Ordinal).Take(15));
            throw new ImportException(file,
                $"is JSON with records in {where}, but no known JSON format matches them (first record's keys: {keys}). " +
                $"Known JSON formats: {string.Join("; ", FormatCatalog.All.OfType<JsonImportFormat>().Select(f => $"{f.Id} ('{f.RecordsProperty}': {string.Join(", ", f.ShapeKeys.Take(5))}, ...)"))}.", 1);
        }
        if (usable.Count > 1 && usable[0].Score - usable[1].Score < AmbiguityMargin)
        {
            var why = shape.FirstRecordKeys.Count == 0 ? "its record array is empty, and " : "";
            throw new ImportException(file,
                $"{why}the JSON fits more than one format: {usable[0].Format.Id} ({Percent(usable[0].Score)}) and " +
                $"{usable[1].Format.Id} ({Percent(usable[1].Score)}). Name one with --source FORMAT.", 1);
        }
        return usable[0].Format;
    }

    private static string Percent(double score) => score.ToString("P0", CultureInfo.InvariantCulture);

    private static string Preview(CsvHeader header)
    {
        const int shown = 12;
        var names = string.Join(", ", header.Names.Take(shown).Select(n => n.Length > 60 ? n[..57] + "..." : n));
        return header.Names.Count > shown ? names + $", ... (+{header.Names.Count - shown} more)" : names;
    }
}
