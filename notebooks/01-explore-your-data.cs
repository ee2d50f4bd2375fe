#!/usr/bin/env dotnet
#:project ../src/InsightEngine.Reports/InsightEngine.Reports.csproj
// 01 · Explore your data
//
// What did the import bring in, how complete is it per tool, and what looked wrong? Read this before trusting any
// figure: a metric can only be as good as the fields behind it.
//
//   dotnet run notebooks/01-explore-your-data.cs                          # the sample, imported into memory
//   dotnet run notebooks/01-explore-your-data.cs -- --db insight.duckdb   # your own store
//
// It prints its narrative and figures and writes notebooks/output/01-explore-your-data.html (and .md, .figures.json).
// Every figure comes from the engine's API or a plain count over the canonical tables, so it equals what
// `insight metrics`, `insight query`, the reports and the API give; a test runs this file on the sample.
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Generation;
using InsightEngine.Import;
using InsightEngine.Reports.Document;
using InsightEngine.Reports.Walkthroughs;

using var page = Walkthrough.Start(args, "01-explore-your-data", "01 · Explore your data",
    "What did the import bring in, how complete is it per tool, and what looked wrong? Read this before trusting any figure.");
var (store, session, request) = (page.Store, page.Session, page.Request);

// ── What was imported, file by file ─────────────────────────────────────────────────────────────────────────────────
// Every import is a batch: the file, its detected format, and what became of each row. Rows read = inserted + updated
// + unchanged + superseded + rejected, always: nothing is silently dropped.
page.Section("What was imported, file by file",
    "Each import is a batch (the import_batches table): the file, the format detected from its header or JSON shape, and " +
    "what became of every row: nothing is silently dropped.");
var batches = store.Query("""
    SELECT file_name, format, entity, rows_read, inserted, updated, unchanged, coalesce(superseded, 0), rejected
    FROM import_batches ORDER BY batch_id
    """, r => new
    {
        File = Path.GetFileName(r.GetString(0)), Format = r.GetString(1), Entity = r.GetString(2), Read = r.GetInt64(3),
        Inserted = r.GetInt64(4), Updated = r.GetInt64(5), Unchanged = r.GetInt64(6), Superseded = r.GetInt64(7), Rejected = r.GetInt64(8),
    });
page.Table(batches, max: 40);
page.Figure("records_read", "Records read", batches.Sum(b => b.Read), "count", $"{batches.Count} imports");
page.Figure("rejected", "Rows rejected", batches.Sum(b => b.Rejected), "count");

// ── Importing again changes nothing ─────────────────────────────────────────────────────────────────────────────────
// Re-importing the same export is safe: every row is recognised by source + external id and its content hash, and a
// file whose bytes and import plan are unchanged is not read again. Shown on the sample (your store is left as it is).
if (page.SampleFolder is { } sample)
{
    page.Section("Importing again changes nothing",
        "Re-importing the same exports is safe: each row is recognised by source + external id and its content hash; an " +
        "unchanged file is recognised and not read again.");
    var again = SampleData.Import(store, sample, page.Settings);
    foreach (var r in again)   // the invariant every import keeps: read = inserted + updated + unchanged + superseded + rejected
        page.Check(r.Read == r.Inserted + r.Updated + r.Unchanged + r.Rejected + r.Superseded, $"{r.File}: rows do not add up");
    page.Check(again.Sum(r => r.Inserted + r.Updated) == 0, "a re-import changed rows");
    page.Say($"Second import of {again.Count} files: {again.Sum(r => r.Unchanged):N0} rows unchanged, {again.Sum(r => r.Inserted)} inserted, " +
             $"{again.Sum(r => r.Updated)} updated; {again.Count(r => r.RepeatOf is not null)} files recognised as unchanged and not read again.");
}

// ── Coverage of fields per source ───────────────────────────────────────────────────────────────────────────────────
// Which canonical fields does each tool actually fill? A source that leaves acknowledged_at empty contributes nothing to
// MTTA, and the figure says so ("unknown"), never zero. docs/formats.md lists what each format *can* fill; this is
// what the data *does* fill (the field_coverage view of `insight query`).
page.Section("Coverage of fields per source",
    "Which canonical fields each tool fills (field_coverage in insight query). A field a source does not record makes the " +
    "figures resting on it unknown for that source, never zero.");
var coverage = DataCoverage.Fields(store);
string[] keyFields = ["severity_raw", "started_at", "acknowledged_at", "mitigated_at", "resolved_at", "declared_by", "postmortem_url"];
page.Table(coverage.Where(c => c.Entity == "incident")
    .GroupBy(c => c.Source)
    .Select(g => new
    {
        Source = g.Key, Incidents = g.First().Rows,
        Severity = Share(g, "severity_raw"), Started = Share(g, "started_at"), Acknowledged = Share(g, "acknowledged_at"),
        Mitigated = Share(g, "mitigated_at"), Resolved = Share(g, "resolved_at"), DeclaredBy = Share(g, "declared_by"), Postmortem = Share(g, "postmortem_url"),
    }));
var empty = coverage.GroupBy(c => (c.Entity, c.Field)).Where(g => g.All(c => c.Filled == 0)).Select(g => $"{g.Key.Entity}.{g.Key.Field}").ToList();
page.Say(empty.Count == 0
    ? "Every canonical field is filled by at least one source."
    : $"Fields no source fills ({empty.Count}): the figures that need them cannot be computed from this data: {string.Join(", ", empty)}.");

