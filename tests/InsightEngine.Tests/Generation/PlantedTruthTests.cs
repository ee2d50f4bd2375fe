using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Generation;
using InsightEngine.Import;

namespace InsightEngine.Tests.Generation;

/// <summary>The generated organisation, imported through the real importers, yields the facts planted in TRUTH.json.</summary>
public sealed class PlantedTruthTests : IClassFixture<PlantedTruthTests.Sample>
{
    /// <summary>
    /// The default generated organisation imported through every importer: generated and imported once per test run
    /// (<see cref="Templates"/>); each test class gets its own copy of the database.
    /// </summary>
    public sealed class Sample : IDisposable
    {
        private sealed record Built(Truth Truth, Truth Reloaded, List<ImportResult> Results);

        private static readonly object Gate = new();
        private static Built? built;

        private readonly TempDir dir = new();

        public Sample()
        {
            var db = Path.Combine(dir.Path, "sample.duckdb");
            Templates.CopyTo("generated-default", db, path =>
            {
                using var gen = new TempDir();
                var truth = SampleGenerator.Generate(new GeneratorOptions(), gen.Path);
                using var store = InsightEngine.Store.InsightStore.Open(path);
                var importer = new Importer(store);
                // Every format at once, zone-less timestamps read in the organisation's zone as its users would.
                var options = new ImportOptions { TimeZone = truth.Generator.TimeZone };
                var results = SampleGenerator.Files.Values.Select(f => importer.ImportFile(Path.Combine(gen.Path, f), options)).ToList();
                lock (Gate) built = new Built(truth, Truth.Load(Path.Combine(gen.Path, "TRUTH.json")), results);
            });
            lock (Gate)
            {
                Truth = built!.Truth;
                Reloaded = built.Reloaded;
                Results = built.Results;
            }
            Store = InsightEngine.Store.InsightStore.Open(db);
        }

        public Truth Truth { get; }

        public Truth Reloaded { get; }

        public InsightEngine.Store.InsightStore Store { get; }

        public List<ImportResult> Results { get; }

        public void Dispose()
        {
            Store.Dispose();
            dir.Dispose();
        }
    }

    private readonly Sample sample;

    public PlantedTruthTests(Sample sample) => this.sample = sample;

    [Fact]
    public void Every_generated_row_imports_without_rejects()
    {
        Assert.All(sample.Results, r => Assert.Equal((0L, 0L, r.Read), (r.Rejected, r.DataIssues, r.Inserted + r.Superseded)));
        Assert.Equal(SampleGenerator.Files.Keys.Order(), sample.Results.Select(r => r.Format).Order());
        Assert.True(sample.Results.Single(r => r.Format == "servicenow-incidents-csv").Superseded > 0, "the ServiceNow CSV carries audit rows");
        Assert.Equal(sample.Truth.Incidents.Total, sample.Store.Scalar<int>("SELECT count(*) FROM incidents"));
        Assert.Equal(sample.Truth.Incidents.Open, sample.Store.Scalar<int>("SELECT count(*) FROM incidents WHERE status NOT IN ('resolved', 'closed')"));
        Assert.True(sample.Truth.Incidents.Open > 0, "the sample should hold open incidents");
    }

    [Fact]
    public void Response_metric_recovers_the_realised_figures_exactly()
    {
        // Tolerance: 0.5 s. The generator computes these from the rows it wrote, with the same definition.
        var rows = Response.Compute(new AnalysisSession(sample.Store), new MetricRequest()).Rows.ToDictionary(r => r.Group);
        foreach (var (severity, truth) in sample.Truth.TimeToResolveBySeverity)
        {
            var measured = rows[severity].TimeToResolve;
            Assert.Equal(truth.N, measured.N);
            Assert.Equal(truth.MedianSeconds, measured.MedianSeconds!.Value, 0.5);
            Assert.Equal(truth.P90Seconds, measured.P90Seconds!.Value, 0.5);
            Assert.Equal(truth.MeanSeconds, measured.MeanSeconds!.Value, 0.5);
        }
        foreach (var (severity, truth) in sample.Truth.TimeToAcknowledgeBySeverity)
        {
            Assert.Equal(truth.N, rows[severity].TimeToAcknowledge.N);
            Assert.Equal(truth.MedianSeconds, rows[severity].TimeToAcknowledge.MedianSeconds!.Value, 0.5);
        }
    }

