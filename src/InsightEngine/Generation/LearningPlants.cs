using System.Globalization;

namespace InsightEngine.Generation;

/// <summary>
/// What the learning layer must find, planted on top of the organisation: a growing problem (a weekly SEV4 count on one
/// service that rises steadily, for the forecast to follow) and three incidents that are abnormal for their kind (a SEV2
/// that ran for ten days, a SEV5 at 03:00 on a Sunday closed in seconds, a SEV3 under an alert storm). Everything here
/// draws from its own random stream and is added after the rest is made, so the other planted facts keep their values.
/// </summary>
public sealed class LearningPlants(Organization org, GeneratorOptions options)
{
    /// <summary>The service with the growing problem, and the severity it is filed at.</summary>
    public const string TrendService = "search-api";

    /// <summary>The growing problem's severity (1..5).</summary>
    public const int TrendSeverity = 4;

    /// <summary>Extra incidents per week added each week, per unit of scale (week w gets about w × this); the profile can change it.</summary>
    public const double TrendSlope = 0.3;

    /// <summary>Alerts in the planted alert storm, per unit of scale.</summary>
    public const int StormAlerts = 150;

    private readonly Random random = new(options.Seed ^ 0x1EA2);

    private static readonly string[] TrendTitles =
    [
        "Search results stale: index shard {0} behind", "search-api p99 latency above SLO on query node {0}",
        "Autocomplete timeouts from search-api ({0}% of requests)", "Search relevance regression after ranking model v{0}",
        "search-api 5xx on faceted queries (node {0})", "Reindex job {0} stuck, new products not searchable",
        "Query cache hit rate below {0}% on search-api", "search-api heap pressure, GC pauses on node {0}",
    ];

    private static readonly string[] Causes =
    [
        "traffic growth", "catalogue growth", "new locale launched", "bot traffic", "larger index segments", "merge backlog",
        "slow disk on replica", "hot shard", "query fan-out", "cache eviction", "mapping explosion", "thread pool saturation",
    ];

    /// <summary>The planted abnormal incidents, once <see cref="Plant"/> has run.</summary>
    public List<(GeneratedIncident Incident, string Why)> Abnormal { get; } = [];

    /// <summary>Adds the trend's and the abnormal incidents (kept ordered by time) and the storm's alerts (appended).</summary>
    public void Plant(List<GeneratedIncident> incidents, List<GeneratedAlert> alerts)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var number = 90_000;
        var trendService = Service(TrendService);
        for (var week = 1; week < options.Weeks; week++)
        {
            var rate = options.Profile.GrowingProblem * week * options.Scale;
            var count = rate <= 0 ? 0 : Distributions.Poisson(random, rate, normalAbove: 30);
            for (var k = 0; k < count; k++)
            {
                var at = Distributions.WorkBiasedTime(random, options.Start.AddDays(7 * week), zone, 0.6);
                // Many different problems, not one: a growing load on the service, not a single recurring fault.
                var title = string.Format(CultureInfo.InvariantCulture, TrendTitles[random.Next(TrendTitles.Length)], random.Next(2, 40))
                            + $" ({Causes[random.Next(Causes.Length)]})";
                var incident = Make(number++, trendService, TrendSeverity, at, title);
                Respond(incident, IncidentGenerator.TtaMedian[TrendSeverity - 1], IncidentGenerator.TtrMedian[TrendSeverity - 1]);
                incidents.Add(incident);
            }
        }

        // Three incidents abnormal for their kind, away from the anomalous week (2/3 of the way).
        var slow = Make(number++, Service("auth-service"), 2, Local(options.Weeks / 4, DayOfWeek.Tuesday, 14, zone),
            "Login failures for SSO customers after IdP certificate rotation");
        slow.AckSeconds = 5 * 3600;
        slow.ResolveSeconds = 10 * 86400;
        var night = Make(number++, Service("email-sender"), 5, Local(options.Weeks / 2, DayOfWeek.Sunday, 3, zone),
            "Bounce rate notice for the weekly digest");
        night.AckSeconds = 8;
        night.ResolveSeconds = 20;
        var stormy = Make(number++, Service("k8s-platform"), 3, Local(options.Weeks * 3 / 4, DayOfWeek.Wednesday, 11, zone),
            "Nodes NotReady across zone eu-central-1b");
        stormy.AckSeconds = 600;
        stormy.ResolveSeconds = 3 * 3600;
        // Serious incidents get a postmortem as often as the organisation writes them.
        if (random.NextDouble() < options.Profile.PostmortemRate) slow.PostmortemUrl = $"https://wiki.acmeloop.example/postmortems/{slow.Number}";
        incidents.AddRange([slow, night, stormy]);
        Abnormal.Add((slow, "a SEV2 open for ten days (SEV2s take under two hours)"));
        Abnormal.Add((night, "a SEV5 declared at 03:00 on a Sunday and closed in 20 seconds"));
        Abnormal.Add((stormy, $"a SEV3 under a storm of {StormAlerts * options.Scale} alerts in 20 minutes"));

