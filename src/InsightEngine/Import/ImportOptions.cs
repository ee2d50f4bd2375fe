using InsightEngine.Import.Mapping;

namespace InsightEngine.Import;

/// <summary>How to import a file.</summary>
public sealed record ImportOptions
{
    /// <summary>IANA time zone for timestamps written without an offset. Null: the mapping's, else UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>A user's mapping for a CSV no built-in format reads (<c>--mapping</c>); excludes <see cref="Format"/>.</summary>
    public MappingFile? Mapping { get; init; }

    /// <summary>The zone naive timestamps are read in: <see cref="TimeZone"/>, else the mapping's, else UTC.</summary>
    public string EffectiveTimeZone => TimeZone ?? Mapping?.TimeZone ?? "UTC";

    /// <summary>
    /// Runs inside the import's transaction after the rows are written (a pull advances its cursor with the page it
    /// imported): if it throws, nothing of the file is kept.
    /// </summary>
    public Action<Store.InsightStore, ImportResult>? WithinTransaction { get; init; }

    /// <summary>The format id to use (<c>insight formats</c> lists them); null detects it from the header.</summary>
    public string? Format { get; init; }

    /// <summary>
    /// The user's own status values per source (<c>import: statuses:</c> in insight.yaml): lower-case raw value →
    /// open | acknowledged | resolved | closed. They extend and override each format's built-in table (custom
    /// ServiceNow states such as <c>Working On Case</c>, a Jira workflow's own names).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Statuses { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>
    /// Which of a source's record types are incidents and which are postmortems (<c>import: record_types:</c> in
    /// insight.yaml), over the built-in defaults (<see cref="RecordTypes.Defaults"/>: Jira's <c>Incident</c> and
    /// <c>Post-incident review</c>).
    /// </summary>
    public IReadOnlyDictionary<string, RecordTypes> Types { get; init; } = new Dictionary<string, RecordTypes>();

    /// <summary>The record types of <paramref name="source"/>: the user's, else the defaults.</summary>
    public RecordTypes TypesFor(string source) =>
        Types.GetValueOrDefault(source) ?? RecordTypes.Defaults.GetValueOrDefault(source) ?? RecordTypes.None;

    /// <summary>The status table for <paramref name="format"/>: the built-in one with the user's values over it.</summary>
    public IReadOnlyDictionary<string, string> StatusMapFor(ImportFormat format)
    {
        // The user's values are incident and alert states; postmortems and action items have their own status sets.
        if (format.Entity is not (Model.Entity.Incident or Model.Entity.Alert)) return format.StatusMap;
        if (!Statuses.TryGetValue(format.Source, out var own) || own.Count == 0) return format.StatusMap;
        var merged = new Dictionary<string, string>(format.StatusMap, StringComparer.Ordinal);
        foreach (var (k, v) in own) merged[k.Trim().ToLowerInvariant()] = v;
        return merged;
    }

    /// <summary>The statuses a status table may map to.</summary>
    public static IReadOnlyList<string> CanonicalStatuses { get; } = ["open", "acknowledged", "resolved", "closed"];

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad value and the valid ones.</summary>
    public void Validate()
    {
        if (Format is not null && Mapping is not null)
            throw new ArgumentException("Use --source or --mapping, not both: a mapping describes the format itself.");
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(EffectiveTimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException(
                $"Unknown time zone '{EffectiveTimeZone}'. Use an IANA name such as UTC, Europe/Berlin or America/New_York.", e);
        }

        foreach (var (source, map) in Statuses)
            foreach (var (value, status) in map)
                if (!CanonicalStatuses.Contains(status))
                    throw new ArgumentException($"import.statuses.{source}: '{value}' maps to '{status}'; use one of {string.Join(", ", CanonicalStatuses)}.");

        if (Format is not null && FormatCatalog.Find(Format) is null)
        {
            throw new ArgumentException(
                $"Unknown format '{Format}'. Known formats: {string.Join(", ", FormatCatalog.All.Select(f => f.Id))}.", nameof(Format));
        }
    }
}
