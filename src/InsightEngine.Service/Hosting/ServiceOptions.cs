namespace InsightEngine.Service.Hosting;

/// <summary>
/// The service's settings (section <c>Insight</c> of appsettings.json; environment <c>Insight__Database</c> ...;
/// command line <c>--Insight:Database=PATH</c>), with their defaults.
/// </summary>
public sealed class ServiceOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Insight";

    /// <summary>
    /// The settings file (thresholds, zone, status values): loaded once at start-up, the way the CLI loads it. Null:
    /// ./insight.yaml if present, else $INSIGHT_CONFIG (InsightEngine.Settings.SettingsLoader).
    /// </summary>
    public string? Config { get; set; }

    /// <summary>
    /// Host names requests may carry (the Host header), ';'-separated. Default: the loopback names when bound to
    /// loopback (localhost, 127.0.0.1, [::1]), so a web page the user visits cannot read the API through a DNS name
    /// rebound to 127.0.0.1; beyond loopback, required: the names clients use (e.g. insight.example.com).
    /// </summary>
    public string? AllowedHosts { get; set; }

    /// <summary>How long one request's work (its queries, a report, training) may run before it is stopped: 503. Default 60.</summary>
    public double RequestTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// After the service starts and after each of its imports or pulls that changed the data, ask itself for the dashboard
    /// and the response metric once, so the first person to open them is served the kept answer (docs/service.md).
    /// Default true.
    /// </summary>
    public bool WarmCache { get; set; } = true;

    /// <summary>The DuckDB database file. Default ./insight.duckdb.</summary>
    public string Database { get; set; } = "insight.duckdb";

    /// <summary>Addresses to listen on. Default http://127.0.0.1:5080 (loopback only).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The API key (header <c>X-Api-Key</c>) every write needs, and every request when bound beyond loopback. Null: writes are refused.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The folder new export files are imported from. Default ./inbox; null or empty: no inbox.</summary>
    public string? Inbox { get; set; } = "inbox";

    /// <summary>The folder scheduled reports are written to. Default ./reports.</summary>
    public string Reports { get; set; } = "reports";

    /// <summary>Largest upload accepted, bytes. Default 256 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How often the inbox is scanned, seconds. Default 5.</summary>
    public double InboxPollSeconds { get; set; } = 5;

    /// <summary>A file is imported once its size and time have not changed for this long, seconds. Default 3.</summary>
    public double InboxSettleSeconds { get; set; } = 3;

    /// <summary>
    /// How long a request or an import waits for the database while another process (an <c>insight import</c>, a
    /// long <c>insight query</c>) holds it, seconds; past it a request gets 503 with Retry-After and an inbox file is
    /// tried again at a later scan. Default 5.
    /// </summary>
    public double StoreWaitSeconds { get; set; } = 5;

    /// <summary>
    /// How many times an inbox file is tried while the database is held by another process before it is moved to
    /// <c>failed/</c> with the reason. Default 60 (with the defaults, about ten minutes).
    /// </summary>
    public int InboxBusyAttempts { get; set; } = 60;

    /// <summary>When the weekly review is written.</summary>
    public WeeklySchedule WeeklyReview { get; set; } = new();

    /// <summary>The tools pulled from on a schedule (<see cref="SourceOptions"/>); none by default.</summary>
    public List<SourceOptions> Sources { get; set; } = [];

    /// <summary>Checks the settings; messages name the setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Database)) throw new ArgumentException("Insight:Database must name a database file.");
        if (MaxUploadBytes < 1) throw new ArgumentException($"Insight:MaxUploadBytes {MaxUploadBytes} must be positive.");
        if (StoreWaitSeconds < 0) throw new ArgumentException($"Insight:StoreWaitSeconds {StoreWaitSeconds} must not be negative.");
        if (InboxBusyAttempts < 1) throw new ArgumentException($"Insight:InboxBusyAttempts {InboxBusyAttempts} must be at least 1.");
        if (InboxPollSeconds <= 0 || InboxSettleSeconds < 0) throw new ArgumentException("Insight:InboxPollSeconds must be positive and InboxSettleSeconds not negative.");
        WeeklyReview.Validate();
        foreach (var source in Sources) source.Validate();
        var twice = Sources.GroupBy(s => (s.Source.ToLowerInvariant(), s.ApiUrl)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"Insight:Sources lists {twice.Key.Item1} twice for the same API.");
    }
}

/// <summary>A weekly schedule: a day, a local time and a zone, and how many past reports to keep.</summary>
public sealed class WeeklySchedule
{
    /// <summary>The day. Default Monday.</summary>
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

    /// <summary>Local time, HH:mm. Default 06:00.</summary>
    public string Time { get; set; } = "06:00";

    /// <summary>IANA zone. Default UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Past weekly reviews kept in the reports folder. Default 52.</summary>
    public int Keep { get; set; } = 52;

    /// <summary>Off: no scheduled report.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The time of day.</summary>
    public TimeOnly At => TimeOnly.TryParseExact(Time, ["H:mm", "HH:mm"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)
        ? t : throw new ArgumentException($"Insight:WeeklyReview:Time '{Time}' is not a time of day: use HH:mm, e.g. 06:00.");

    /// <summary>The zone.</summary>
    public TimeZoneInfo Zone
    {
        get
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new ArgumentException($"Insight:WeeklyReview:TimeZone '{TimeZone}' is not a known time zone (use an IANA name such as Europe/Berlin).", e);
            }
        }
    }

    /// <summary>Checks the schedule.</summary>
    public void Validate()
    {
        _ = At;
        _ = Zone;
        if (Keep < 1) throw new ArgumentException($"Insight:WeeklyReview:Keep {Keep} must be at least 1.");
    }

    /// <summary>The first scheduled instant strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        var zone = Zone;
        var local = TimeZoneInfo.ConvertTime(after, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < 15; i++, day = day.AddDays(1))
        {
            if (day.DayOfWeek != Day) continue;
            var wall = day.ToDateTime(At);
            while (zone.IsInvalidTime(wall)) wall = wall.AddMinutes(30);   // a time the clocks skip: the first valid one after
            var at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(wall, zone), TimeSpan.Zero);
            if (at > after) return at;
        }
        throw new InvalidOperationException("no scheduled day within two weeks");
    }
}
