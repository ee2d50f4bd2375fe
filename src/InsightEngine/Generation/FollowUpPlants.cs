namespace InsightEngine.Generation;

/// <summary>A postmortem record of the fictional organisation (a Jira review, a ServiceNow problem, an incident.io document, an Opsgenie report).</summary>
public sealed class GeneratedPostmortem
{
    /// <summary>A number unique in the organisation (keys are built from it per tool).</summary>
    public required int Number { get; init; }

    /// <summary>The incidents it covers (a ServiceNow problem may cover two); the first is the one it was opened for.</summary>
    public List<GeneratedIncident> Incidents { get; } = [];

    /// <summary>Who writes it.</summary>
    public required Person Owner { get; init; }

    /// <summary>When it was opened.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was completed; null while it is still being written.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Its action items.</summary>
    public List<GeneratedActionItem> Items { get; } = [];
}

/// <summary>An action item of a postmortem.</summary>
public sealed class GeneratedActionItem
{
    /// <summary>A number unique in the organisation.</summary>
    public required int Number { get; init; }

    /// <summary>Its title: a concrete change, or (<see cref="Specific"/> false) a vague one.</summary>
    public required string Title { get; init; }

    /// <summary>Whether the title names a concrete change (docs/metrics.md "SMART action items").</summary>
    public required bool Specific { get; init; }

    /// <summary>Its owner; null when nobody took it.</summary>
    public Person? Owner { get; init; }

    /// <summary>When it was written down.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it is due (a date); null when it has none.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When it was done; null when open or cancelled.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Dropped (won't do).</summary>
    public bool Cancelled { get; init; }

    /// <summary>Its acceptance criterion, where one was written.</summary>
    public string? Acceptance { get; init; }

    /// <summary>Written as a sub-task of the incident rather than an issue linked to the review (Jira).</summary>
    public bool SubTask { get; init; }
}

/// <summary>
/// Plants postmortems and action items for the tools that record them (Jira, ServiceNow, incident.io, Opsgenie), with
/// the gaps real organisations have: postmortems never written, finished late or still in review; action items without
/// an owner or a due date, vague ones, overdue ones, dropped ones. Its own random stream (seed + 23), drawn after every
/// other plant, so every other figure of the sample stays as it was. Every follow-up time lies before the last incident
/// (so the data's as-of does not move), and no open item falls due within three days of the export (so "overdue" does
/// not depend on the exact as-of).
/// </summary>
public sealed class FollowUpPlants(Organization org, GeneratorOptions options)
{
    /// <summary>The formats whose tool records postmortems, and which kind of record each writes.</summary>
    public static readonly IReadOnlyList<string> Formats =
    [
        "jira-issues-csv", "jira-search-json", "servicenow-incidents-csv", "servicenow-table-json",
        "incidentio-incidents-csv", "incidentio-incidents-json", "opsgenie-incidents-json",
    ];

    /// <summary>A due period of 14 days (the default postmortem_due): on-time completions land well inside it, late ones well after.</summary>
    private static readonly (int Min, int Max) OnTimeDays = (2, 11), LateDays = (17, 40);

    private static readonly string[] SpecificTitles =
    [
        "Add a connection-pool saturation alarm on {0}", "Raise the {0} pool limit to 200 and alert at 80%",
        "Add a retry budget to the {0} client", "Load-test {0} at twice peak traffic", "Add a runbook step for failing over {0}",
        "Remove the single point of failure in {0} DNS", "Page the {0} on-call on 5xx above 1%", "Pin the {0} base image version",
    ];

    private static readonly string[] VagueTitles = ["Investigate", "Look into the outage", "Improve monitoring", "Follow up on this issue", "Review alerting"];

    /// <summary>The postmortems planted, in order.</summary>
    public List<GeneratedPostmortem> Postmortems { get; } = [];

