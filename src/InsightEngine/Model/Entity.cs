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

    /// <summary>A postmortem / post-incident review / problem record: lands in <c>postmortems</c>.</summary>
    Postmortem,

    /// <summary>An action item (follow-up) of an incident or postmortem: lands in <c>action_items</c>.</summary>
    ActionItem,
}

/// <summary>Table and label names for <see cref="Entity"/>.</summary>
public static class EntityNames
{
    /// <summary>The canonical table an entity lands in.</summary>
    public static string Table(this Entity entity) => entity switch
    {
        Entity.Incident => "incidents",
        Entity.Alert => "alerts",
        Entity.Postmortem => "postmortems",
        Entity.ActionItem => "action_items",
        _ => "timeline_events",
    };

    /// <summary>The lower-case label used in <c>import_batches.entity</c> and <c>data_issues.entity</c>.</summary>
    public static string Label(this Entity entity) => entity switch
    {
        Entity.Incident => "incident",
        Entity.Alert => "alert",
        Entity.Postmortem => "postmortem",
        Entity.ActionItem => "action_item",
        _ => "event",
    };

    /// <summary>Records that follow incidents up (postmortems, action items): no severity, a done-or-not status of their own.</summary>
    public static bool IsFollowUp(this Entity entity) => entity is Entity.Postmortem or Entity.ActionItem;
}
