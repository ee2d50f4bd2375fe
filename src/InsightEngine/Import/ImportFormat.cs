using InsightEngine.Model;

namespace InsightEngine.Import;

/// <summary>
/// One export format we read: which canonical fields come from which of its columns, and how its severity and
/// status values map to ours. Formats hold knowledge only; <see cref="Importer"/> does the work.
/// </summary>
public abstract class ImportFormat
{
    /// <summary>Stable id used on the command line (<c>--source</c>) and in <c>import_batches.format</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The tool: pagerduty, opsgenie, ... (the first half of every row's key).</summary>
    public abstract string Source { get; }

    /// <summary>The table rows land in.</summary>
    public abstract Entity Entity { get; }

    /// <summary>One line for <c>insight formats</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Canonical field ← source columns.</summary>
    public abstract IReadOnlyList<ColumnBinding> Bindings { get; }

    /// <summary>Lower-case raw severity/priority value → SEV1..SEV5. Anything else maps to <c>unknown</c>.</summary>
    public abstract IReadOnlyDictionary<string, string> SeverityMap { get; }

    /// <summary>Lower-case raw status → open | acknowledged | resolved | closed. Unmapped: derived from the timestamps.</summary>
    public abstract IReadOnlyDictionary<string, string> StatusMap { get; }

    /// <summary>Extra <c>strptime</c> formats this source writes, tried after ISO 8601 and epoch numbers.</summary>
    public virtual IReadOnlyList<string> DateFormats => [];

    /// <summary>
    /// Which of the file's records are this format's (SQL over the converted fields, e.g. <c>record_type</c>); null: all.
    /// A Jira search holds incidents, post-incident reviews and their tasks together: each is read by the format of its
    /// entity, and the rest are counted as other records, never rejected and never imported as something they are not.
    /// </summary>
    public virtual string? RecordFilter(ImportOptions options) => null;

    /// <summary>
    /// Formats that read other records of the same file after this one, in the same transaction (Jira: the post-incident
    /// reviews and the action items of a search that also holds the incidents). Each writes a batch of its own.
    /// </summary>
    public virtual IReadOnlyList<ImportFormat> Companions => [];

    /// <summary>
    /// Column names (exact, case-sensitive) of which a header must hold one for this format to be detected without
    /// <c>--source</c>; empty: none needed. A ServiceNow problem or problem task list shares most columns with an incident
    /// list, and a small format would otherwise win on its share of columns found.
    /// </summary>
    public virtual IReadOnlyList<string> IdentifyingColumns => [];

    /// <summary>Bindings of required fields: a file lacking all columns of one of them is not this format.</summary>
    public IEnumerable<ColumnBinding> RequiredBindings =>
        Bindings.Where(b => CanonicalSchema.For(Entity).Single(f => f.Name == b.Field).Required);
}
