using InsightEngine.Import.GrafanaOnCall;
using InsightEngine.Import.IncidentIo;
using InsightEngine.Import.Jira;
using InsightEngine.Import.Opsgenie;
using InsightEngine.Import.PagerDuty;
using InsightEngine.Import.ServiceNow;

namespace InsightEngine.Pull;

/// <summary>Every tool <c>insight pull</c> reads, by name.</summary>
public static class PullCatalog
{
    /// <summary>The connectors.</summary>
    public static IReadOnlyList<PullConnector> All { get; } =
        [new PagerDutyApi(), new OpsgenieApi(), new JiraApi(), new ServiceNowApi(), new IncidentIoApi(), new GrafanaOnCallApi()];

    /// <summary>The connector called <paramref name="source"/>, or an error listing them.</summary>
    public static PullConnector Get(string source) =>
        All.FirstOrDefault(c => string.Equals(c.Source, source, StringComparison.OrdinalIgnoreCase))
        ?? throw new PullException($"'{source}' is not a source 'insight pull' knows (use one of: {string.Join(", ", All.Select(c => c.Source))}).");
}
