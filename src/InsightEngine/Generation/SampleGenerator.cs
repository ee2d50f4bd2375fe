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
        ["pagerduty-incidents-json"] = "pagerduty/incidents-api.json",
        ["pagerduty-log-entries-json"] = "pagerduty/log-entries-api.json",
        ["opsgenie-incidents-json"] = "opsgenie/incidents-api.json",
        ["jira-issues-csv"] = "jira/issues.csv",
        ["jira-search-json"] = "jira/search-api.json",
        ["servicenow-incidents-csv"] = "servicenow/incidents.csv",
        ["servicenow-table-json"] = "servicenow/table-api.json",
        ["incidentio-incidents-csv"] = "incidentio/incidents.csv",
        ["incidentio-incidents-json"] = "incidentio/incidents-api.json",
        ["opsgenie-alerts-csv"] = "opsgenie/alerts.csv",
        ["opsgenie-alerts-json"] = "opsgenie/alerts-api.json",
        ["grafana-oncall-alert-groups-json"] = "grafana-oncall/alert-groups-api.json",
        ["servicenow-problems-csv"] = "servicenow/problems.csv",
        ["servicenow-problem-task-json"] = "servicenow/problem-tasks-api.json",
        ["incidentio-follow-ups-json"] = "incidentio/follow-ups-api.json",
        ["incidentio-postmortems-json"] = "incidentio/postmortem-documents-api.json",
        ["opsgenie-postmortems-json"] = "opsgenie/postmortems-api.json",
    };

    /// <summary>
    /// The tool each team exports its incidents from, by team order (team i uses entry i mod 9): the organisation is a
    /// realistic patchwork, and importing every file at once must still give back every planted fact.
    /// </summary>
    public static readonly IReadOnlyList<string> IncidentFormats =
    [
        "pagerduty-incidents-csv", "pagerduty-incidents-json", "opsgenie-incidents-json", "jira-issues-csv", "jira-search-json",
        "servicenow-incidents-csv", "servicenow-table-json", "incidentio-incidents-csv", "incidentio-incidents-json",
    ];

    /// <summary>The tool each team's alerts come from, by team order (entry i mod 3).</summary>
    public static readonly IReadOnlyList<string> AlertFormats = ["opsgenie-alerts-csv", "opsgenie-alerts-json", "grafana-oncall-alert-groups-json"];

    /// <summary>Incident formats that name who declared an incident.</summary>
    public static readonly IReadOnlyList<string> DeclarerFormats =
    [
        "opsgenie-incidents-json", "jira-issues-csv", "jira-search-json", "servicenow-incidents-csv", "servicenow-table-json",
        "incidentio-incidents-csv", "incidentio-incidents-json",
    ];

    /// <summary>Generates into <paramref name="outDir"/> (created if needed) and returns the truth written beside.</summary>
    public static Truth Generate(GeneratorOptions options, string outDir)
    {
        options.Validate();
        var random = new Random(options.Seed);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var org = new Organization(random, options.Scale);
        var incidents = new IncidentGenerator(random, org, options).Generate();
        var alerts = new AlertGenerator(random, org, options).Generate();
        var plants = new LearningPlants(org, options);
        plants.Plant(incidents, alerts);

        var teamIndex = org.Teams.Select((t, i) => (t.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var byFormat = incidents.ToLookup(i => options.SingleTool ? IncidentFormats[0] : IncidentFormats[teamIndex[i.Team] % IncidentFormats.Count]);
        var alertsByFormat = alerts.ToLookup(a => options.SingleTool ? AlertFormats[0] : AlertFormats[teamIndex[a.Team] % AlertFormats.Count]);
        AdaptToTools(byFormat);
        var followUps = new FollowUpPlants(org, options);
        followUps.Plant(byFormat);   // after every other plant, on the times the files hold

        foreach (var file in Files.Values) Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(outDir, file))!);
        string PathOf(string format) => Path.Combine(outDir, Files[format]);
        PagerDutyCsvWriter.Write(PathOf("pagerduty-incidents-csv"), byFormat["pagerduty-incidents-csv"], zone);
        PagerDutyJsonWriter.WriteIncidents(PathOf("pagerduty-incidents-json"), byFormat["pagerduty-incidents-json"]);
        PagerDutyJsonWriter.WriteLogEntries(PathOf("pagerduty-log-entries-json"), byFormat["pagerduty-incidents-json"]);
        OpsgenieJsonWriter.WriteIncidents(PathOf("opsgenie-incidents-json"), byFormat["opsgenie-incidents-json"]);
        JiraWriter.WriteCsv(PathOf("jira-issues-csv"), byFormat["jira-issues-csv"], zone);
        JiraWriter.WriteSearchJson(PathOf("jira-search-json"), byFormat["jira-search-json"], zone);
        ServiceNowWriter.WriteCsv(PathOf("servicenow-incidents-csv"), byFormat["servicenow-incidents-csv"], zone);
        ServiceNowWriter.WriteTableJson(PathOf("servicenow-table-json"), byFormat["servicenow-table-json"], zone);
        IncidentIoWriter.WriteCsv(PathOf("incidentio-incidents-csv"), byFormat["incidentio-incidents-csv"]);
        IncidentIoWriter.WriteJson(PathOf("incidentio-incidents-json"), byFormat["incidentio-incidents-json"]);
        OpsgenieCsvWriter.Write(PathOf("opsgenie-alerts-csv"), alertsByFormat["opsgenie-alerts-csv"]);
        OpsgenieJsonWriter.WriteAlerts(PathOf("opsgenie-alerts-json"), alertsByFormat["opsgenie-alerts-json"]);
        GrafanaOnCallWriter.Write(PathOf("grafana-oncall-alert-groups-json"), alertsByFormat["grafana-oncall-alert-groups-json"].ToList());
        var problems = byFormat["servicenow-incidents-csv"].Concat(byFormat["servicenow-table-json"]).Select(i => i.Postmortem).OfType<GeneratedPostmortem>().Distinct().ToList();
        ServiceNowWriter.WriteProblemsCsv(PathOf("servicenow-problems-csv"), problems, zone);
        ServiceNowWriter.WriteProblemTasksJson(PathOf("servicenow-problem-task-json"), problems, zone);
        var incidentIo = byFormat["incidentio-incidents-csv"].Concat(byFormat["incidentio-incidents-json"]).ToList();
        IncidentIoWriter.WriteFollowUps(PathOf("incidentio-follow-ups-json"), incidentIo);
        IncidentIoWriter.WritePostmortemDocuments(PathOf("incidentio-postmortems-json"), incidentIo);
        OpsgenieJsonWriter.WritePostmortems(PathOf("opsgenie-postmortems-json"), byFormat["opsgenie-incidents-json"]);

        var declared = DeclarerFormats.SelectMany(f => byFormat[f]).ToList();
        // Who an incident's export names as paged: PagerDuty's analytics CSV names only a person who resolved it, Opsgenie
        // incidents name no one; every other format names the assignee (or the notified user, or the lead).
        var csvOnly = byFormat["pagerduty-incidents-csv"].Where(i => i.ResolveSeconds is null || i.AutoResolved);
        var paged = incidents.Except(byFormat[UnattributedIncidentFormat]).Except(csvOnly).ToList();
        var truth = BuildTruth(options, org, incidents, alerts, declared) with
        {
            OnCall = OnCall(options, org, incidents.Count - paged.Count, paged, alerts),
            Trend = Trend(options, incidents),
            FollowThrough = options.Profile.FollowUpRate > 0 ? followUps.Truth(byFormat) : null,
            AbnormalIncidents = plants.Abnormal.Select(a => new TruthAbnormalIncident(a.Incident.Id, a.Incident.Number, a.Incident.Title, a.Incident.Service,
                $"SEV{a.Incident.Severity}", a.Incident.CreatedAt, a.Why)).ToList(),
        };
        File.WriteAllText(Path.Combine(outDir, "TRUTH.json"), JsonSerializer.Serialize(truth, Truth.Json) + "\n");
        return truth;
    }

    /// <summary>
    /// What a tool cannot record is not planted: Jira's CSV writes times to the minute, so those incidents' times are
    /// truncated to the minute; Opsgenie incidents have no acknowledgement, so theirs is dropped. The truth is then
    /// computed from what the files hold.
    /// </summary>
    private static void AdaptToTools(ILookup<string, GeneratedIncident> byFormat)
    {
        static DateTimeOffset Minute(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, t.Offset);
        foreach (var i in byFormat["jira-issues-csv"])
        {
            var (ack, resolved) = (i.AcknowledgedAt, i.ResolvedAt);
            i.CreatedAt = Minute(i.CreatedAt);
            if (ack is { } a) i.AckSeconds = (long)(Minute(a) - i.CreatedAt).TotalSeconds;
            if (resolved is { } r) i.ResolveSeconds = (long)(Minute(r) - i.CreatedAt).TotalSeconds;
        }
        foreach (var i in byFormat["opsgenie-incidents-json"]) i.AckSeconds = null;
    }

    private static Truth BuildTruth(GeneratorOptions options, Organization org, List<GeneratedIncident> incidents, List<GeneratedAlert> alerts,
        List<GeneratedIncident> declared)
    {
        var bySeverity = incidents.GroupBy(i => i.Severity).OrderBy(g => g.Key).ToList();
        var ttr = bySeverity.ToDictionary(g => $"SEV{g.Key}", g => Duration(
            IncidentGenerator.TtrMedian[g.Key - 1] * options.Profile.ResponseFactor, IncidentGenerator.TtrSigma,
            g.Where(i => i.ResolveSeconds is not null).Select(i => (double)i.ResolveSeconds!.Value).ToList()));
        var tta = bySeverity.ToDictionary(g => $"SEV{g.Key}", g => Duration(
            IncidentGenerator.TtaMedian[g.Key - 1] * options.Profile.ResponseFactor, IncidentGenerator.TtaSigma,
            g.Where(i => i.AckSeconds is not null).Select(i => (double)i.AckSeconds!.Value).ToList()));

        var recurring = incidents.Where(i => i.Recurring).ToList();
        var generator = new IncidentGenerator(new Random(0), org, options);
        var weekStart = options.Start.AddDays(7 * generator.AnomalousWeek);
        var inWeek = incidents.Where(i => i.CreatedAt >= weekStart && i.CreatedAt < weekStart.AddDays(7)).ToList();
        var otherWeeks = incidents.Count(i => i.CreatedAt < weekStart || i.CreatedAt >= weekStart.AddDays(7)) / (double)(options.Weeks - 1);

        var declarers = declared.GroupBy(i => i.DeclaredBy.Name).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var noisy = AlertGenerator.Noisy.Select((n, rank) =>
        {
            var rule = alerts.Where(a => a.Rule == $"{n.Service}:{n.Rule}").ToList();
            var noise = rule.Count(a => a.Kind != AlertKind.Actionable);
            return new TruthNoisyRule(rank + 1, $"{n.Service}:{n.Rule}", n.Service, KindName(n.Kind), rule.Count, noise,
                Math.Round((double)noise / Math.Max(1, rule.Count), 4));
        }).ToList();

        return new Truth(
            new TruthGenerator(options.Seed, options.Weeks, options.Scale, options.Start, options.End, options.TimeZone, options.Profile.Name),
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
                Math.Round(declarers.Take(3).Sum(g => g.Count()) / (double)Math.Max(1, declared.Count), 4),
                declarers.Take(3).Select(g => g.Key).ToList(),
                Math.Round(declared.Count(i => i.DeclaredBy.Group != "engineering") / (double)Math.Max(1, declared.Count), 4),
                DeclarerFormats,
                $"Over the {declared.Count} incidents whose export names a declarer (the formats listed); PagerDuty's CSV and " +
                "API dumps name none, so their incidents are left out of these figures."),
            OnCall: null!); // filled by Generate, which knows which formats name a responder
    }

    /// <summary>The incident format that names no responder (Opsgenie incidents carry no assignee or acknowledger).</summary>
    public const string UnattributedIncidentFormat = "opsgenie-incidents-json";

    /// <summary>The growing problem: its weekly counts, for the forecast's test and docs.</summary>
    private static TruthTrend? Trend(GeneratorOptions options, List<GeneratedIncident> incidents)
    {
        if (options.Profile.GrowingProblem <= 0) return null;
        var service = incidents.First(i => i.Number >= 90_000).Service;
        var weekly = Enumerable.Range(0, options.Weeks).Select(w => incidents.Count(i =>
            i.Service == service && i.Severity == LearningPlants.TrendSeverity
            && i.CreatedAt >= options.Start.AddDays(7 * w) && i.CreatedAt < options.Start.AddDays(7 * (w + 1)))).ToList();
        var severity = incidents.Where(i => i.Severity == LearningPlants.TrendSeverity).ToList();
        var bySeverity = Enumerable.Range(0, options.Weeks).Select(w => severity.Count(i =>
            i.CreatedAt >= options.Start.AddDays(7 * w) && i.CreatedAt < options.Start.AddDays(7 * (w + 1)))).ToList();
        return new TruthTrend(service, $"SEV{LearningPlants.TrendSeverity}", options.Profile.GrowingProblem * options.Scale, weekly, bySeverity);
    }

    private static TruthOnCall OnCall(GeneratorOptions options, Organization org, int unattributedIncidents, List<GeneratedIncident> paged, List<GeneratedAlert> alerts)
    {
        var byEmail = org.Engineers.ToDictionary(p => p.Email, StringComparer.Ordinal);
        var recipients = paged.Select(i => i.Assignee)
            .Concat(alerts.Where(a => a.AcknowledgedBy is not null).Select(a => byEmail[a.AcknowledgedBy!]))
            .ToList();
        var load = recipients.GroupBy(p => p.Name.ToLowerInvariant())
            .Select(g => (Key: g.Key, Pages: g.Count()))
            .OrderByDescending(x => x.Pages).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
        var top = (int)Math.Ceiling(load.Count * 0.1);
        return new TruthOnCall(options.Profile.HeroShare, load.Count, recipients.Count,
            unattributedIncidents + alerts.Count(a => a.AcknowledgedBy is null),
            Math.Round(load.Take(top).Sum(x => x.Pages) / (double)Math.Max(1, recipients.Count), 4),
            load.Take(3).Select(x => x.Key).ToList(),
            $"Pages: incidents to the person their export names (notified user, acknowledger, assignee, lead or resolver): " +
            $"{UnattributedIncidentFormat} names no one, PagerDuty's analytics CSV only a person who resolved it; alerts to who " +
            "acknowledged them (unacknowledged alerts name no one). Responders keyed by lower-case name (an e-mail's local part).");
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

    /// <summary>
    /// A title with UUIDs, hex ids and numbers stripped, lower-case: the recurrence fingerprint of metrics.md, by the same
    /// rules as the <c>normalize_title</c> SQL macro (Analysis/Sql/macros/010_common.sql), which a test holds equal.
    /// </summary>
    public static string NormalizeTitle(string title)
    {
        var t = Uuids().Replace(title.ToLowerInvariant(), "#");
        t = HexIds().Replace(t, "#");
        t = Digits().Replace(t, "#");
        return Spaces().Replace(t, " ").Trim();
    }

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuids();

    [GeneratedRegex(@"\b([0-9a-f]*[0-9][0-9a-f]*[a-f][0-9a-f]*|[0-9a-f]*[a-f][0-9a-f]*[0-9][0-9a-f]*)\b")]
    private static partial Regex HexIds();

    [GeneratedRegex(@"[0-9]+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
