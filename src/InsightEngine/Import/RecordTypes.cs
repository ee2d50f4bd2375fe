namespace InsightEngine.Import;

/// <summary>
/// Which record types of a source are incidents and which are postmortems. A Jira Service Management project's search
/// returns incidents, post-incident reviews and their tasks together: only the incident types become incidents, the
/// review types postmortems, and any other issue linked to one of them (or a sub-task of one) an action item; the rest
/// are skipped and counted by type in the import summary. Names match case-insensitively.
/// </summary>
/// <param name="Incident">Type names read as incidents. A record with no type at all is read as an incident.</param>
/// <param name="Postmortem">Type names read as postmortems.</param>
public sealed record RecordTypes(IReadOnlyList<string> Incident, IReadOnlyList<string> Postmortem)
{
    /// <summary>No types known: every record is an incident (a source whose export names no types).</summary>
    public static RecordTypes None { get; } = new([], []);

    /// <summary>
    /// The built-in types: JSM's own names (ITSM projects name them <c>[System] Incident</c> and
    /// <c>[System] Post-incident review</c>), the common <c>Major incident</c>, and the postmortem names teams give their own
    /// issue type.
    /// </summary>
    public static IReadOnlyDictionary<string, RecordTypes> Defaults { get; } = new Dictionary<string, RecordTypes>(StringComparer.Ordinal)
    {
        // Localized: the incident type as Jira names it in Spanish / Portuguese, German and Japanese exports.
        ["jira"] = new(["Incident", "[System] Incident", "Major incident", "Incidente", "Vorfall", "インシデント"],
                       ["Post-incident review", "[System] Post-incident review", "Postmortem", "Post-mortem", "Post mortem", "PIR"]),
    };

    /// <summary>SQL: <paramref name="typeSql"/> (a type name) is an incident type; a missing type counts as one.</summary>
    public string IsIncident(string typeSql) =>
        $"({typeSql} IS NULL OR {StagingSql.OneOf($"lower({typeSql})", Incident.Select(Fold))})";

    /// <summary>SQL: <paramref name="typeSql"/> is a postmortem type.</summary>
    public string IsPostmortem(string typeSql) =>
        Postmortem.Count == 0 ? "false" : StagingSql.OneOf($"lower({typeSql})", Postmortem.Select(Fold));

    /// <summary>SQL: <paramref name="typeSql"/> names a type that is neither (an action item when it is linked to one).</summary>
    public string IsOther(string typeSql) => $"({typeSql} IS NOT NULL AND NOT {IsIncident(typeSql)} AND NOT {IsPostmortem(typeSql)})";

    private static string Fold(string name) => name.Trim().ToLowerInvariant();
}
