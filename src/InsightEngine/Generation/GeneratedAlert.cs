namespace InsightEngine.Generation;

/// <summary>What kind of alert the generator meant to make: the planted label the noise metrics should recover.</summary>
public enum AlertKind
{
    /// <summary>Acknowledged and worked on.</summary>
    Actionable,

    /// <summary>Closed by the integration within minutes, never acknowledged.</summary>
    AutoResolved,

    /// <summary>Closed without any acknowledgement.</summary>
    NeverAcked,

    /// <summary>Re-triggered three or more times within an hour.</summary>
    Flapping,

    /// <summary>Folded by the source into one alert with count &gt; 1.</summary>
    Duplicate,
}

/// <summary>One alert of the fictional organisation.</summary>
public sealed class GeneratedAlert
{
    /// <summary>Alert id (UUID).</summary>
    public required string Id { get; init; }

    /// <summary>Short id.</summary>
    public required int TinyId { get; init; }

    /// <summary>The alert rule: <c>service:Rule</c>, used as the Opsgenie alias.</summary>
    public required string Rule { get; init; }

    /// <summary>Message text.</summary>
    public required string Message { get; init; }

    /// <summary>Service.</summary>
    public required string Service { get; init; }

    /// <summary>Team.</summary>
    public required string Team { get; init; }

    /// <summary>Priority 1..5.</summary>
    public required int Priority { get; init; }

    /// <summary>Created at.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Planted kind.</summary>
    public required AlertKind Kind { get; init; }

    /// <summary>Milliseconds to acknowledgement, if acknowledged.</summary>
    public long? AckMs { get; set; }

    /// <summary>Milliseconds to close, if closed by the export time.</summary>
    public long? CloseMs { get; set; }

    /// <summary>Who acknowledged (email).</summary>
    public string? AcknowledgedBy { get; set; }

    /// <summary>Who or what closed it: an email, an integration name, or System.</summary>
    public string? ClosedBy { get; set; }

    /// <summary>Occurrences folded into this alert.</summary>
    public int Count { get; set; } = 1;

    /// <summary>Last occurrence: a folded alert last fired at 80 % of its open time (a minute when still open).</summary>
    public DateTimeOffset LastOccurredAt => Count > 1 ? CreatedAt.AddMilliseconds((CloseMs ?? 60_000) * 0.8) : CreatedAt;

    /// <summary>Last change the tool records: the close, else the acknowledgement, else the creation.</summary>
    public DateTimeOffset UpdatedAt => CreatedAt.AddMilliseconds(CloseMs ?? AckMs ?? 0);
}
