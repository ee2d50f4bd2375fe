using System.Text.Json;
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Cli;
using InsightEngine.Store;

namespace InsightEngine.Tests.Cli;

/// <summary>The <c>insight</c> command line, run in-process against a temporary database file.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempDir dir = new();

    private string Db => Path.Combine(dir.Path, "insight.duckdb");

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => TestSupport.RunCli(args);

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Import_prints_the_summary_and_reimport_is_all_unchanged()
    {
        var file = TestSupport.Fixture("pagerduty/analytics-incidents.csv");
        var first = await Run("import", file, "--db", Db);
        Assert.Equal(0, first.Code);
        Assert.Contains("pagerduty-incidents-csv", first.Out);
        Assert.Contains("every timestamp carried a UTC offset", first.Out);
        Assert.DoesNotContain("━", first.Out + first.Err); // redirected output: no progress bar

        var again = await Run("import", file, "--db", Db, "--format", "json");
        Assert.Equal(0, again.Code);
        using var json = JsonDocument.Parse(again.Out);
        var r = json.RootElement.GetProperty("imported")[0];
        Assert.Equal((5, 0, 5), (r.GetProperty("read").GetInt32(), r.GetProperty("inserted").GetInt32(), r.GetProperty("unchanged").GetInt32()));
        // The same bytes read the same way: recognised, not read again; recorded as a batch repeating the first.
        Assert.Equal(1, r.GetProperty("repeat_of").GetInt64());
        Assert.Contains("not read again", (await Run("import", file, "--db", Db)).Out);

        // Imports compute no figure nobody asked for: the first metric fills the cache blocks it reads, and only those.
        using (var store = InsightEngine.Store.InsightStore.Open(Db))
            Assert.Equal(0, store.Scalar<int>("SELECT count(*) FROM analysis_cache"));
        Assert.Equal(0, (await Run("metrics", "response", "--db", Db)).Code);
        using (var store = InsightEngine.Store.InsightStore.Open(Db))
        {
            var blocks = store.Query("SELECT block FROM analysis_cache ORDER BY block", x => x.GetString(0));
            Assert.Contains("incident_postmortem", blocks);
            Assert.DoesNotContain("alert_classes", blocks);
        }
    }

    [Fact]
    public async Task Running_out_of_memory_is_a_clear_error_naming_the_setting_not_an_internal_one()
    {
        TestSupport.ImportSample(Db);
        // A limit far below what the catalogue needs: DuckDB refuses; the user is told what to raise (exit 1, not 70).
        using var metrics = InsightEngine.Tests.Store.OtherProcess.Start(new Dictionary<string, string> { ["INSIGHT_MEMORY_LIMIT"] = "1MB" },
            "metrics", "all", "--db", Db);
        Assert.Equal(1, await metrics.ExitAsync());
        Assert.Contains("ran out of memory", metrics.Output);
        Assert.Contains("INSIGHT_MEMORY_LIMIT", metrics.Output);
        Assert.DoesNotContain("internal error", metrics.Output);
    }

    [Fact]
    public async Task Import_refuses_a_bad_thresholds_file_before_importing()
    {
        var config = Path.Combine(dir.Path, "bad.yaml");
        File.WriteAllText(config, "metrics:\n  flap_count: many\n");
        var result = await Run("import", TestSupport.Fixture("pagerduty/analytics-incidents.csv"), "--db", Db, "--config", config);
        Assert.NotEqual(0, result.Code);
        Assert.Contains("bad.yaml", result.Err);
        using var store = InsightEngine.Store.InsightStore.Open(Db);
        Assert.Equal(0, store.Scalar<int>("SELECT count(*) FROM incidents"));
    }

    [Fact]
    public async Task Import_reads_a_json_dump_and_reports_superseded_rows()
    {
        var json = await Run("import", TestSupport.Fixture("pagerduty/incidents-api.json"), "--db", Db);
        Assert.Equal(0, json.Code); // one record has a bad date: rejected and reported, the rest imported
        Assert.Contains("pagerduty-incidents-json", json.Out);
        Assert.Contains("line 76, column 'created_at' value 'yesterday'", json.Out);

        var sn = await Run("import", TestSupport.Fixture("servicenow/incidents.csv"), "--db", Db, "--timezone", "Europe/Berlin");
        Assert.Contains("3 rows were older versions", sn.Out);
    }

    [Fact]
    public async Task Import_with_naive_times_says_which_zone_it_used()
    {
        var result = await Run("import", TestSupport.Fixture("pagerduty/legacy-raw-incidents.csv"), "--timezone", "America/New_York", "--db", Db);
        Assert.Equal(0, result.Code);
        Assert.Contains("3 timestamps had no UTC offset and were read as America/New_York", result.Out);
    }

    [Fact]
    public async Task A_bad_file_fails_with_file_line_and_reason_and_a_nonzero_code_while_good_files_land()
    {
        var bad = TestSupport.WriteFile(dir, "bad.csv", "id,created_at,description\nP1,2026-03-02T10:00:00Z,\"never closed\n");
        var result = await Run("import", TestSupport.Fixture("opsgenie/alerts.csv"), bad, "--source", "pagerduty-incidents-csv", "--db", Db);
        Assert.Equal(InsightCli.Failed, result.Code);
        Assert.Contains("bad.csv:", result.Err);
        Assert.Contains("nothing was imported", result.Err);
    }

    [Fact]
    public async Task An_unknown_format_lists_the_known_ones()
    {
        var odd = TestSupport.WriteFile(dir, "odd.csv", "when,what\n2026-01-01,x\n");
        var result = await Run("import", odd, "--db", Db);
        Assert.Equal(InsightCli.Failed, result.Code);
        Assert.Contains("odd.csv:1: no known format", result.Err);
        Assert.Contains("opsgenie-alerts-csv", result.Err);
    }

    [Fact]
    public async Task Rejected_rows_are_listed_with_line_and_column()
    {
        var file = TestSupport.WriteFile(dir, "r.csv", "id,created_at,urgency\nP1,2026-03-02T10:00:00Z,high\nP2,not-a-date,low\n");
        var result = await Run("import", file, "--source", "pagerduty-incidents-csv", "--db", Db);
        Assert.Equal(0, result.Code);
        Assert.Contains("1 rows rejected", result.Out);
        Assert.Contains("line 3, column 'created_at' value 'not-a-date'", result.Out);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("metrics", "response", "--by", "weekday")]
    [InlineData("metrics", "response", "--format", "xml")]
    [InlineData("import", "x.csv", "--source", "splunk")]
    [InlineData("frobnicate")]
    public async Task Usage_errors_exit_2_and_point_at_help(params string[] args)
    {
        var result = await Run(args);
        Assert.Equal(InsightCli.Usage, result.Code);
        Assert.Contains("--help", result.Err);
    }

    [Fact]
    public async Task Bad_values_exit_1_with_the_value_named()
    {
        var tz = await Run("import", TestSupport.Fixture("opsgenie/alerts.csv"), "--timezone", "Moon/Base", "--db", Db);
        Assert.Equal((InsightCli.Failed, true), (tz.Code, tz.Err.Contains("Moon/Base", StringComparison.Ordinal)));
        var date = await Run("metrics", "response", "--from", "last tuesday", "--db", Db);
        Assert.Equal((InsightCli.Failed, true), (date.Code, date.Err.Contains("last tuesday", StringComparison.Ordinal)));
        var order = await Run("metrics", "response", "--from", "2026-03-09", "--to", "2026-03-02", "--db", Db);
        Assert.Equal(InsightCli.Failed, order.Code);
        Assert.Contains("empty", order.Err);
    }

    [Fact]
    public async Task Metrics_response_json_and_csv_carry_the_engines_figures()
    {
        await Run("import", TestSupport.Fixture("pagerduty/analytics-incidents.csv"), "--db", Db);
        MetricReport<ResponseRow> expected;
        using (var store = InsightStore.Open(Db)) expected = Response.Compute(new AnalysisSession(store), new MetricRequest());

        var json = await Run("metrics", "response", "--by", "severity", "--format", "json", "--db", Db);
        Assert.Equal(0, json.Code);
        using var doc = JsonDocument.Parse(json.Out);
        var rows = doc.RootElement.GetProperty("rows");
        Assert.Equal(expected.Rows.Count, rows.GetArrayLength());
        var sev2 = rows.EnumerateArray().Single(r => r.GetProperty("severity").GetString() == "SEV2");
        Assert.Equal(3600, sev2.GetProperty("time_to_resolve").GetProperty("median_seconds").GetDouble());
        Assert.True(sev2.GetProperty("time_to_resolve").GetProperty("low_confidence").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("period").GetProperty("from").ValueKind);

        var csv = await Run("metrics", "response", "--format", "csv", "--db", Db);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("severity,incidents,open", lines[0]);
        Assert.Equal(expected.Rows.Count + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("SEV2,1,0,0,0,1,300,300,300,1,3600,", StringComparison.Ordinal));

        var table = await Run("metrics", "response", "--db", Db);
        Assert.Contains("1 h*", table.Out);
    }

    [Fact]
    public async Task Metrics_response_honours_from_and_to()
    {
        await Run("import", TestSupport.Fixture("pagerduty/analytics-incidents.csv"), "--db", Db);
        var result = await Run("metrics", "response", "--from", "2026-03-05", "--to", "2026-03-06T00:00:00Z", "--format", "json", "--db", Db);
        using var doc = JsonDocument.Parse(result.Out);
        var severities = doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("severity").GetString()).ToList();
        Assert.Equal(["SEV3", "all"], severities);
    }

    [Fact]
    public async Task Formats_lists_every_format_with_its_required_columns()
    {
        var result = await Run("formats", "--format", "json");
        Assert.Equal(0, result.Code);
        using var doc = JsonDocument.Parse(result.Out);
        var pd = doc.RootElement.EnumerateArray().Single(f => f.GetProperty("id").GetString() == "pagerduty-incidents-csv");
        Assert.Contains(pd.GetProperty("required").EnumerateArray(), r => r.GetString() == "created_at | created_on");
        Assert.Contains("opsgenie-alerts-csv", (await Run("formats")).Out);
    }

    [SlowFact]
    public async Task Generate_then_demo_imports_the_sample_and_prints_headline_figures()
    {
        var sample = Path.Combine(dir.Path, "sample");
        var gen = await Run("generate", "--seed", "3", "--weeks", "8", "--out", sample);
        Assert.Equal(0, gen.Code);
        Assert.True(File.Exists(Path.Combine(sample, "TRUTH.json")));

        var demo = await Run("demo", "--sample-data", sample, "--db", Db);
        Assert.Equal(0, demo.Code);
        Assert.Contains("Response times by severity", demo.Out);
        Assert.Contains("Planted in the sample", demo.Out);
        long batches;
        using (var first = InsightStore.Open(Db)) batches = first.Scalar<long>("SELECT count(*) FROM import_batches");   // a Jira search writes three: incidents, reviews, action items
        var again = await Run("demo", "--sample-data", sample, "--db", Db);
        Assert.Equal(0, again.Code);
        using var store = InsightStore.Open(Db);
        Assert.Equal(0, store.Scalar<long>($"SELECT sum(inserted) FROM import_batches WHERE batch_id > {batches}"));
        Assert.Equal(batches, store.Scalar<long>($"SELECT count(*) FROM import_batches WHERE batch_id > {batches}"));
    }

    [SlowFact]
    public async Task Demo_without_arguments_finds_the_committed_sample_and_imports_it_cleanly()
    {
        var reports = Path.Combine(dir.Path, "reports");
        var demo = await Run("demo", "--db", Db, "--out", reports);
        Assert.Equal(0, demo.Code);
        var review = Assert.Single(Directory.GetFiles(reports, "weekly-review-*.html"));
        // The demo reviews the week 'insight report weekly' picks on the same store, with the same settings.
        var weekly = await Run("report", "weekly", "--format", "json", "--no-learning", "--db", Db);
        var week = JsonDocument.Parse(weekly.Out).RootElement.GetProperty("week").GetString();
        Assert.Contains($"Weekly review of {week}: {review}", demo.Out);
        using var store = InsightStore.Open(Db);
        var truth = InsightEngine.Generation.Truth.Load(Path.Combine(InsightEngine.Tests.Generation.SampleDataTests.RepositoryRoot(), "sample-data", "TRUTH.json"));
        Assert.Equal(truth.Incidents.Total, store.Scalar<int>("SELECT count(*) FROM incidents"));
        Assert.Equal(0, store.Scalar<long>("SELECT sum(rejected) FROM import_batches"));
    }

    [Fact]
    public async Task A_db_path_that_is_not_a_database_is_a_clear_error()
    {
        var notDb = TestSupport.WriteFile(dir, "notes.txt", "this is not a database\n");
        var result = await Run("metrics", "response", "--db", notDb);
        Assert.Equal(InsightCli.Failed, result.Code);
        Assert.Contains("Cannot open database", result.Err);
        Assert.Contains("notes.txt", result.Err);
    }

    [Fact]
    public async Task Import_with_a_mapping_reads_a_csv_no_format_knows()
    {
        var ok = await Run("import", TestSupport.Fixture("generic/helpdesk.csv"), "--mapping", TestSupport.Fixture("generic/helpdesk.yaml"), "--db", Db);
        Assert.Equal(0, ok.Code);
        Assert.Contains("mapping:helpdesk.yaml", ok.Out);
        Assert.Contains("read as Europe/Berlin", ok.Out);

        var bad = TestSupport.WriteFile(dir, "bad.yaml", "source: x\ncolumns:\n  titel: Subject\n");
        var refused = await Run("import", TestSupport.Fixture("generic/helpdesk.csv"), "--mapping", bad, "--db", Db);
        Assert.Equal(InsightCli.Failed, refused.Code);
        Assert.Contains("did you mean 'title'", refused.Err);
    }

    [Fact]
    public async Task Metrics_all_json_holds_every_metric_with_the_same_figures_as_each_command()
    {
        TestSupport.ImportSample(Db);
        var all = await Run("metrics", "all", "--format", "json", "--timezone", "Europe/Berlin", "--db", Db);
        Assert.Equal(0, all.Code);
        using var doc = JsonDocument.Parse(all.Out);
        Assert.Equal(MetricCatalog.All.Select(m => m.Name), doc.RootElement.EnumerateObject().Select(p => p.Name));
        var one = await Run("metrics", "noisy-alerts", "--format", "json", "--timezone", "Europe/Berlin", "--db", Db);
        using var single = JsonDocument.Parse(one.Out);
        Assert.True(JsonElement.DeepEquals(single.RootElement.GetProperty("rows"), doc.RootElement.GetProperty("noisy-alerts").GetProperty("rows")));

        foreach (var m in MetricCatalog.All)
        {
            var table = await Run("metrics", m.Name, "--db", Db, "--top", "3");
            Assert.True(table.Code == 0, $"{m.Name}: {table.Err}");
            var csv = await Run("metrics", m.Name, "--db", Db, "--format", "csv");
            // overdue: the sample records no postmortems or action items, so its CSV is the header alone.
            Assert.True(csv.Code == 0 && csv.Out.Split('\n').Length > (m.Name == "overdue" ? 1 : 2), $"{m.Name} csv: {csv.Err}");
        }
    }

    [Fact]
    public async Task Metric_thresholds_come_from_flags_and_the_config_file_with_clear_errors()
    {
        var alerts = TestSupport.Fixture("opsgenie/alerts.csv");
        await Run("import", alerts, "--db", Db);
        var config = Path.Combine(dir.Path, "thresholds.yaml");
        File.WriteAllText(config, "metrics:\n  flap_count: 2\n  flap_windw: 1h\n");
        var bad = await Run("metrics", "noise", "--config", config, "--db", Db);
        Assert.Equal(InsightCli.Failed, bad.Code);
        Assert.Contains("line 3", bad.Err);
        Assert.Contains("flap_windw", bad.Err);

        var flag = await Run("metrics", "noise", "--auto-resolve-window", "ten minutes", "--db", Db);
        Assert.Equal(InsightCli.Failed, flag.Code);
        Assert.Contains("--auto-resolve-window", flag.Err);

        var ranked = await Run("metrics", "noisy-alerts", "--by", "team", "--db", Db);
        Assert.Equal(InsightCli.Usage, ranked.Code);
        var week = await Run("metrics", "deltas", "--week", "2026-W60", "--db", Db);
        Assert.Equal((InsightCli.Failed, true), (week.Code, week.Err.Contains("--week", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Csv_output_neutralises_formulas_from_exported_titles()
    {
        using (var store = InsightStore.Open(Db))
        {
            InsightEngine.Tests.Analysis.Seed.Incident(store, "1", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z", title: "=HYPERLINK(\"http://evil\")", service: "=cmd");
            InsightEngine.Tests.Analysis.Seed.Incident(store, "2", "2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", title: "=HYPERLINK(\"http://evil\")", service: "=cmd");
        }
        var csv = await Run("metrics", "recurring-problems", "--format", "csv", "--db", Db);
        Assert.Equal(0, csv.Code);
        Assert.DoesNotContain("\n=cmd", "\n" + csv.Out.Split('\n')[1].Split(',')[1]);
        Assert.Contains("'=cmd", csv.Out);
    }

    [Fact]
    public async Task A_db_path_holding_a_semicolon_or_equals_sign_is_one_path()
    {
        var odd = Path.Combine(dir.Path, "a;b=c", "insight;x=1.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(odd)!);
        var import = await Run("import", TestSupport.Fixture("pagerduty/analytics-incidents.csv"), "--db", odd);
        Assert.True(import.Code == 0, import.Err);
        Assert.True(File.Exists(odd));
        var metrics = await Run("metrics", "response", "--db", odd, "--format", "json");
        Assert.True(metrics.Code == 0, metrics.Err);
        var query = await Run("query", "SELECT count(*) AS n FROM incidents", "--db", odd, "--format", "csv");
        Assert.Equal("n\n5", query.Out.Trim().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Metrics_follow_through_json_on_the_sample_equals_its_truth()
    {
        TestSupport.ImportSample(Db);
        var truth = InsightEngine.Generation.Truth.Load(Path.Combine(InsightEngine.Tests.Generation.SampleDataTests.RepositoryRoot(), "sample-data", "TRUTH.json")).FollowThrough!;
        var r = await Run("metrics", "follow-through", "--db", Db, "--format", "json");
        Assert.True(r.Code == 0, r.Err);
        var row = System.Text.Json.JsonDocument.Parse(r.Out).RootElement.GetProperty("rows")[0];

        Assert.Equal(truth.PostmortemDue, row.GetProperty("postmortem_due").GetInt32());
        Assert.Equal(truth.PostmortemCompleted, row.GetProperty("postmortem_completed").GetInt32());
        Assert.Equal(truth.PostmortemCompletion!.Value, row.GetProperty("postmortem_completion").GetDouble(), 6);
        Assert.Equal(truth.PostmortemWithinDue, row.GetProperty("postmortem_within_due").GetInt32());
        Assert.Equal(truth.ActionItems, row.GetProperty("action_items").GetInt32());
        Assert.Equal(truth.ActionItemsDone, row.GetProperty("action_items_done").GetInt32());
        Assert.Equal(truth.ActionItemsOpen, row.GetProperty("action_items_open").GetInt32());
        Assert.Equal(truth.ActionItemsOverdue, row.GetProperty("action_items_overdue").GetInt32());
        Assert.Equal(truth.SmartShare!.Value, row.GetProperty("smart_share").GetDouble(), 6);
    }

    [Fact]
    public async Task Query_without_a_statement_is_a_usage_error()
    {
        TestSupport.ImportSample(Db);
        var none = await Run("query", "--db", Db);
        Assert.Equal(InsightCli.Usage, none.Code);
        Assert.Contains("Give the SQL to run", none.Err);
        var both = await Run("query", "SELECT 1", "--file", Path.Combine(dir.Path, "q.sql"), "--db", Db);
        Assert.Equal(InsightCli.Usage, both.Code);
    }

    [Fact]
    public async Task Every_surface_offers_the_same_forecast_horizons()
    {
        TestSupport.ImportSample(Db);
        var tooLong = await Run("forecast", "--horizon", "27", "--db", Db, "--no-save");
        Assert.Equal(InsightCli.Failed, tooLong.Code);
        Assert.Contains($"--horizon must be {InsightEngine.Learning.LearningOptions.MinHorizon} to {InsightEngine.Learning.LearningOptions.MaxHorizon} weeks", tooLong.Err);
    }

    [Fact]
    public async Task A_folder_with_symlink_loops_imports_each_file_once_and_ends()
    {
        var root = Path.Combine(dir.Path, "exports");
        var pd = Path.Combine(root, "pagerduty");
        Directory.CreateDirectory(pd);
        File.Copy(TestSupport.Fixture("pagerduty/analytics-incidents.csv"), Path.Combine(pd, "incidents.csv"));
        Directory.CreateSymbolicLink(Path.Combine(pd, "loop"), root);             // back to the top: a loop
        Directory.CreateSymbolicLink(Path.Combine(root, "again"), pd);             // a second path to the same files
        Directory.CreateSymbolicLink(Path.Combine(root, "self"), Path.Combine(root, "self"));   // a link to itself
        Directory.CreateSymbolicLink(Path.Combine(root, "broken"), Path.Combine(dir.Path, "gone"));
        var import = await Run("import", root, "--db", Db, "--format", "json");
        Assert.True(import.Code == 0, import.Err);
        using var json = JsonDocument.Parse(import.Out);
        Assert.Equal(1, json.RootElement.GetProperty("imported").GetArrayLength());   // the one file, once
    }
}
