namespace InsightEngine.Generation;

/// <summary>
/// Makes the organisation's alerts: every service has a few alert rules, mostly actionable, and five planted rules
/// that drown their teams in noise of one kind each (the noisy-alert ranking must find them, in this order).
/// </summary>
public sealed class AlertGenerator(Random random, Organization org, GeneratorOptions options)
{
    /// <summary>A planted noisy rule: base service, rule, noise kind, alerts a week per unit of scale.</summary>
    public sealed record NoisyRule(string Service, string Rule, AlertKind Kind, double WeeklyRate);

    /// <summary>The planted noisy rules, noisiest first.</summary>
    public static readonly NoisyRule[] Noisy =
    [
        new("search-indexer", "DiskUsageHigh", AlertKind.Flapping, 45),
        new("batch-worker", "CPUThrottling", AlertKind.AutoResolved, 35),
        new("notifications-api", "HeartbeatMissing", AlertKind.NeverAcked, 25),
        new("catalog-api", "HighLatencyP99", AlertKind.Duplicate, 18),
        new("edge-proxy", "CertificateExpiring", AlertKind.NeverAcked, 12),
    ];

    private static readonly (string Rule, string Message, int Priority)[] Rules =
    [
        ("HighErrorRate", "High 5xx error rate", 2),
        ("HighLatencyP99", "p99 latency above threshold", 3),
        ("DiskUsageHigh", "Disk usage above 85%", 3),
        ("PodCrashLooping", "Pod crash looping", 2),
        ("CPUThrottling", "CPU throttling above 25%", 4),
        ("HeartbeatMissing", "Heartbeat missing", 3),
        ("CertificateExpiring", "TLS certificate expires in less than 14 days", 4),
        ("QueueBacklog", "Queue backlog growing", 3),
    ];

    private static readonly string[] Integrations = ["Prometheus", "Datadog", "CloudWatch"];

    private int tinyId = 1;

    /// <summary>Generates all alerts, ordered by creation time.</summary>
    public List<GeneratedAlert> Generate()
    {
        var alerts = new List<GeneratedAlert>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        foreach (var team in org.Teams)
        {
            foreach (var service in team.Services)
            {
                var baseService = BaseName(service);
                // Three rules per service, chosen by the service's name so every copy at scale N has the same ones.
                var start = Math.Abs(StableHash(baseService)) % Rules.Length;
                var rules = Enumerable.Range(0, 3).Select(k => Rules[(start + 3 * k) % Rules.Length]).ToList();
                foreach (var noisy in Noisy.Where(n => n.Service == baseService))
                {
                    rules.RemoveAll(r => r.Rule == noisy.Rule);
                    var template = Rules.First(r => r.Rule == noisy.Rule);
                    for (var week = 0; week < options.Weeks; week++)
                        AddWeek(alerts, team, service, template, week, noisy.WeeklyRate * options.Profile.NoiseFactor, noisy.Kind, zone);
                }
                foreach (var rule in rules)
                {
                    var rate = 0.5 + 2 * random.NextDouble();
                    for (var week = 0; week < options.Weeks; week++)
                        AddWeek(alerts, team, service, rule, week, rate, null, zone);
                }
            }
        }
        alerts.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        return alerts;
    }

    private void AddWeek(List<GeneratedAlert> alerts, Team team, string service, (string Rule, string Message, int Priority) rule,
        int week, double rate, AlertKind? plantedKind, TimeZoneInfo zone)
    {
        var weekStart = options.Start.AddDays(7 * week);
        var count = Distributions.Poisson(random, rate);
        for (var i = 0; i < count;)
        {
            var kind = plantedKind ?? (random.NextDouble() < options.Profile.ActionableShare ? AlertKind.Actionable : random.NextDouble() < 0.5 ? AlertKind.AutoResolved : AlertKind.NeverAcked);
            var at = Distributions.WorkBiasedTime(random, weekStart, zone, 0.45);
            if (kind == AlertKind.Flapping)
            {
                // A burst of 3 to 5 triggers of the same rule within the hour, each closing by itself in minutes.
                var burst = 3 + random.Next(3);
                for (var k = 0; k < burst; k++, i++)
                    alerts.Add(Make(team, service, rule, at.AddMinutes(k * (8 + random.Next(8))), kind));
            }
            else
            {
                alerts.Add(Make(team, service, rule, at, kind));
                i++;
            }
        }
    }

    private GeneratedAlert Make(Team team, string service, (string Rule, string Message, int Priority) rule, DateTimeOffset at, AlertKind kind)
    {
        var person = Organization.Responder(team, random, options.Profile.HeroShare).Email;
        var alert = new GeneratedAlert
        {
            Id = new Guid(Bytes()).ToString(),
            TinyId = tinyId++,
            Rule = $"{service}:{rule.Rule}",
            Message = $"[{service}] {rule.Message} on {service}-{random.Next(1, 12)}",
            Service = service,
            Team = team.Name,
            Priority = rule.Priority,
            CreatedAt = at,
            Kind = kind,
        };
        var integration = Integrations[Math.Abs(StableHash(service)) % Integrations.Length];
        switch (kind)
        {
            case AlertKind.Actionable:
                alert.AckMs = Minutes(1, 15);
                alert.CloseMs = alert.AckMs + Minutes(10, 120);
                alert.AcknowledgedBy = person;
                alert.ClosedBy = person;
                break;
            case AlertKind.AutoResolved:
                alert.CloseMs = Minutes(1, 9);
                alert.ClosedBy = integration;
                break;
            case AlertKind.Flapping:
                alert.CloseMs = Minutes(1, 5);
                alert.ClosedBy = integration;
                break;
            case AlertKind.NeverAcked:
                alert.CloseMs = Minutes(60, 720);
                alert.ClosedBy = random.NextDouble() < 0.3 ? "System" : person;
                break;
            case AlertKind.Duplicate:
                alert.Count = 2 + random.Next(14);
                alert.CloseMs = Minutes(20, 90);
                alert.ClosedBy = person;
                break;
        }
        if (alert.CloseMs is { } close && at.AddMilliseconds(close) > options.End) alert.CloseMs = null;
        if (alert.AckMs is { } ack && at.AddMilliseconds(ack) > options.End) { alert.AckMs = null; alert.AcknowledgedBy = null; }
        if (alert.CloseMs is null) alert.ClosedBy = null;
        return alert;
    }

    /// <summary>The service name without its scale-copy suffix (<c>search-indexer-3</c> → <c>search-indexer</c>).</summary>
    public static string BaseName(string service)
    {
        var dash = service.LastIndexOf('-');
        return dash > 0 && service[(dash + 1)..].All(char.IsDigit) ? service[..dash] : service;
    }

    private long Minutes(int min, int max) => (long)((min + random.NextDouble() * (max - min)) * 60_000);

    private byte[] Bytes()
    {
        var b = new byte[16];
        random.NextBytes(b);
        return b;
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = 17;
            foreach (var c in s) h = h * 31 + c;
            return h == int.MinValue ? 0 : h;
        }
    }
}
