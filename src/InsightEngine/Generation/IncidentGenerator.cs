using System.Globalization;

namespace InsightEngine.Generation;

/// <summary>
/// Makes the organisation's incidents with planted facts: response times per severity (stratified log-normal, so the
/// planted median and p90 hold), one recurring problem, one anomalous week, a declarer pattern dominated by a few SREs.
/// </summary>
public sealed class IncidentGenerator(Random random, Organization org, GeneratorOptions options)
{
    /// <summary>Incidents a week per unit of scale, outside the anomalous week.</summary>
    public const double WeeklyRate = 20;

    /// <summary>Severity mix, SEV1..SEV5.</summary>
    public static readonly double[] SeverityMix = [0.04, 0.12, 0.30, 0.34, 0.20];

    /// <summary>Planted median time to resolve per severity, seconds.</summary>
    public static readonly double[] TtrMedian = [55 * 60, 100 * 60, 4 * 3600, 20 * 3600, 3 * 86400];

    /// <summary>Planted median time to acknowledge per severity, seconds.</summary>
    public static readonly double[] TtaMedian = [3 * 60, 6 * 60, 15 * 60, 45 * 60, 2 * 3600];

    /// <summary>Log-sd of TTR and TTA.</summary>
    public const double TtrSigma = 0.8, TtaSigma = 0.9;

    /// <summary>The service with the planted recurring problem, and its title.</summary>
    public const string RecurringService = "payments-api", RecurringTitle = "Payment provider timeout on pg-node-{0} (txn {1})";

    /// <summary>The service behind the anomalous week's surge.</summary>
    public const string SurgeService = "checkout-api";

    /// <summary>Week index of the anomalous week.</summary>
    public int AnomalousWeek => options.Weeks * 2 / 3;

    private static readonly string[] Templates =
    [
        "Elevated 5xx error rate on {s}",
        "{s}: p99 latency above SLO ({n} ms)",
        "Database connection pool exhausted on db-{s}-{n}",
        "Deploy v2.{n}.{m} of {s} rolled back",
        "Customer reports: {s} failing for some users",
        "Disk full on {s}-worker-{n}",
        "Certificate expiring for {s}.acmeloop.example",
        "Kafka consumer lag on {s} ({n}k messages)",
        "Pod crash loop in {s} (OOMKilled, restarts={n})",
        "Memory leak suspected in {s} after release 2026.{m}",
    ];

    // Titles real exports carry: quotes, commas, HTML, a formula prefix, a line break, non-ASCII.
    private static readonly string[] AwkwardTitles =
    [
        "Checkout \"Pay now\" button broken, users see <script>alert(1)</script> error",
        "=HYPERLINK(\"http://evil.example\") shown in invoice PDF",
        "Users in São Paulo | Zürich can't log in 🚨",
        "Search results empty\nsecond line of the summary",
    ];

    /// <summary>Generates all incidents, ordered by creation time.</summary>
    public List<GeneratedIncident> Generate()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var sre = org.Teams.First(t => t.Name == "sre").Engineers.Take(3).ToList();
        var shells = new List<(DateTimeOffset At, string Service, int Sev, string Title, bool Recurring, bool Surge)>();
        var services = org.Teams.SelectMany(t => t.Services).ToList();

        for (var week = 0; week < options.Weeks; week++)
        {
            var weekStart = options.Start.AddDays(7 * week);
            var mean = WeeklyRate * options.Scale;
            var count = (int)Math.Round(mean + Math.Sqrt(mean) * Normal());
            for (var i = 0; i < count; i++)
            {
                var service = services[random.Next(services.Count)];
                if (service == RecurringService) service = "payment-router"; // keep the recurring problem's service clean
                shells.Add((Distributions.WorkBiasedTime(random, weekStart, zone, 0.6), service, PickSeverity(), Title(service), false, false));
            }

            if (week == AnomalousWeek)
            {
                // The surge: a bad release of checkout-api, twice the usual weekly volume on one service.
                var surge = (int)Math.Round(2 * mean);
                for (var i = 0; i < surge; i++)
                {
                    var at = weekStart.AddDays(1).AddSeconds(random.NextDouble() * 3 * 86400);
                    shells.Add((at, SurgeService, random.NextDouble() < 0.3 ? 2 : 3,
                        string.Format(CultureInfo.InvariantCulture, "Checkout failures after release 2026.{0}: HTTP 502 from cart-service", 40 + week), false, true));
                }
            }
        }

