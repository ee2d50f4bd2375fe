namespace InsightEngine.Generation;

/// <summary>One incident of the fictional organisation, before it is written in any vendor's format.</summary>
public sealed class GeneratedIncident
{
    /// <summary>Vendor-style id (PagerDuty: 14 upper-case letters and digits).</summary>
    public required string Id { get; init; }

    /// <summary>Sequential number.</summary>
    public required int Number { get; init; }

    /// <summary>Title, possibly with ids, hosts and awkward characters.</summary>
    public required string Title { get; init; }

    /// <summary>Owning service.</summary>
    public required string Service { get; init; }

    /// <summary>Owning team.</summary>
    public required string Team { get; init; }

    /// <summary>Canonical severity 1..5.</summary>
    public required int Severity { get; init; }

    /// <summary>Created (triggered) at.</summary>
    public required DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When impact began: a planted detection delay of 2 to 30 minutes before the incident was declared, fixed by its
    /// number (no draw from the random streams, so every other figure of the sample stays as it was). Written only by
    /// the formats that record an impact start (incident.io, Opsgenie incidents), so TTD is a measurement there and unknown elsewhere.
    /// </summary>
    public DateTimeOffset ImpactStartedAt => CreatedAt - DetectionDelay;

    /// <summary>The planted time from impact to declaration (see <see cref="ImpactStartedAt"/>).</summary>
    public TimeSpan DetectionDelay => TimeSpan.FromMinutes(2 + (int)((long)Number * 7919 % 29));

    /// <summary>Who declared it.</summary>
    public required Person DeclaredBy { get; init; }

    /// <summary>Primary responder.</summary>
    public required Person Assignee { get; init; }

    /// <summary>Whole seconds to first acknowledgement; null when never acknowledged (by the export time).</summary>
    public long? AckSeconds { get; set; }

    /// <summary>Whole seconds to resolve; null while open at the export time.</summary>
    public long? ResolveSeconds { get; set; }

    /// <summary>Resolved by the integration or a timeout, not a person.</summary>
    public bool AutoResolved { get; set; }

    /// <summary>The vendor's priority was left empty (priorities off): only urgency tells the severity.</summary>
    public bool PriorityBlank { get; set; }

    /// <summary>Part of the planted recurring problem.</summary>
    public bool Recurring { get; init; }

    /// <summary>Part of the planted anomalous week's surge.</summary>
    public bool Surge { get; init; }

    /// <summary>The linked postmortem document, where the organisation wrote one.</summary>
    public string? PostmortemUrl { get; set; }

    /// <summary>Its postmortem record, where the organisation opened one (<see cref="FollowUpPlants"/>).</summary>
    public GeneratedPostmortem? Postmortem { get; set; }

    /// <summary>Resolved at, when resolved.</summary>
    public DateTimeOffset? ResolvedAt => ResolveSeconds is { } s ? CreatedAt.AddSeconds(s) : null;

    /// <summary>Acknowledged at, when acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt => AckSeconds is { } s ? CreatedAt.AddSeconds(s) : null;
}
