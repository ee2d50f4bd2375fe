using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InsightEngine.Pull;

namespace InsightEngine.Import.Jira;

/// <summary>
/// Jira Cloud REST API (<c>JIRA_BASE_URL</c>, basic auth with <c>JIRA_EMAIL</c> and <c>JIRA_API_TOKEN</c>):
/// <c>GET /rest/api/3/search/jql</c> with <c>expand=changelog</c>, paged by <c>nextPageToken</c> until <c>isLast</c>;
/// a server answering the older <c>/search</c> shape (<c>startAt</c>, <c>total</c>) is paged by <c>startAt</c>. Filtered
/// by update time (<c>updated &gt;= … AND updated &lt; …</c>, ANDed with <c>--jql</c>), oldest first, in 7-day windows.
/// The pages are read by <c>jira-search-json</c>, so incidents, reviews and action items split as from a file.
/// </summary>
public sealed class JiraApi : PullConnector
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public override string Source => "jira";

    /// <inheritdoc />
    public override string Vendor => "Jira";

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables { get; } = ["JIRA_BASE_URL", "JIRA_EMAIL", "JIRA_API_TOKEN"];

    /// <inheritdoc />
    public override Uri BaseUrl(Func<string, string> variable) =>
        Uri.TryCreate(variable("JIRA_BASE_URL"), UriKind.Absolute, out var url) ? url
            : throw new PullException("JIRA_BASE_URL is not a URL: set it to your site, e.g. https://acme.atlassian.net.");

    /// <inheritdoc />
    public override Action<HttpRequestHeaders> Authorize(Func<string, string> variable)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{variable("JIRA_EMAIL")}:{variable("JIRA_API_TOKEN")}"));
        return headers => headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
    }

    /// <inheritdoc />
    public override IReadOnlyList<PullFeed> Streams { get; } = [new("issues", "jira-search-json", Pages)];

    private static async IAsyncEnumerable<PulledPage> Pages(PullContext c, DateTimeOffset since, DateTimeOffset until)
    {
        foreach (var (from, to) in PullWindows.Split(since, until, Window))
        {
            // JQL dates are minutes in the user's zone; UTC instants written as "yyyy/MM/dd HH:mm" are read in it, so the
            // windows overlap by the zone's offset at worst: re-read records are unchanged.
            var window = $"updated >= \"{from.UtcDateTime:yyyy/MM/dd HH:mm}\" AND updated < \"{to.UtcDateTime:yyyy/MM/dd HH:mm}\"";
            var jql = (string.IsNullOrWhiteSpace(c.Options.Jql) ? window : $"({c.Options.Jql}) AND {window}") + " ORDER BY updated ASC";
            string? token = null;
            var startAt = 0;
            while (true)
            {
                var url = c.Url($"rest/api/3/search/jql?jql={Uri.EscapeDataString(jql)}&maxResults={c.Options.PageSize}&expand=changelog&fields=*all" +
                                (token is null ? (startAt > 0 ? $"&startAt={startAt}" : "") : $"&nextPageToken={Uri.EscapeDataString(token)}"));
                var (body, text, _) = await c.Http.GetJsonAsync(url, c.Cancellation).ConfigureAwait(false);
                using (body)
                {
                    var root = body.RootElement;
                    if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("issues", out var issues) || issues.ValueKind != JsonValueKind.Array)
                        throw new PullException("Jira: the search answered without an 'issues' array: is JIRA_BASE_URL (or --api-url) your Jira site?");
                    var count = issues.GetArrayLength();
                    bool last;
                    if (root.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String)
                    {
                        token = next.GetString();
                        last = count == 0 || (root.TryGetProperty("isLast", out var isLast) && isLast.ValueKind == JsonValueKind.True);
                    }
                    else if (root.TryGetProperty("total", out var total) && total.TryGetInt32(out var t))
                    {
                        startAt += count;   // the older /search shape: startAt / maxResults / total
                        last = count == 0 || startAt >= t;
                    }
                    else last = true;
                    yield return new PulledPage(text, count, last ? to : null);
                    if (last) break;
                }
            }
        }
    }
}
