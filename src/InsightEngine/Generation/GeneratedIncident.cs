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

    /// <summary>Resolved at, when resolved.</summary>
    public DateTimeOffset? ResolvedAt => ResolveSeconds is { } s ? CreatedAt.AddSeconds(s) : null;

    /// <summary>Acknowledged at, when acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt => AckSeconds is { } s ? CreatedAt.AddSeconds(s) : null;
}