        // A few incidents in the export's last day and a half, still being worked on when it was taken.
        for (var i = 0; i < 3 * options.Scale; i++)
        {
            var service = services[random.Next(services.Count)];
            if (service == RecurringService) service = "ledger";
            shells.Add((options.End.AddHours(-36 + 34 * random.NextDouble()), service, 3 + random.Next(2), Title(service), false, false));
        }

        // The recurring problem: the same payment-provider timeout every 6 to 11 days.
        var fixedAt = options.Profile.RecurringProblemStopsAt is { } f ? options.Start.AddDays(7 * options.Weeks * f) : options.End.AddDays(-2);
        for (var at = options.Start.AddDays(3).AddHours(10); at < fixedAt; at = at.AddDays(6 + random.Next(6)).AddHours(random.Next(-5, 6)))
        {
            var title = string.Format(CultureInfo.InvariantCulture, RecurringTitle, random.Next(1, 9), random.Next(100000, 999999));
            shells.Add((at, RecurringService, random.NextDouble() < 0.25 ? 2 : 3, title, true, false));
        }

        shells.Sort((a, b) => a.At.CompareTo(b.At));
        // The profile's own choices draw from their own stream, so the default organisation stays byte for byte the same.
        var profileRandom = new Random(options.Seed ^ 0x5EED);
        var central = org.Teams.First(t => t.Name == "sre");
        Learn(shells, profileRandom);
        var incidents = shells.Select((s, i) =>
        {
            var owner = org.OwnerOf(s.Service);
            var team = options.Profile.CentralOwnership > 0 && profileRandom.NextDouble() < options.Profile.CentralOwnership ? central : owner;
            return new GeneratedIncident
            {
                Id = PagerDutyId(random),
                Number = 1000 + i,
                Title = s.Title,
                Service = s.Service,
                Team = team.Name,
                Severity = s.Sev,
                CreatedAt = s.At,
                DeclaredBy = PickDeclarer(random, options.Profile, org, sre, owner),
                Assignee = Organization.Responder(team, random, options.Profile.HeroShare),
                Recurring = s.Recurring,
                Surge = s.Surge,
            };
        }).ToList();

