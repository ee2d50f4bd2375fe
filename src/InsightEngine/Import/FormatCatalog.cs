using InsightEngine.Import.GrafanaOnCall;
using InsightEngine.Import.IncidentIo;
using InsightEngine.Import.Jira;
using InsightEngine.Import.Opsgenie;
using InsightEngine.Import.PagerDuty;
using InsightEngine.Import.ServiceNow;

namespace InsightEngine.Import;

/// <summary>Every format the importer knows, in the order <c>insight formats</c> lists them.</summary>
public static class FormatCatalog
{
    /// <summary>All known formats.</summary>
    public static IReadOnlyList<ImportFormat> All { get; } =
    [
        new PagerDutyIncidentsCsv(),
        new PagerDutyIncidentsJson(),
        new PagerDutyLogEntriesJson(),
        new OpsgenieAlertsCsv(),
        new OpsgenieAlertsJson(),
        new OpsgenieIncidentsJson(),
        new OpsgeniePostmortemsJson(),
        new JiraIssuesCsv(),
        new JiraSearchJson(),
        new ServiceNowIncidentsCsv(),
        new ServiceNowTableJson(),
        new ServiceNowProblemsCsv(),
        new ServiceNowProblemTasksCsv(),
        new ServiceNowProblemJson(),
        new ServiceNowProblemTaskJson(),
        new IncidentIoIncidentsCsv(),
        new IncidentIoIncidentsJson(),
        new IncidentIoFollowUpsJson(),
        new IncidentIoPostmortemsJson(),
        new GrafanaOnCallAlertGroupsJson(),
    ];

    /// <summary>The format with this id (case-insensitive), or null.</summary>
    public static ImportFormat? Find(string id) =>
        All.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase));
}
