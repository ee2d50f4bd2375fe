namespace InsightEngine.Import;

/// <summary>What one file's import did. <c>Read = Inserted + Updated + Unchanged + Rejected + Superseded</c>, always.</summary>
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
}

/// <summary>One bad cell of a rejected line.</summary>
public sealed record RejectedCell(long Line, string? Column, string? RawValue, string Reason);