        PlantResponseTimes(incidents);
        PlantPostmortems(incidents, profileRandom);
        return incidents;
    }

    // Causes that make a problem a different one (its fingerprint differs) when a learning organisation has fixed the old one.
    private static readonly string[] NewCauses =
    [
        "after config drift", "DNS resolution failing", "noisy neighbour", "expired credentials", "schema migration lock",
        "rate limit from upstream", "cache stampede", "clock skew", "thread pool starvation", "feature flag misfire",
        "load balancer health checks", "network partition", "GC pauses", "bad canary", "quota exceeded", "TLS handshake errors",
        "retry storm", "stale read replica", "cron overlap", "log volume spike",
    ];

    /// <summary>
    /// A learning organisation fixes what it has seen: a problem that occurred in the last 30 days comes back with a
    /// chance that falls over the history (<see cref="OrganizationProfile.Learning"/>); otherwise the incident is a new problem.
    /// </summary>
    private void Learn(List<(DateTimeOffset At, string Service, int Sev, string Title, bool Recurring, bool Surge)> shells, Random profileRandom)
    {
        if (options.Profile.Learning <= 0) return;
        var lastSeen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var span = (options.End - options.Start).TotalSeconds;
        for (var k = 0; k < shells.Count; k++)
        {
            var s = shells[k];
            var key = s.Service + "|" + SampleGenerator.NormalizeTitle(s.Title);
            var progress = (s.At - options.Start).TotalSeconds / span;
            if (!s.Recurring && !s.Surge && lastSeen.TryGetValue(key, out var seen) && s.At - seen < TimeSpan.FromDays(30)
                && profileRandom.NextDouble() < options.Profile.Learning * progress)
            {
                s.Title = $"{s.Title} ({NewCauses[profileRandom.Next(NewCauses.Length)]})";
                shells[k] = s;
                key = s.Service + "|" + SampleGenerator.NormalizeTitle(s.Title);
            }
            lastSeen[key] = s.At;
        }
    }

    /// <summary>Links a postmortem document to a share of resolved SEV1–2 incidents (<see cref="OrganizationProfile.PostmortemRate"/>).</summary>
    private void PlantPostmortems(List<GeneratedIncident> incidents, Random profileRandom)
    {
        if (options.Profile.PostmortemRate <= 0) return;
        foreach (var i in incidents.Where(i => i.Severity <= 2 && i.ResolveSeconds is not null))
            if (profileRandom.NextDouble() < options.Profile.PostmortemRate)
                i.PostmortemUrl = $"https://wiki.acmeloop.example/postmortems/{i.Number}";
    }

    /// <summary>Draws TTA and TTR per severity (stratified), then cuts them at the export time.</summary>
    private void PlantResponseTimes(List<GeneratedIncident> incidents)
    {
        foreach (var group in incidents.GroupBy(i => i.Severity))
        {
            var members = group.ToList();
            var sev = group.Key - 1;
            var ttr = Distributions.StratifiedLogNormal(random, members.Count, TtrMedian[sev] * options.Profile.ResponseFactor, TtrSigma);
            // Low-severity incidents are sometimes resolved by the integration before anyone acknowledges them.
            var neverAcked = members.Select(_ => group.Key >= 4 && random.NextDouble() < 0.10).ToArray();
            var acked = members.Where((_, k) => !neverAcked[k]).ToList();
            var tta = Distributions.StratifiedLogNormal(random, acked.Count, TtaMedian[sev] * options.Profile.ResponseFactor, TtaSigma);
            for (var k = 0; k < members.Count; k++)
            {
                members[k].ResolveSeconds = (long)Math.Round(ttr[k]);
                members[k].AutoResolved = neverAcked[k] || (group.Key >= 4 && random.NextDouble() < 0.15);
                // Priorities switched off for a few: urgency alone then maps to the same canonical severity (SEV2/SEV4).
                members[k].PriorityBlank = group.Key is 2 or 4 && random.NextDouble() < 0.05;
            }
            for (var k = 0; k < acked.Count; k++)
            {
                var seconds = (long)Math.Round(tta[k]);
                // An acknowledgement cannot come after the resolve.
                var resolve = acked[k].ResolveSeconds!.Value;
                acked[k].AckSeconds = seconds < resolve ? seconds : Math.Max(1, resolve / 2);
            }
        }

        foreach (var incident in incidents)
        {
            // Most of what was opened in the last 36 hours is still open at the export time.
            var stillOpen = incident.CreatedAt > options.End.AddHours(-36) && random.NextDouble() < 0.6;
            if (stillOpen || incident.CreatedAt.AddSeconds(incident.ResolveSeconds!.Value) > options.End)
            {
                incident.ResolveSeconds = null;
                incident.AutoResolved = false;
            }
            if (incident.AckSeconds is { } a && incident.CreatedAt.AddSeconds(a) > options.End) incident.AckSeconds = null;
        }
    }

    /// <summary>Who declares an incident of <paramref name="team"/>: the central SRE trio, the team, or someone outside engineering, in the profile's shares.</summary>
    internal static Person PickDeclarer(Random random, OrganizationProfile profile, Organization org, List<Person> sre, Team team)
    {
        var r = random.NextDouble();
        if (r < profile.CentralDeclarerShare) return sre[random.Next(sre.Count)];                     // the central SRE team
        if (r < 1 - profile.OutsideDeclarerShare) return team.Engineers[random.Next(team.Engineers.Count)];  // the owning team
        return org.NonEngineers[random.Next(org.NonEngineers.Count)];            // support, customer success, legal
    }

    private int PickSeverity()
    {
        var r = random.NextDouble();
        var mix = options.Profile.Severities;
        for (var i = 0; i < mix.Length; i++)
        {
            r -= mix[i];
            if (r < 0) return i + 1;
        }
        return 5;
    }

    private string Title(string service)
    {
        if (random.NextDouble() < 0.01) return AwkwardTitles[random.Next(AwkwardTitles.Length)];
        return Templates[random.Next(Templates.Length)]
            .Replace("{s}", service, StringComparison.Ordinal)
            .Replace("{n}", random.Next(2, 999).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{m}", random.Next(0, 40).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>A PagerDuty-style incident id: Q and 13 upper-case letters and digits.</summary>
    internal static string PagerDutyId(Random random)
    {
        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return "Q" + new string(Enumerable.Range(0, 13).Select(_ => chars[random.Next(chars.Length)]).ToArray());
    }

    private double Normal() => Distributions.InverseNormal(Math.Clamp(random.NextDouble(), 1e-9, 1 - 1e-9));
}
