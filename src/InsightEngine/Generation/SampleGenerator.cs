using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using InsightEngine.Generation.Writers;

namespace InsightEngine.Generation;

/// <summary>
/// Writes a fictional organisation's exports in every format we read, and <c>TRUTH.json</c> with the facts planted in
/// them. <c>insight generate</c> and the benchmark workload (<c>--scale 100</c>) both use it.
/// </summary>
public static partial class SampleGenerator
{
    /// <summary>Where each format's file goes, relative to the output folder.</summary>
    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        ["pagerduty-incidents-csv"] = "pagerduty/incidents.csv",
        ["opsgenie-alerts-csv"] = "opsgenie/alerts.csv",
    };

    /// <summary>Generates into <paramref name="outDir"/> (created if needed) and returns the truth written beside.</summary>
    public static Truth Generate(GeneratorOptions options, string outDir)
    {
        options.Validate();
        var random = new Random(options.Seed);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var org = new Organization(random, options.Scale);
        var incidents = new IncidentGenerator(random, org, options).Generate();
        var alerts = new AlertGenerator(random, org, options).Generate();

        foreach (var file in Files.Values) Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(outDir, file))!);
        PagerDutyCsvWriter.Write(Path.Combine(outDir, Files["pagerduty-incidents-csv"]), incidents, zone);
        OpsgenieCsvWriter.Write(Path.Combine(outDir, Files["opsgenie-alerts-csv"]), alerts);

        var truth = BuildTruth(options, org, incidents, alerts);
        File.WriteAllText(Path.Combine(outDir, "TRUTH.json"), JsonSerializer.Serialize(truth, Truth.Json) + "\n");
        return truth;
    }

    private static Truth BuildTruth(GeneratorOptions options, Organization org, List<GeneratedIncident> incidents, List<GeneratedAlert> alerts)
    {
        var bySeverity = incidents.GroupBy(i => i.Severity).OrderBy(g => g.Key).ToList();
        var ttr = bySeverity.ToDictionary(g => $"SEV{g.Key}", g => Duration(
            IncidentGenerator.TtrMedian[g.Key - 1], IncidentGenerator.TtrSigma,
            g.Where(i => i.ResolveSeconds is not null).Select(i => (double)i.ResolveSeconds!.Value).ToList()));
        var tta = bySeverity.ToDictionary(g => $"SEV{g.Key}", g => Duration(
            IncidentGenerator.TtaMedian[g.Key - 1], IncidentGenerator.TtaSigma,
            g.Where(i => i.AckSeconds is not null).Select(i => (double)i.AckSeconds!.Value).ToList()));

        var recurring = incidents.Where(i => i.Recurring).ToList();
        var generator = new IncidentGenerator(new Random(0), org, options);
        var weekStart = options.Start.AddDays(7 * generator.AnomalousWeek);
        var inWeek = incidents.Where(i => i.CreatedAt >= weekStart && i.CreatedAt < weekStart.AddDays(7)).ToList();
        var otherWeeks = incidents.Count(i => i.CreatedAt < weekStart || i.CreatedAt >= weekStart.AddDays(7)) / (double)(options.Weeks - 1);

        var declarers = incidents.GroupBy(i => i.DeclaredBy.Name).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var noisy = AlertGenerator.Noisy.Select((n, rank) =>
        {
            var rule = alerts.Where(a => a.Rule == $"{n.Service}:{n.Rule}").ToList();
            var noise = rule.Count(a => a.Kind != AlertKind.Actionable);
            return new TruthNoisyRule(rank + 1, $"{n.Service}:{n.Rule}", n.Service, KindName(n.Kind), rule.Count, noise,
                Math.Round((double)noise / Math.Max(1, rule.Count), 4));
        }).ToList();

        return new Truth(
            new TruthGenerator(options.Seed, options.Weeks, options.Scale, options.Start, options.End, options.TimeZone),
            new TruthOrganization(org.Teams.Count, org.Teams.Sum(t => t.Services.Count), org.Engineers.Count(), org.NonEngineers.Count),
            Files,
            new TruthCounts(incidents.Count, incidents.Count(i => i.ResolveSeconds is null),
                bySeverity.ToDictionary(g => $"SEV{g.Key}", g => g.Count())),
            ttr,
            tta,
            noisy,
            new TruthRecurringProblem(IncidentGenerator.RecurringService, recurring[0].Title, NormalizeTitle(recurring[0].Title),
                recurring.Count, recurring[0].CreatedAt, recurring[^1].CreatedAt),
            new TruthAnomalousWeek(IsoWeek(weekStart), weekStart, inWeek.Count, Math.Round(otherWeeks, 2), IncidentGenerator.SurgeService,
                inWeek.Count(i => i.Service == IncidentGenerator.SurgeService)),
            new TruthDeclarers(declarers.Count,
                Math.Round(declarers.Take(3).Sum(g => g.Count()) / (double)incidents.Count, 4),
                declarers.Take(3).Select(g => g.Key).ToList(),
                Math.Round(incidents.Count(i => i.DeclaredBy.Group != "engineering") / (double)incidents.Count, 4),
                [],
                "PagerDuty's incidents CSV and Opsgenie's alerts CSV carry no declarer; formats that do (PagerDuty log entries, " +
                "incident.io, Jira, ServiceNow) are written from the same incidents as the importers grow."));
    }

    private static TruthDuration Duration(double median, double sigma, List<double> values) =>
        new(median, Math.Round(median * Math.Exp(sigma * Distributions.Z90), 1), values.Count,
            Math.Round(Distributions.Quantile(values, 0.5), 3), Math.Round(Distributions.Quantile(values, 0.9), 3),
            values.Count == 0 ? double.NaN : Math.Round(values.Average(), 3));

    private static string KindName(AlertKind kind) => kind switch
    {
        AlertKind.AutoResolved => "auto_resolved",
        AlertKind.NeverAcked => "never_acked",
        AlertKind.Flapping => "flapping",
        AlertKind.Duplicate => "duplicate",
        _ => "actionable",
    };

    /// <summary>ISO 8601 week of a date, e.g. <c>2026-W36</c>.</summary>
    public static string IsoWeek(DateTimeOffset t) =>
        string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(t.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(t.UtcDateTime):D2}");

    /// <summary>A title with numbers, ids and hosts stripped, lower-case: the recurrence fingerprint of metrics.md.</summary>
    public static string NormalizeTitle(string title) =>
        Spaces().Replace(Numbers().Replace(title.ToLowerInvariant(), "#"), " ").Trim();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
