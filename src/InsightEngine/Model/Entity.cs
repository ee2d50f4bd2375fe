namespace InsightEngine.Model;

/// <summary>What a row of an export describes: the canonical table it lands in.</summary>
public enum Entity
{
    /// <summary>An incident: lands in <c>incidents</c>.</summary>
    Incident,

    /// <summary>An alert: lands in <c>alerts</c>.</summary>
    Alert,

    /// <summary>A timeline event of an incident (PagerDuty log entry ...): lands in <c>timeline_events</c>.</summary>
    Event,
}

/// <summary>Table and label names for <see cref="Entity"/>.</summary>
public static class EntityNames
{
    /// <summary>The canonical table an entity lands in.</summary>
    public static string Table(this Entity entity) => entity switch
    {
        Entity.Incident => "incidents",
        Entity.Alert => "alerts",
        _ => "timeline_events",
    };

    /// <summary>The lower-case label used in <c>import_batches.entity</c> and <c>data_issues.entity</c>.</summary>
    public static string Label(this Entity entity) => entity switch
    {
        Entity.Incident => "incident",
        Entity.Alert => "alert",
        _ => "event",
    };
}