// ── Data issues, rejects and zone-less timestamps ───────────────────────────────────────────────────────────────────
// Rows with impossible times (resolved before created, say) are imported, flagged in data_issues and left out of every
// duration; rows that cannot be read are rejected with the file line, column and reason. Zone-less timestamps are read
// in the import's zone and counted, so a wrong --timezone is visible.
page.Section("Data issues, rejects and zone-less timestamps",
    "Rows with impossible times are imported, flagged in data_issues and left out of every duration; rows that cannot be " +
    "read are rejected with their line, column and reason; zone-less timestamps are read in the import's zone and counted.");
page.Table(store.Query("SELECT kind, entity, count(*) AS n FROM data_issues GROUP BY ALL ORDER BY n DESC, kind",
    r => new { Kind = r.GetString(0), Entity = r.GetString(1), Rows = r.GetInt64(2) }));
page.Table(store.Query("SELECT line, column_name, raw_value, reason FROM import_rejects ORDER BY batch_id, line LIMIT 10",
    r => new { Line = r.GetInt64(0), Column = r.IsDBNull(1) ? null : r.GetString(1), Value = r.IsDBNull(2) ? null : r.GetString(2), Reason = r.GetString(3) }),
    note: "the first 10 rejects (insight query \"SELECT * FROM import_rejects\" lists all)");
page.Table(store.Query("SELECT DISTINCT file_name, timezone, naive_timestamps FROM import_batches WHERE naive_timestamps > 0 ORDER BY file_name",
    r => new { File = Path.GetFileName(r.GetString(0)), Zone = r.GetString(1), ZonelessTimestamps = r.GetInt64(2) }));

// ── What the data covers ────────────────────────────────────────────────────────────────────────────────────────────
// The period, the services and severities, and how busy each week was: the frequency metric (`insight metrics
// frequency`), in the reporting zone of the settings (UTC unless insight.yaml or INSIGHT_METRICS_TIMEZONE says otherwise).
page.Section("What the data covers",
    "The period, and incidents per ISO week in the reporting zone: the frequency metric (insight metrics frequency --by week).");
var span = store.Query("SELECT min(created_at), max(created_at), count(DISTINCT service), count(DISTINCT team) FROM incidents",
    r => new { First = r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0), Last = r.IsDBNull(1) ? (DateTime?)null : r.GetDateTime(1), Services = r.GetInt64(2), Teams = r.GetInt64(3) }).Single();
page.Say(span.First is null
    ? "No incidents: the figures below count alerts only."
    : $"Incidents created {span.First:yyyy-MM-dd} to {span.Last:yyyy-MM-dd} (UTC), {span.Services} services, {span.Teams} teams.");
var frequency = Frequency.Compute(session, request);   // its default grouping: weeks, with the period's total as 'all'
var total = frequency.Rows.SingleOrDefault(r => r.Week == "all");   // none when the store holds no incident
page.Figure("incidents", "Incidents", total?.Incidents ?? 0, "count",
    total is null ? "none imported" : $"{frequency.Rows.Count - 1} weeks, {total.WeeklyMean:0.#} a week on average");
var noise = Noise.Compute(session, request with { By = "all" }).Rows.SingleOrDefault();   // none when the store holds no alert
page.Figure("alerts", "Alerts", noise?.Alerts ?? 0, "count", noise is null ? "none imported" : null);
page.Table(frequency.Rows.Where(r => r.Week != "all").Select(r => new
{
    r.Week, r.Incidents, SEV1 = r.Sev1, SEV2 = r.Sev2, SEV3 = r.Sev3, SEV4 = r.Sev4, SEV5 = r.Sev5, r.Unknown,
    LowSeverityShare = Cells.Percent(r.LowSeverityShare),
}), max: 60);
if (total is not null)
    page.Chart(InsightEngine.Reports.Charts.TimeCharts.Lines("incidents-per-week", "Incidents per week", "incidents",
    frequency.Rows.Where(r => r.Week != "all").Select(r => r.Week).ToList(),
    [("incidents", frequency.Rows.Where(r => r.Week != "all").Select(r => (double?)r.Incidents).ToList())],
    "Incidents created per ISO week over the whole store."));

// ── The severity mix ────────────────────────────────────────────────────────────────────────────────────────────────
// The canonical severity beside each tool's own words for it (mapped by docs/formats.md's tables, or insight.yaml).
page.Section("The severity mix", "The canonical severity beside each tool's own words for it.");
page.Table(store.Query("""
    SELECT source, severity, string_agg(DISTINCT severity_raw, ', ' ORDER BY severity_raw) AS vendor_values, count(*) AS incidents
    FROM incidents GROUP BY ALL ORDER BY source, severity
    """, r => new { Source = r.GetString(0), Severity = r.IsDBNull(1) ? "unknown" : r.GetString(1), VendorValues = r.IsDBNull(2) ? "" : r.GetString(2), Incidents = r.GetInt64(3) }),
    max: 60);

page.Finish();

// A field's fill share for one source, as a percentage ("—" where the source's rows have no such field at all).
static string Share(IEnumerable<FieldCoverage> source, string field) =>
    source.FirstOrDefault(c => c.Field == field) is { } c ? Cells.Percent(c.Share) : "—";