    [Fact]
    public void Response_metric_recovers_the_planted_mttr_by_severity()
    {
        // Tolerance: median within 5 % and p90 within 15 % of the planted log-normal. Stratified sampling puts the
        // sample median on the planted one; what moves it is censoring (open incidents) and the few acknowledgements
        // capped at half the resolve time. p90 is looser because SEV1 has under 20 incidents.
        var rows = Response.Compute(new AnalysisSession(sample.Store), new MetricRequest()).Rows.ToDictionary(r => r.Group);
        Assert.Equal(5, sample.Truth.TimeToResolveBySeverity.Count);
        foreach (var (severity, truth) in sample.Truth.TimeToResolveBySeverity)
        {
            var measured = rows[severity].TimeToResolve;
            Assert.InRange(measured.MedianSeconds!.Value, truth.PlantedMedianSeconds * 0.95, truth.PlantedMedianSeconds * 1.05);
            Assert.InRange(measured.P90Seconds!.Value, truth.PlantedP90Seconds * 0.85, truth.PlantedP90Seconds * 1.15);
        }
    }

    [Fact]
    public void Truth_holds_every_planted_fact_and_round_trips_through_json()
    {
        var t = sample.Reloaded;
        Assert.Equal(sample.Truth.Incidents.Total, t.Incidents.Total);
        Assert.Equal(AlertGenerator.Noisy.Length, t.NoisiestAlertRules.Count);
        Assert.True(t.NoisiestAlertRules.Zip(t.NoisiestAlertRules.Skip(1)).All(p => p.First.NoiseAlerts > p.Second.NoiseAlerts), "ranked by noise");
        Assert.True(t.RecurringProblem.Occurrences >= 10);
        Assert.True(t.AnomalousWeek.Incidents > 2.5 * t.AnomalousWeek.TypicalWeeklyIncidents);
        Assert.InRange(t.Declarers.TopThreeShare, 0.5, 0.75);
        Assert.Equal(t.RecurringProblem.Occurrences, sample.Store.Scalar<int>(
            "SELECT count(*) FROM incidents WHERE service = $s AND title LIKE 'Payment provider timeout%'", ("s", t.RecurringProblem.Service)));
    }

    [Fact]
    public void Follow_through_recovers_the_planted_postmortems_and_action_items_exactly()
    {
        var t = sample.Truth.FollowThrough!;
        var row = FollowThrough.Compute(new AnalysisSession(sample.Store), Request("all")).Rows.Single();

        Assert.True(t.PostmortemDue > 20 && t.ActionItems > 30, "a sample worth measuring");
        Assert.Equal((t.PostmortemDue, t.PostmortemCompleted, t.PostmortemWithinDue), ((int)row.PostmortemDue, (int)row.PostmortemCompleted, (int)row.PostmortemWithinDue));
        Assert.Equal(t.PostmortemCompletion!.Value, row.PostmortemCompletion!.Value, 6);
        Assert.Equal(t.PostmortemWithinDueShare!.Value, row.PostmortemWithinDueShare!.Value, 6);
        Assert.Equal((t.ActionItems, t.ActionItemsDone, t.ActionItemsOpen, t.ActionItemsCancelled, t.ActionItemsOverdue, t.ActionItemsNoDueDate),
            ((int)row.ActionItems, (int)row.ActionItemsDone, (int)row.ActionItemsOpen, (int)row.ActionItemsCancelled, (int)row.ActionItemsOverdue, (int)row.ActionItemsNoDueDate));
        Assert.Equal((t.SmartItems, t.SmartShare!.Value), ((int)row.SmartItems, Math.Round(row.SmartShare!.Value, 6)));
        // The gaps are planted: postmortems missing and late, items overdue, vague, unowned, undated, dropped.
        Assert.True(row.PostmortemCompleted < row.PostmortemDue && row.PostmortemWithinDue < row.PostmortemCompleted);
        Assert.True(row.ActionItemsOverdue > 0 && row.ActionItemsCancelled > 0 && row.SmartItems < row.ActionItems - row.ActionItemsCancelled);
        // Every tool that records follow-ups contributed.
        Assert.Equal(["incidentio", "jira", "opsgenie", "servicenow"],
            sample.Store.Query("SELECT DISTINCT source FROM postmortems ORDER BY 1", r => r.GetString(0)));
        Assert.Equal(["incidentio", "jira", "servicenow"], sample.Store.Query("SELECT DISTINCT source FROM action_items ORDER BY 1", r => r.GetString(0)));
    }

    private MetricRequest Request(string? by = null, int limit = 20) =>
        new() { By = by, Limit = limit, Options = MetricOptions.Default with { TimeZone = sample.Truth.Generator.TimeZone } };