    /// <summary>Plants follow-ups on the incidents of <paramref name="byFormat"/> (the formats in <see cref="Formats"/>).</summary>
    public void Plant(ILookup<string, GeneratedIncident> byFormat)
    {
        if (options.Profile.FollowUpRate <= 0) return;
        var random = new Random(options.Seed + 23);
        var all = Formats.SelectMany(f => byFormat[f]).ToList();
        var limit = all.Concat(byFormat.SelectMany(g => g)).Max(i => i.CreatedAt);
        var exportedAt = options.End;
        var number = 0;
        foreach (var format in Formats)
        {
            var open = new Dictionary<string, GeneratedPostmortem>(StringComparer.Ordinal);   // ServiceNow: a problem still open for this title
            foreach (var incident in byFormat[format].OrderBy(i => i.CreatedAt))
            {
                if (incident.Severity > 2 || incident.ResolvedAt is not { } resolved) continue;
                var key = incident.Service + "|" + SampleGenerator.NormalizeTitle(incident.Title);
                // ServiceNow: a repeat of a problem still being worked on joins it (a problem with two incidents).
                if (format.StartsWith("servicenow", StringComparison.Ordinal) && open.TryGetValue(key, out var existing)
                    && incident.CreatedAt - existing.Incidents[0].CreatedAt < TimeSpan.FromDays(30))
                {
                    existing.Incidents.Add(incident);
                    incident.Postmortem = existing;
                    continue;
                }
                if (random.NextDouble() >= options.Profile.FollowUpRate) continue;   // never written: owed, missing
                var created = resolved.AddHours(12 + random.Next(48));
                if (created > limit) continue;
                var completed = random.NextDouble() < 0.75
                    ? resolved.AddDays(random.NextDouble() < 0.7 ? random.Next(OnTimeDays.Min, OnTimeDays.Max + 1) : random.Next(LateDays.Min, LateDays.Max + 1)).AddHours(random.Next(1, 8))
                    : (DateTimeOffset?)null;
                if (completed > limit) completed = null;   // still in review when the data was exported
                var team = org.OwnerOf(incident.Service);
                var postmortem = new GeneratedPostmortem
                {
                    Number = ++number, Owner = team.Engineers[random.Next(team.Engineers.Count)], CreatedAt = created, CompletedAt = completed,
                };
                postmortem.Incidents.Add(incident);
                incident.Postmortem = postmortem;
                Postmortems.Add(postmortem);
                open[key] = postmortem;
                if (format == "opsgenie-incidents-json") continue;   // Opsgenie records no action items
                var items = 1 + random.Next(3);
                for (var k = 0; k < items; k++)
                    postmortem.Items.Add(Item(random, ++number, postmortem, team, format, limit, exportedAt));
            }
        }
    }

    private static GeneratedActionItem Item(Random random, int itemNumber, GeneratedPostmortem postmortem, Team team, string format, DateTimeOffset limit, DateTimeOffset exportedAt)
    {
        var specific = random.NextDouble() < 0.75;
        var service = postmortem.Incidents[0].Service;
        var title = specific ? string.Format(System.Globalization.CultureInfo.InvariantCulture, SpecificTitles[random.Next(SpecificTitles.Length)], service)
            : VagueTitles[random.Next(VagueTitles.Length)];
        var created = postmortem.CreatedAt.AddHours(2 + random.Next(24));
        if (created > limit) created = limit;
        var owner = random.NextDouble() < 0.85 ? team.Engineers[random.Next(team.Engineers.Count)] : null;
        // incident.io follow-ups have no due date at all; elsewhere most items get one, as a date.
        DateTimeOffset? due = !format.StartsWith("incidentio", StringComparison.Ordinal) && random.NextDouble() < 0.8
            ? new DateTimeOffset(created.UtcDateTime.Date.AddDays(7 + random.Next(28)), TimeSpan.Zero).AddHours(12)
            : null;
        var roll = random.NextDouble();
        var cancelled = roll < 0.06;
        DateTimeOffset? completed = !cancelled && roll < 0.62 ? created.AddDays(1 + random.Next(35)).AddHours(random.Next(1, 8)) : null;
        if (completed > limit) completed = null;
        // An open item never falls due within three days of the export: overdue or not is the same at any as-of then.
        if (completed is null && !cancelled && due is { } d && d > limit.AddDays(-3) && d < exportedAt.AddDays(3)) due = exportedAt.AddDays(5 + random.Next(10));
        var acceptance = format == "jira-issues-csv" && random.NextDouble() < 0.5 ? "Verified in staging: " + title.ToLowerInvariant() : null;
        return new GeneratedActionItem
        {
            Number = itemNumber, Title = title, Specific = specific, Owner = owner, CreatedAt = created, DueAt = due, CompletedAt = completed,
            Cancelled = cancelled, Acceptance = acceptance, SubTask = format.StartsWith("jira", StringComparison.Ordinal) && random.NextDouble() < 0.25,
        };
    }

