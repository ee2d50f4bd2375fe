namespace InsightEngine.Import;

/// <summary>What one file's import did. <c>Read = Inserted + Updated + Unchanged + Stale + Rejected + Superseded</c>, always.</summary>
public sealed record ImportResult(
    long BatchId,
    string File,
    string Format,
    string Source,
    string Entity,
    string TimeZone,
    long NaiveTimestamps,
    long Read,
    long Inserted,
    long Updated,
    long Unchanged,
    long Rejected,
    long DataIssues,
    IReadOnlyList<RejectedCell> RejectSample)
{
    /// <summary>How many rejects are kept in <see cref="RejectSample"/> for display; all are in <c>import_rejects</c>.</summary>
    public const int SampleSize = 20;

    /// <summary>Rows replaced by a later version of the same record in the same file (ServiceNow audit exports).</summary>
    public long Superseded { get; init; }

    /// <summary>
    /// Rows the store already held in a newer version (by the export's own version or updated time): an older export
    /// imported after a newer one. Left as stored, and counted in <c>Read</c>.
    /// </summary>
    public long Stale { get; init; }

    /// <summary>The encoding the file was read in (UTF-8, UTF-8 (BOM), UTF-16 LE/BE, Windows-1252, ASCII).</summary>
    public string Encoding { get; init; } = "UTF-8";

    /// <summary>The file's line ends (<c>\n</c>, <c>\r\n</c>, <c>\r\r\n</c>, <c>\r</c>).</summary>
    public string LineEnds { get; init; } = "\\n";

    /// <summary>Acknowledgement times derived as created + a duration column (no acknowledgement timestamp in the row).</summary>
    public long DerivedAcknowledgements { get; init; }

    /// <summary>Resolve times derived as created + a duration column (ServiceNow calendar_duration, PagerDuty seconds_to_resolve).</summary>
    public long DerivedResolutions { get; init; }

    /// <summary>
    /// Records of the file that are not this import's entity (a Jira search's post-incident reviews and tasks beside its
    /// incidents): read by <see cref="Companions"/> or skipped, never counted in <c>Read</c>.
    /// </summary>
    public long Other { get; init; }

    /// <summary>Per record type (where the file names types): how many, and what they became.</summary>
    public IReadOnlyList<RecordTypeCount> RecordTypes { get; init; } = [];

    /// <summary>The same file's other records, read as their own entities (Jira reviews and action items), each its own batch.</summary>
    public IReadOnlyList<ImportResult> Companions { get; init; } = [];

    /// <summary>
    /// The batch this import repeats, when the file (same SHA-256) was already imported the same way (same import plan,
    /// same build) and nothing has written that source's records since: the file was not read again, the counts are that
    /// batch's with every landing record unchanged, and its rejects are copied to this batch. Null: the file was read.
    /// </summary>
    public long? RepeatOf { get; init; }

    /// <summary>Whether this import, or a companion pass over the same file, wrote a record (what moves the data version).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Wrote => Inserted + Updated > 0 || Companions.Any(c => c.Wrote);

    /// <summary>Which duration column each derived time came from (acknowledged_at / resolved_at → the file's column).</summary>
    public IReadOnlyDictionary<string, string> DerivedFrom { get; init; } = new Dictionary<string, string>();
}

/// <summary>How many records of one type a file held, and what they became (incident, postmortem, action_item, skipped).</summary>
public sealed record RecordTypeCount(string Type, long Records, string Became);

/// <summary>One bad cell of a rejected line.</summary>
public sealed record RejectedCell(long Line, string? Column, string? RawValue, string Reason);

/// <summary>What became of one file (or one export inside a container): its result, or why it was not imported.</summary>
/// <param name="File">The file as reported: its path, or <c>container/entry</c>.</param>
/// <param name="Result">The import, when it succeeded.</param>
/// <param name="Failure">Why nothing of it was imported, when it failed.</param>
public sealed record ImportOutcome(string File, ImportResult? Result, ImportException? Failure)
{
    /// <summary>Runs <paramref name="import"/> and records its result or its refusal.</summary>
    public static ImportOutcome Of(string file, Func<ImportResult> import)
    {
        ArgumentNullException.ThrowIfNull(import);
        try
        {
            return new ImportOutcome(file, import(), null);
        }
        catch (ImportException e)
        {
            return new ImportOutcome(file, null, e);
        }
    }
}