    [Fact]
    public void Noisy_alert_list_recovers_the_planted_rules_in_order_with_their_kinds()
    {
        var planted = sample.Truth.NoisiestAlertRules;
        var measured = Noise.Noisiest(new AnalysisSession(sample.Store), Request(limit: planted.Count)).Rows;
        Assert.Equal(planted.Select(p => p.Fingerprint), measured.Select(m => m.Rule));
        var byRule = Noise.Compute(new AnalysisSession(sample.Store), Request(by: "rule")).Rows.ToDictionary(r => r.Group);
        foreach (var (p, m) in planted.Zip(measured))
        {
            Assert.Equal((p.Service, p.DominantNoiseKind, (long)p.Alerts), (m.Service, m.DominantNoiseKind, m.Alerts));
            // Every planted noise alert is noise, except those still open (unacknowledged) at the export time: not classed yet.
            var rule = byRule[$"{p.Service} / {p.Fingerprint}"];
            Assert.Equal(((long)p.NoiseAlerts, 0L), (rule.Noise + rule.Open, rule.Actionable));
            Assert.Equal(m.Noise, rule.Noise);
        }
    }

    [Fact]
    public void Recurring_problems_put_the_planted_problem_first()
    {
        var planted = sample.Truth.RecurringProblem;
        var top = Recurrence.TopProblems(new AnalysisSession(sample.Store), Request()).Rows[0];
        Assert.Equal((planted.Service, planted.NormalizedTitle, (long)planted.Occurrences), (top.Service, top.NormalizedTitle, top.Occurrences));
        Assert.Equal(planted.FirstSeen, top.FirstSeen);
        Assert.Equal(planted.LastSeen, top.LastSeen);
        Assert.Equal(planted.Occurrences - 1, top.Recurrences); // every 6 to 11 days: each after the first returns within 30
    }

    [Fact]
    public void On_call_load_recovers_the_top_ten_percent_share_and_who_carries_it()
    {
        var planted = sample.Truth.OnCall;
        var all = OnCall.Compute(new AnalysisSession(sample.Store), Request()).Rows.Single();
        Assert.Equal((long)planted.Responders, all.Responders);
        Assert.Equal((long)planted.Unattributed, all.Unattributed);
        Assert.Equal((long)planted.AttributedPages, all.Pages - all.Unattributed);
        Assert.Equal(planted.Top10Share, all.Top10Share!.Value, 4);
        Assert.True(all.Top10Share > 0.4, "the planted heroes carry the load");
        var top = OnCall.Responders(new AnalysisSession(sample.Store), Request(limit: 3)).Rows.Select(r => r.Responder);
        Assert.Equal(planted.TopResponders, top);
    }

    [Fact]
    public void Declaration_breadth_recovers_the_planted_declarers()
    {
        var planted = sample.Truth.Declarers;
        var all = Declaration.Compute(new AnalysisSession(sample.Store), Request()).Rows.Single();
        Assert.Equal(planted.Distinct, all.Declarers);
        Assert.Equal(planted.TopThreeShare, all.Top3Share!.Value, 4);
        // No format carries a declarer group: the outside-engineering share rests on "never paged", and recovers it.
        Assert.Equal(planted.OutsideEngineeringShare, all.OutsideEngineeringShare!.Value, 4);
    }

    [Fact]
    public void The_anomalous_week_stands_out_in_frequency_and_in_the_deltas()
    {
        var planted = sample.Truth.AnomalousWeek;
        var weeks = Frequency.Compute(new AnalysisSession(sample.Store), Request()).Rows.Where(r => r.Week != "all").ToList();
        Assert.Equal(planted.IsoWeek, weeks.MaxBy(w => w.Incidents)!.Week);
        Assert.Equal(planted.Incidents, weeks.Single(w => w.Week == planted.IsoWeek).Incidents);
        Assert.Equal(sample.Truth.Generator.Weeks, weeks.Count(w => w.Incidents > 0));
        var deltas = Deltas.Compute(new AnalysisSession(sample.Store), Request() with { Week = planted.IsoWeek });
        Assert.Equal("higher", deltas.Rows.Single(r => r.Figure == "incidents").Verdict);
        Assert.Equal("worse", deltas.Rows.Single(r => r.Figure == "high_severity").Verdict);
    }

