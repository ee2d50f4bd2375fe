namespace InsightEngine.Pull;

/// <summary>How to pull from a tool's API (<c>insight pull SOURCE</c>, a source of the service).</summary>
public sealed record PullOptions
{
    /// <summary>Fetch records from this instant on (a full pull from there); null: from the stored cursor less <see cref="Overlap"/>, else <see cref="FirstPull"/> back.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Fetch records up to this instant; null: now.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The API's base URL instead of the vendor's (EU regions, self-hosted Jira and ServiceNow, tests).</summary>
    public Uri? ApiUrl { get; init; }

    /// <summary>Jira: a JQL filter ANDed with the time window (<c>project = OPS</c>).</summary>
    public string? Jql { get; init; }

    /// <summary>One request's time limit (each retry has its own).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a request that failed for a reason that may pass (429, 5xx, a timeout, a cut-off body).</summary>
    public int Retries { get; init; } = 5;

    /// <summary>The first retry's delay (doubled each time, with jitter); a Retry-After header wins.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait a server's Retry-After may ask for before the pull gives up on it.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far before the stored cursor an incremental pull starts again, so records changed after they were first
    /// pulled (an incident resolved later) are fetched again and updated in place. Null: the connector's own (30 days
    /// where the API filters by creation time — PagerDuty, Opsgenie; 1 hour where it filters by update time).
    /// </summary>
    public TimeSpan? Overlap { get; init; }

    /// <summary>How far back a first pull without <see cref="Since"/> reaches. Default 180 days.</summary>
    public TimeSpan FirstPull { get; init; } = TimeSpan.FromDays(180);

    /// <summary>Records asked for per page (a server may return fewer).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The zone of times the API writes without an offset (ServiceNow raw dates are UTC).</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The clock (tests use a fake one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
