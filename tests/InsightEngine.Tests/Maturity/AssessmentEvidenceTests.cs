using System.Text.RegularExpressions;
using InsightEngine.Analysis;
using InsightEngine.Maturity;
using InsightEngine.Tests.Analysis;

namespace InsightEngine.Tests.Maturity;

/// <summary>
/// Hand-built stores: missing data lowers confidence and is never failure; the questionnaire fills what data cannot
/// show and is marked as answers; every next step quotes a figure.
/// </summary>
public sealed class AssessmentEvidenceTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly InsightEngine.Store.InsightStore store = TestSupport.MemoryStore();

    public void Dispose()
    {
        store.Dispose();
        dir.Dispose();
    }

    private Assessment Assess(Answers? answers = null) =>
        Assessor.Assess(store, new MetricRequest { Options = MetricOptions.Default }, Rubric.Default(), answers);

    /// <summary>30 SEV2 incidents over 6 weeks from one team, fixed in 40 minutes, no declarers, no alerts, no postmortem data.</summary>
    private void FewFacts()
    {
        for (var i = 0; i < 30; i++)
        {
            var created = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc).AddDays(i * 1.4);
            Seed.Incident(store, $"i{i}", created.ToString("O"), created.AddMinutes(40).ToString("O"), severity: "SEV2",
                team: i % 3 == 0 ? "payments" : "checkout", ack: created.AddMinutes(4).ToString("O"), title: $"Problem {i % 30} kind {(char)('a' + i)}");
        }
    }

    [Fact]
    public void A_stray_late_timestamp_does_not_stretch_the_period_and_empty_quarters_are_no_data()
    {
        FewFacts();   // March to mid-April 2026
        // One incident created in March and closed (by a bulk clean-up) in November: as-of moves, the period does not.
        Seed.Incident(store, "late", "2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", severity: "SEV3");
        store.Execute("UPDATE incidents SET closed_at = TIMESTAMPTZ '2026-11-20 00:00:00+00' WHERE external_id = 'late'");
        // And one stray incident in Q4, with a quiet Q3 between.
        Seed.Incident(store, "q4", "2026-10-05T10:00:00Z", "2026-10-05T11:00:00Z", severity: "SEV3");

        var a = Assess();

        Assert.Equal(new DateTimeOffset(2026, 10, 5, 10, 0, 0, TimeSpan.Zero), a.To.AddTicks(-10));
        Assert.Equal(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"], a.Quarters.Select(q => q.Quarter));
        var q3 = a.Quarters.Single(q => q.Quarter == "2026-Q3");
        Assert.Equal(0, q3.Incidents);
        Assert.All(q3.Stages.Values, s => Assert.Equal(Assessor.NoData, s));
        Assert.Null(q3.Overall);
        Assert.Null(q3.Band);

        // An explicit as-of bounds the period: nothing created after it is assessed.
        var asOf = new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);
        var early = Assessor.Assess(store, new MetricRequest { Options = MetricOptions.Default, AsOf = asOf }, Rubric.Default());
        Assert.Equal(asOf, early.To.AddTicks(-10));
        Assert.Equal(["2026-Q1"], early.Quarters.Select(q => q.Quarter));
    }

    [Fact]
    public void Recurrence_evidence_counts_only_titled_incidents_and_a_proxy_alone_never_lifts_a_stage()
    {
        for (var i = 0; i < 24; i++)
        {
            var created = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc).AddDays(i);
            Seed.Incident(store, $"u{i}", created.ToString("O"), created.AddMinutes(30).ToString("O"), declaredBy: $"Person {i % 8}");
            store.Execute("UPDATE incidents SET title = NULL WHERE external_id = $id", ("id", $"u{i}"));
        }
        Seed.Incident(store, "t1", "2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z", title: "Disk full on db-1");
        Seed.Incident(store, "t2", "2026-03-04T10:00:00Z", "2026-03-04T10:30:00Z", title: "Disk full on db-2");
        Seed.Alert(store, "x", "2026-03-01T10:00:00Z", ackBy: "Someone Else");   // paging data: the proxy fires
        // A rubric whose Distributed stage rests on the proxy signal alone.
        var yaml = File.ReadAllText(Path.Combine(InsightEngine.Tests.Generation.SampleDataTests.RepositoryRoot(), "src", "InsightEngine", "Maturity", "rubric.yaml"));
        yaml = yaml.Replace("""
                  - {signal: top_team_share, at_most: 0.40, source: "ours: no single team leads more than 40% of incidents"}
                  - {signal: top3_declarer_share, at_most: 0.50, source: "ours: three people declare at most half"}
        """, """
                  - {signal: outside_engineering_share, at_least: 0.10, source: "test"}

        """, StringComparison.Ordinal);
        Assert.Contains("{signal: outside_engineering_share, at_least: 0.10, source: \"test\"}", yaml);

        var a = Assessor.Assess(store, new MetricRequest { Options = MetricOptions.Default }, Rubric.Parse(yaml, "test.yaml"));
        var signals = a.Signals.ToDictionary(s => s.Id);

        var recurrence = signals["recurrence_rate"];
        Assert.Equal((2L, 0.5), (recurrence.N, recurrence.Value!.Value));
        Assert.Contains("24 untitled, left out", recurrence.Detail);
        var outside = signals["outside_engineering_share"];
        Assert.Equal((MaturitySignal.Proxy, 24L, 1.0), (outside.Basis, outside.N, outside.Value!.Value));
        Assert.Contains("24 of them by the on-rota proxy", outside.Detail);
        // Met, with full evidence by count, but a proxy: half weight, and not enough on its own to reach the stage.
        var distributed = a.Models.Single(m => m.Model == "ownership").Stages[1];
        Assert.Equal(("met", 0.5), (distributed.Requirements.Single().Status, distributed.Requirements.Single().Evidence));
        Assert.Equal("undetermined", distributed.Status);
    }

    [Fact]
    public void An_empty_store_is_not_a_failure_it_is_no_evidence()
    {
        var a = Assess();
        Assert.Equal(0, a.Incidents);
        Assert.All(a.Models, m => Assert.Equal(1, m.Level));                          // the starting stage: nothing claimed
        Assert.All(a.Models, m => Assert.Equal("undetermined", m.Stages[1].Status));  // and nothing failed
        Assert.All(a.Models, m => Assert.Equal(0, m.Confidence));
        Assert.All(a.Phases, p => Assert.Null(p.Score));
        Assert.Null(a.Overall.Score);
        Assert.NotEmpty(a.MissingEvidence);
    }

    [Fact]
    public void Missing_data_lowers_confidence_but_does_not_fail_a_requirement()
    {
        FewFacts();
        var a = Assess();
        var ownership = a.Models.Single(m => m.Model == "ownership");
        var distributed = ownership.Stages[1];
        // No declarers in the data: unknown, not failed; the team share (2 teams, 20 of 30 = 67%) is what fails.
        Assert.Equal("unknown", distributed.Requirements.Single(r => r.Signal == "top3_declarer_share").Status);
        Assert.Equal("not_met", distributed.Requirements.Single(r => r.Signal == "top_team_share").Status);
        Assert.Equal("Centralized", ownership.StageName);
        Assert.Equal(0.5, ownership.Confidence);
        // Response: no alerts at all, so alerting evidence is missing; TTA 4 min and TTR 40 min pass: Responsive is
        // claimed on two thirds of its evidence, with that confidence, and the gap is named.
        var response = a.Models.Single(m => m.Model == "response");
        Assert.Equal("reached", response.Stages[1].Status);
        Assert.Equal("unknown", response.Stages[1].Requirements.Single(r => r.Signal == "alerts_per_incident").Status);
        Assert.True(response.Confidence < 0.8, $"confidence {response.Confidence}");
        Assert.Contains(a.MissingEvidence, m => m.Contains("Import your alerts", StringComparison.Ordinal) && m.Contains("30 incidents", StringComparison.Ordinal));
        // Learning has no postmortem or action-item data: its score rests on what there is, its confidence says how little.
        var learning = a.Phases.Single(p => p.Phase == "learning");
        Assert.True(learning.Confidence < 0.5);
        Assert.Null(learning.Signals.Single(s => s.Signal == "postmortem_completion").Score);
    }

    [Fact]
    public void The_learning_phase_scores_the_samples_postmortems_and_action_items()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "sample.duckdb");
        TestSupport.ImportSample(db);
        using var store = InsightEngine.Store.InsightStore.Open(db);
        var truth = InsightEngine.Generation.Truth.Load(Path.Combine(InsightEngine.Tests.Generation.SampleDataTests.RepositoryRoot(), "sample-data", "TRUTH.json")).FollowThrough!;

        var a = Assessor.Assess(store, new MetricRequest { Options = MetricOptions.Default }, Rubric.Default());
        var learning = a.Phases.Single(p => p.Phase == "learning").Signals.ToDictionary(s => s.Signal);

        // The assessment's window is the data's last 90 days, so its figures are a subset of the sample's; each is scored, none missing.
        foreach (var signal in new[] { "postmortem_completion", "action_item_completion", "action_items_overdue_share", "action_item_smart_share" })
            Assert.True(learning[signal].Score is not null, $"{signal} is not scored");
        var smart = a.Signals.Single(s => s.Id == "action_item_smart_share");
        Assert.InRange(smart.Value!.Value, 0, 1);
        Assert.True(truth.SmartShare < 0.5 && smart.Value < 0.8, "the sample's vague and undated items keep the SMART share low");
        Assert.Contains("measurable judged for", smart.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_observations_than_min_n_count_as_partial_evidence()
    {
        FewFacts();
        var a = Assess();
        var tta = a.Phases.Single(p => p.Phase == "detection").Signals.Single(s => s.Signal == "tta_median_high");
        Assert.Equal((30L, 1.0), (tta.N, tta.Evidence));                  // min_n 10
        var share = a.Models.Single(m => m.Model == "ownership").Stages[1].Requirements.Single(r => r.Signal == "top_team_share");
        Assert.Equal(1.0, share.Evidence);                                // min_n 20, 30 with a team
        Assert.Equal(20.0 / 30, a.Signals.Single(s => s.Id == "top_team_share").Value!.Value, 6);
    }

    [Fact]
    public void Answers_fill_what_the_data_cannot_show_and_are_marked_as_answers()
    {
        FewFacts();
        var path = Path.Combine(dir.Path, "answers.yaml");
        File.WriteAllText(path, """
            response_plan_documented: yes
            response_plan_last_updated: 2025-11-01
            runbooks: most
            game_days_per_year: 0
            incident_training:
            """);
        var answers = Answers.Load(path);
        Assert.Equal(4, answers.Count);                                   // a blank answer is no answer
        var a = Assess(answers);
        var runbooks = a.Models.Single(m => m.Model == "response").Stages[2].Requirements.Single(r => r.Signal == "runbook_coverage");
        Assert.Equal(("met", "answers"), (runbooks.Status, runbooks.Basis));
        var plan = a.Signals.Single(s => s.Id == "plan_age_days");
        Assert.Equal(("answers", "days"), (plan.Basis, plan.Unit));
        Assert.Equal(Math.Floor((a.AsOf - new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero)).TotalDays), plan.Value);
        var preparation = a.Phases.Single(p => p.Phase == "preparation");
        Assert.True(preparation.Confidence > Assess().Phases.Single(p => p.Phase == "preparation").Confidence);
        Assert.Equal(0, preparation.Signals.Single(s => s.Signal == "game_days_per_year").Score);   // a "0" answer is a real zero
        Assert.Equal(a.AsOf, Assess(answers).AsOf);
    }

    [Fact]
    public void A_bad_answers_file_names_the_line_and_the_valid_values()
    {
        var path = Path.Combine(dir.Path, "bad.yaml");
        File.WriteAllText(path, "runbooks: lots\n");
        Assert.Contains("bad.yaml: line 1: runbooks: 'lots' is not one of none, some, most, all", Assert.Throws<InvalidDataException>(() => Answers.Load(path)).Message);
        File.WriteAllText(path, "response_plan: yes\n");
        Assert.Contains("'response_plan' is not a question. Questions: response_plan_documented", Assert.Throws<InvalidDataException>(() => Answers.Load(path)).Message);
        File.WriteAllText(path, "response_plan_last_updated: last spring\n");
        Assert.Contains("is not a date (YYYY-MM-DD)", Assert.Throws<InvalidDataException>(() => Answers.Load(path)).Message);
    }

    [Fact]
    public void The_template_lists_every_question_and_loads_as_unanswered()
    {
        var path = Path.Combine(dir.Path, "template.yaml");
        File.WriteAllText(path, Answers.Template());
        var text = File.ReadAllText(path);
        Assert.All(Answers.Questions, q => Assert.Contains($"\n{q.Key}:", text, StringComparison.Ordinal));
        Assert.Equal(0, Answers.Load(path).Count);
    }

    [Fact]
    public void Every_next_step_names_a_figure_from_the_data()
    {
        FewFacts();
        var a = Assess();
        var steps = a.Models.SelectMany(m => m.NextSteps).Concat(a.NextSteps).Concat(a.MissingEvidence).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.True(Regex.IsMatch(s, @"\d"), s));
        Assert.DoesNotContain(steps, s => s.Contains('{', StringComparison.Ordinal));   // every placeholder filled
        Assert.Contains(a.Models.Single(m => m.Model == "ownership").NextSteps, s => s.Contains("checkout (20 of 30)", StringComparison.Ordinal)
                                                                                  && s.Contains("66.7%", StringComparison.Ordinal)
                                                                                  && s.Contains("40%", StringComparison.Ordinal));
    }
}