        var team = org.OwnerOf(stormy.Service);
        var tiny = alerts.Count == 0 ? 1 : alerts.Max(a => a.TinyId) + 1;
        for (var k = 0; k < StormAlerts * options.Scale; k++)
        {
            var person = Organization.Responder(team, random, options.Profile.HeroShare).Email;
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var node = random.Next(1, 60);
            var alert = new GeneratedAlert
            {
                Id = new Guid(bytes).ToString(),
                TinyId = tiny++,
                Rule = $"{stormy.Service}:NodeNotReady",
                Message = $"[{stormy.Service}] Node ip-10-4-{node}-{random.Next(1, 250)} NotReady",
                Service = stormy.Service,
                Team = team.Name,
                Priority = 2,
                CreatedAt = stormy.CreatedAt.AddSeconds(random.NextDouble() * 1200),
                Kind = AlertKind.Actionable,
                AckMs = (long)(60_000 + random.NextDouble() * 600_000),
                AcknowledgedBy = person,
                ClosedBy = person,
            };
            alert.CloseMs = alert.AckMs + (long)(random.NextDouble() * 3 * 3_600_000);
            alerts.Add(alert);
        }

        // A stable order by time: the organisation's own incidents keep their relative order.
        var ordered = incidents.OrderBy(i => i.CreatedAt).ToList();
        incidents.Clear();
        incidents.AddRange(ordered);
    }

    private GeneratedIncident Make(int number, string service, int severity, DateTimeOffset at, string title)
    {
        var team = org.OwnerOf(service);
        return new GeneratedIncident
        {
            Id = IncidentGenerator.PagerDutyId(random),
            Number = number,
            Title = title,
            Service = service,
            Team = team.Name,
            Severity = severity,
            CreatedAt = at,
            DeclaredBy = IncidentGenerator.PickDeclarer(random, options.Profile, org, org.Teams.First(t => t.Name == "sre").Engineers.Take(3).ToList(), team),
            Assignee = Organization.Responder(team, random, options.Profile.HeroShare),
        };
    }

    /// <summary>Response times from the same log-normal the organisation's incidents of that severity follow, cut at the export time.</summary>
    private void Respond(GeneratedIncident incident, double ttaMedian, double ttrMedian)
    {
        double Draw(double median, double sigma) =>
            median * options.Profile.ResponseFactor * Math.Exp(sigma * Distributions.InverseNormal(Math.Clamp(random.NextDouble(), 1e-9, 1 - 1e-9)));
        var ttr = (long)Math.Round(Draw(ttrMedian, IncidentGenerator.TtrSigma));
        var tta = Math.Min((long)Math.Round(Draw(ttaMedian, IncidentGenerator.TtaSigma)), Math.Max(1, ttr / 2));
        if (incident.CreatedAt.AddSeconds(ttr) <= options.End) incident.ResolveSeconds = ttr;
        if (incident.CreatedAt.AddSeconds(tta) <= options.End) incident.AckSeconds = tta;
    }

    private DateTimeOffset Local(int week, DayOfWeek day, int hour, TimeZoneInfo zone)
    {
        var start = options.Start.AddDays(7 * week);
        var local = TimeZoneInfo.ConvertTime(start, zone).Date;
        while (local.DayOfWeek != day) local = local.AddDays(1);
        var wall = local.AddHours(hour).AddMinutes(random.Next(5, 25));
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
    }

    private string Service(string name) =>
        org.Teams.SelectMany(t => t.Services).First(s => s == name || s.StartsWith(name + "-", StringComparison.Ordinal));
}
