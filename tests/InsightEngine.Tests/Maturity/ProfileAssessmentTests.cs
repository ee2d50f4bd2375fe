using System.Text.RegularExpressions;
using InsightEngine.Analysis;
using InsightEngine.Generation;
using InsightEngine.Import;
using InsightEngine.Maturity;
using InsightEngine.Store;

namespace InsightEngine.Tests.Maturity;

/// <summary>
/// Organisations generated to a profile, imported through the real importers, land on the stage each profile was built
/// for on every model, with the weakest phase it was built to have.
/// </summary>
public sealed class ProfileAssessmentTests
{
    /// <summary>Each profile is generated, imported and assessed once per run: the assessment is a pure function of the data.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Assessment>> Assessed = new(StringComparer.Ordinal);

    private static Assessment AssessProfile(OrganizationProfile profile) =>
        Assessed.GetOrAdd(profile.Name, _ => new Lazy<Assessment>(() => Build(profile))).Value;

    private static Assessment Build(OrganizationProfile profile)
    {
        using var dir = new TempDir();
        var truth = SampleGenerator.Generate(new GeneratorOptions { Profile = profile }, dir.Path);
        using var store = TestSupport.MemoryStore();
        var importer = new Importer(store);
        foreach (var f in SampleGenerator.Files.Values) importer.ImportFile(Path.Combine(dir.Path, f), new ImportOptions { TimeZone = truth.Generator.TimeZone });
        return Assessor.Assess(store, new MetricRequest { Options = MetricOptions.Default with { TimeZone = truth.Generator.TimeZone } }, Rubric.Default());
    }

    public static TheoryData<string, string, string, string> Profiles => new()
    {
        { "centralized-noisy", "Centralized", "Responsive", "detection" },
        { "distributed-poor-learning", "Distributed", "Proactive", "learning" },
        { "democratized-learning", "Democratized", "Elite", "detection" },
    };

    [SlowTheory]
    [MemberData(nameof(Profiles))]
    public void Each_profile_lands_on_the_stage_it_was_built_for(string profile, string ownership, string response, string weakest)
    {
        var a = AssessProfile(OrganizationProfile.Find(profile));
        Assert.Equal(ownership, a.Models.Single(m => m.Model == "ownership").StageName);
        Assert.Equal(response, a.Models.Single(m => m.Model == "response").StageName);
        Assert.Equal(weakest, a.WeakestPhase);
        Assert.All(a.Models, m => Assert.True(m.Confidence >= 0.5, $"{m.Model} confidence {m.Confidence}"));
        // The same assessment per quarter: every quarter of the 26 weeks, each with its incidents and a stage per model.
        Assert.Equal(["2026-Q2", "2026-Q3", "2026-Q4"], a.Quarters.Select(q => q.Quarter));
        Assert.Equal(a.Incidents, a.Quarters.Sum(q => q.Incidents));
        Assert.All(a.Quarters, q => Assert.Equal(2, q.Stages.Count));
        // Every next step names a figure from the data.
        Assert.All(a.Models.SelectMany(m => m.NextSteps).Concat(a.NextSteps), s => Assert.Matches(new Regex(@"\d"), s));
    }

    [SlowFact]
    public void The_evidence_separates_the_profiles_the_way_they_were_built()
    {
        var centralized = AssessProfile(OrganizationProfile.CentralizedNoisy);
        var democratized = AssessProfile(OrganizationProfile.DemocratizedLearning);
        double Value(Assessment a, string id) => a.Signals.Single(s => s.Id == id).Value!.Value;
        Assert.True(Value(centralized, "top_team_share") > 0.6);
        Assert.True(Value(centralized, "noise_ratio") > 0.8);
        Assert.True(Value(democratized, "outside_engineering_share") > 0.2);
        Assert.True(Value(democratized, "recurrence_rate") < Value(centralized, "recurrence_rate"));
        Assert.True(democratized.Overall.Score > centralized.Overall.Score);
        // Next steps quote the organisation's own figures: the central team's share, by name.
        Assert.Contains(centralized.Models.Single(m => m.Model == "ownership").NextSteps, s => s.Contains("sre (", StringComparison.Ordinal));
    }
}