    /// <summary>
    /// What follow-through figures the files hold (docs/metrics.md "Learning follow-through", over all time): postmortems owed by
    /// resolved SEV1–2 incidents of the tools that record them, completed, within 14 days where the tool records when;
    /// action items done / open / cancelled / overdue / undated; SMART items (measurable judged only for the Jira CSV,
    /// the one export here with an acceptance-criterion field).
    /// </summary>
    public TruthFollowThrough Truth(ILookup<string, GeneratedIncident> byFormat)
    {
        var owed = Formats.SelectMany(f => byFormat[f].Select(i => (Format: f, Incident: i))).Where(x => x.Incident.Severity <= 2 && x.Incident.ResolvedAt is not null).ToList();
        bool TimeKnown(string f) => f.StartsWith("jira", StringComparison.Ordinal) || f.StartsWith("servicenow", StringComparison.Ordinal);
        var completed = owed.Where(x => x.Incident.Postmortem?.CompletedAt is not null).ToList();
        var withinDue = completed.Count(x => TimeKnown(x.Format) && x.Incident.Postmortem!.CompletedAt!.Value - x.Incident.ResolvedAt!.Value <= TimeSpan.FromDays(14));
        var completedTimeUnknown = completed.Count(x => !TimeKnown(x.Format));
        var formatOf = owed.ToDictionary(x => x.Incident, x => x.Format);
        var items = Postmortems.SelectMany(p => p.Items.Select(i => (Item: i, Format: formatOf[p.Incidents[0]]))).ToList();
        var owedItems = items.Where(x => !x.Item.Cancelled).ToList();
        var measurableRecorded = items.Any(x => x.Item.Acceptance is not null);
        var smart = owedItems.Count(x => x.Item.Owner is not null && x.Item.DueAt is not null && x.Item.Specific
            && (x.Item.Acceptance is not null || !(x.Format == "jira-issues-csv" && measurableRecorded)));
        var done = items.Count(x => x.Item.CompletedAt is not null);
        var open = items.Count(x => x.Item.CompletedAt is null && !x.Item.Cancelled);
        return new TruthFollowThrough(
            PostmortemDue: owed.Count, PostmortemCompleted: completed.Count,
            PostmortemCompletion: owed.Count == 0 ? null : Math.Round((double)completed.Count / owed.Count, 6),
            PostmortemWithinDue: withinDue,
            PostmortemWithinDueShare: owed.Count - completedTimeUnknown == 0 ? null : Math.Round((double)withinDue / (owed.Count - completedTimeUnknown), 6),
            ActionItems: items.Count, ActionItemsDone: done, ActionItemsOpen: open, ActionItemsCancelled: items.Count(x => x.Item.Cancelled),
            ActionItemsOverdue: items.Count(x => x.Item.CompletedAt is null && !x.Item.Cancelled && x.Item.DueAt < options.End),
            ActionItemsNoDueDate: owedItems.Count(x => x.Item.DueAt is null),
            SmartItems: smart, SmartShare: owedItems.Count == 0 ? null : Math.Round((double)smart / owedItems.Count, 6),
            Note: "Over all time, by follow_through.sql's definitions. Postmortems: incident.io documents and Opsgenie reports record no " +
                  "completion time (completed, timing unknown); PagerDuty records none (untracked). Action items: incident.io follow-ups have no " +
                  "due date; only the Jira CSV has an acceptance-criterion field, so measurability is judged there alone.");
    }
}
