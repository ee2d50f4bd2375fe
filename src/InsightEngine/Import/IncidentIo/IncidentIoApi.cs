using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using InsightEngine.Pull;

namespace InsightEngine.Import.IncidentIo;

/// <summary>
/// incident.io API (<c>https://api.incident.io</c>, <c>Authorization: Bearer INCIDENTIO_API_KEY</c>): <c>GET /v2/incidents</c>
/// and <c>GET /v1/postmortem_documents</c> paged by the <c>after</c> cursor of <c>pagination_meta</c>, and
/// <c>GET /v2/follow_ups</c> (one answer, not paginated). The lists take no time filter the schema documents for every
/// account, so each pull reads them whole (re-read records are unchanged); the cursor records when the last whole read ended.
/// </summary>
public sealed class IncidentIoApi : PullConnector
{
    /// <inheritdoc />
    public override string Source => "incidentio";

    /// <inheritdoc />
    public override string Vendor => "incident.io";

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables { get; } = ["INCIDENTIO_API_KEY"];

    /// <inheritdoc />
    public override Uri BaseUrl(Func<string, string> variable) => new("https://api.incident.io");

    /// <inheritdoc />
    public override Action<HttpRequestHeaders> Authorize(Func<string, string> variable)
    {
        var key = variable("INCIDENTIO_API_KEY");
        return headers => headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <inheritdoc />
    public override IReadOnlyList<PullFeed> Streams { get; } =
    [
        new("incidents", "incidentio-incidents-json", (c, _, until) => Cursor(c, "v2/incidents", "incidents", until)),
        new("follow_ups", "incidentio-follow-ups-json", (c, _, until) => Whole(c, "v2/follow_ups", "follow_ups", until)),
        new("postmortem_documents", "incidentio-postmortems-json", (c, _, until) => Cursor(c, "v1/postmortem_documents", "postmortem_documents", until)),
    ];

    private static async IAsyncEnumerable<PulledPage> Cursor(PullContext c, string path, string property, DateTimeOffset until,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        string? after = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var url = c.Url($"{path}?page_size={Math.Min(c.Options.PageSize, 250)}{(after is null ? "" : $"&after={Uri.EscapeDataString(after)}")}");
            var (body, text, _) = await c.Http.GetJsonAsync(url, cancellation).ConfigureAwait(false);
            using (body)
            {
                var count = Records(body, path, property);
                after = body.RootElement.TryGetProperty("pagination_meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                        && meta.TryGetProperty("after", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                var last = count == 0 || after is null || !seen.Add(after);   // a cursor seen before would loop forever
                yield return new PulledPage(text, count, last ? until : null);
                if (last) yield break;
            }
        }
    }

    private static async IAsyncEnumerable<PulledPage> Whole(PullContext c, string path, string property, DateTimeOffset until)
    {
        var (body, text, _) = await c.Http.GetJsonAsync(c.Url(path), c.Cancellation).ConfigureAwait(false);
        using (body) yield return new PulledPage(text, Records(body, path, property), until);
    }

    private static int Records(JsonDocument body, string path, string property) =>
        body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty(property, out var records) && records.ValueKind == JsonValueKind.Array
            ? records.GetArrayLength()
            : throw new PullException($"incident.io: {path} answered without a '{property}' array: is --api-url an incident.io API?");
}
