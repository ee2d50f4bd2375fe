using System.Net.Http.Headers;
using System.Text.Json;
using InsightEngine.Pull;

namespace InsightEngine.Import.GrafanaOnCall;

/// <summary>
/// Grafana OnCall public API (<c>GRAFANA_ONCALL_URL</c>, <c>Authorization: GRAFANA_ONCALL_TOKEN</c>):
/// <c>GET /api/v1/alert_groups/</c> filtered by <c>started_at=FROM_TO</c>, paged by following <c>next</c> (the absolute URL
/// of the next page) until it is null, in 7-day windows.
/// </summary>
public sealed class GrafanaOnCallApi : PullConnector
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public override string Source => "grafana-oncall";

    /// <inheritdoc />
    public override string Vendor => "Grafana OnCall";

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables { get; } = ["GRAFANA_ONCALL_URL", "GRAFANA_ONCALL_TOKEN"];

    /// <inheritdoc />
    public override Uri BaseUrl(Func<string, string> variable) =>
        Uri.TryCreate(variable("GRAFANA_ONCALL_URL"), UriKind.Absolute, out var url) ? url
            : throw new PullException("GRAFANA_ONCALL_URL is not a URL: set it to the OnCall API's base (Grafana Cloud: the URL on the OnCall settings page).");

    /// <inheritdoc />
    public override Action<HttpRequestHeaders> Authorize(Func<string, string> variable)
    {
        var token = variable("GRAFANA_ONCALL_TOKEN");
        return headers => headers.TryAddWithoutValidation("Authorization", token);
    }

    /// <inheritdoc />
    public override IReadOnlyList<PullFeed> Streams { get; } = [new("alert_groups", "grafana-oncall-alert-groups-json", Pages)];

    private static async IAsyncEnumerable<PulledPage> Pages(PullContext c, DateTimeOffset since, DateTimeOffset until)
    {
        foreach (var (from, to) in PullWindows.Split(since, until, Window))
        {
            var range = $"{from.UtcDateTime:yyyy-MM-ddTHH:mm:ss}_{to.UtcDateTime:yyyy-MM-ddTHH:mm:ss}";
            Uri? url = c.Url($"api/v1/alert_groups/?started_at={Uri.EscapeDataString(range)}");
            var pages = 0;
            while (url is not null)
            {
                var (body, text, _) = await c.Http.GetJsonAsync(url, c.Cancellation).ConfigureAwait(false);
                using (body)
                {
                    var root = body.RootElement;
                    if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                        throw new PullException("Grafana OnCall: alert_groups answered without a 'results' array: is GRAFANA_ONCALL_URL (or --api-url) the OnCall API?");
                    url = root.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String
                          && Uri.TryCreate(next.GetString(), UriKind.Absolute, out var n) && ++pages < 100_000 ? n : null;
                    yield return new PulledPage(text, results.GetArrayLength(), url is null ? to : null);
                }
            }
        }
    }
}
