using Cronos;
using InsightEngine.Pull;

namespace InsightEngine.Service.Hosting;

/// <summary>
/// A tool the service pulls from on a schedule (<c>Insight:Sources</c>, a list). Credentials are never here: they come
/// from the environment variables the source names (<c>PAGERDUTY_TOKEN</c> ...), read when a pull runs.
/// <code>
/// "Sources": [ { "Source": "pagerduty", "Schedule": "*/15 * * * *" },
///              { "Source": "jira", "Schedule": "0 * * * *", "Jql": "project = OPS" } ]
/// </code>
/// </summary>
public sealed class SourceOptions
{
    /// <summary>pagerduty, opsgenie, jira, servicenow, incidentio or grafana-oncall.</summary>
    public string Source { get; set; } = "";

    /// <summary>When to pull: a cron expression (five fields, UTC unless <see cref="TimeZone"/>). Default hourly.</summary>
    public string Schedule { get; set; } = "0 * * * *";

    /// <summary>The zone the schedule is read in. Default UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The API's base URL instead of the vendor's.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>Jira: a JQL filter.</summary>
    public string? Jql { get; set; }

    /// <summary>A first pull reaches this many days back. Default 180.</summary>
    public double FirstPullDays { get; set; } = 180;

    /// <summary>The connector.</summary>
    public PullConnector Connector => PullCatalog.Get(Source);

    /// <summary>The parsed schedule.</summary>
    public CronExpression Cron => CronExpression.TryParse(Schedule, out var cron) ? cron
        : throw new ArgumentException($"Insight:Sources: '{Schedule}' ({Source}) is not a cron schedule: five fields, e.g. \"0 * * * *\" (hourly) or \"*/15 * * * *\".");

    /// <summary>The schedule's zone.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone
        : throw new ArgumentException($"Insight:Sources: '{TimeZone}' ({Source}) is not a known time zone.");

    /// <summary>The next pull strictly after <paramref name="after"/>; null when the expression never fires again.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => Cron.GetNextOccurrence(after, Zone);

    /// <summary>The pull's options.</summary>
    public PullOptions Options(TimeProvider clock) => new()
    {
        ApiUrl = ApiUrl is null ? null : new Uri(ApiUrl),
        Jql = Jql,
        FirstPull = TimeSpan.FromDays(FirstPullDays),
        Clock = clock,
    };

    /// <summary>Checks the source; messages name the setting.</summary>
    public void Validate()
    {
        try
        {
            _ = Connector;
        }
        catch (PullException e)
        {
            throw new ArgumentException($"Insight:Sources: {e.Message}", e);
        }
        _ = Cron;
        _ = Zone;
        if (ApiUrl is not null && (!Uri.TryCreate(ApiUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            throw new ArgumentException($"Insight:Sources: ApiUrl '{ApiUrl}' ({Source}) is not an http(s) URL.");
        if (FirstPullDays <= 0) throw new ArgumentException($"Insight:Sources: FirstPullDays ({Source}) must be positive.");
    }
}