    [Fact]
    public void Every_metric_runs_on_the_sample_and_agrees_with_its_neighbours()
    {
        var all = MetricCatalog.ComputeAll(sample.Store, Request());
        Assert.Equal(MetricCatalog.All.Select(m => m.Name), all.Keys);
        // Every metric has rows on the sample (it plants postmortems and action items with overdue ones too).
        Assert.All(all.Select(p => p.Value), r => Assert.NotEmpty(r.RowObjects));
        var followThrough = ((MetricReport<FollowThroughRow>)all["follow-through"]).Rows.Single(r => r.Group == "all");
        Assert.Equal(Math.Min(20, followThrough.PostmortemOverdue + followThrough.ActionItemsOverdue), all["overdue"].RowObjects.Count);   // the top 20 listed
        var byOwner = ((MetricReport<ActionItemsRow>)all["action-items"]).Rows;
        Assert.Equal(followThrough.ActionItemsOverdue, byOwner.Single(r => r.Group == "all").Overdue);
        Assert.Equal(byOwner.Single(r => r.Group == "all").Items, byOwner.Where(r => r.Group != "all").Sum(r => r.Items));
        // The same count wherever it appears: incidents in response, frequency and recurrence; alerts in noise.
        var incidents = ((MetricReport<ResponseRow>)all["response"]).Rows.Single(r => r.Group == "all").Incidents;
        Assert.Equal(incidents, ((MetricReport<FrequencyRow>)all["frequency"]).Rows.Single(r => r.Week == "all").Incidents);
        Assert.Equal(incidents, ((MetricReport<RecurrenceRow>)all["recurrence"]).Rows.Single().Incidents);
        Assert.Equal(sample.Store.Scalar<long>("SELECT count(*) FROM alerts"), ((MetricReport<NoiseRow>)all["noise"]).Rows.Single(r => r.Group == "all").Alerts);
    }

    [Fact]
    public void The_weekly_headline_figures_equal_the_metrics_grouped_by_week()
    {
        // headline_by_week.sql restates each figure for the deltas; it must give the metric's own number.
        var deltas = Deltas.Compute(new AnalysisSession(sample.Store), Request());
        var week = deltas.Weeks.Single(w => w.Week == deltas.Week);
        var byWeek = Request(by: "week");
        var frequency = Frequency.Compute(new AnalysisSession(sample.Store), Request()).Rows.Single(r => r.Week == week.Week);
        var response = Response.Compute(new AnalysisSession(sample.Store), byWeek).Rows.Single(r => r.Group == week.Week);
        var noise = Noise.Compute(new AnalysisSession(sample.Store), byWeek).Rows.Single(r => r.Group == week.Week);
        var oncall = OnCall.Compute(new AnalysisSession(sample.Store), byWeek).Rows.Single(r => r.Group == week.Week);
        var recurrence = Recurrence.Compute(new AnalysisSession(sample.Store), byWeek).Rows.Single(r => r.Group == week.Week);
        Assert.Equal((frequency.Incidents, frequency.Sev1 + frequency.Sev2, frequency.LowSeverityShare), (week.Incidents, week.HighSeverity, week.LowSeverityShare));
        Assert.Equal((response.TimeToAcknowledge.N, response.TimeToAcknowledge.MedianSeconds), (week.TtaN, week.TtaMedianSeconds));
        Assert.Equal((response.TimeToResolve.N, response.TimeToResolve.MedianSeconds), (week.TtrN, week.TtrMedianSeconds));
        Assert.Equal((noise.Alerts, noise.NoiseRatio), (week.Alerts, week.NoiseRatio));
        Assert.Equal((oncall.Pages, oncall.OutOfHoursPages, oncall.SleepPages), (week.Pages, week.OutOfHoursPages, week.SleepPages));
        Assert.Equal(recurrence.RecurrenceRate, week.RecurrenceRate);
    }

    [Fact]
    public void The_same_seed_writes_the_same_files()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        var options = new GeneratorOptions { Seed = 7, Weeks = 6 };
        SampleGenerator.Generate(options, a.Path);
        SampleGenerator.Generate(options, b.Path);
        foreach (var f in SampleGenerator.Files.Values.Append("TRUTH.json"))
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, f)), File.ReadAllBytes(Path.Combine(b.Path, f)));
    }

    [Theory]
    [InlineData(3, 1, "--weeks")]
    [InlineData(26, 0, "--scale")]
    public void Bad_generator_options_name_the_option(int weeks, int scale, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new GeneratorOptions { Weeks = weeks, Scale = scale }.Validate());
        Assert.Contains(expected, e.Message);
    }
}
