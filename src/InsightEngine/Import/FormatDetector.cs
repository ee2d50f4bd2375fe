using System.Globalization;
using InsightEngine.Import.Csv;

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
        var ranked = FormatCatalog.All.Select(f => Match(f, header)).OrderByDescending(m => m.Score).ToList();
        var usable = ranked.Where(m => m.Usable && m.Score >= MinimumScore).ToList();
        if (usable.Count == 0)
        {
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

    private static string Percent(double score) => score.ToString("P0", CultureInfo.InvariantCulture);

    private static string Preview(CsvHeader header)
    {
        const int shown = 12;
        var names = string.Join(", ", header.Names.Take(shown));
        return header.Names.Count > shown ? names + $", ... (+{header.Names.Count - shown} more)" : names;
    }
}
