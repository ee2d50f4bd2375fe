using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using InsightEngine.Pull;

namespace InsightEngine.Import.Opsgenie;

/// <summary>
/// Opsgenie REST API (<c>https://api.opsgenie.com</c>; EU: <c>--api-url https://api.eu.opsgenie.com</c>) with
/// <c>Authorization: GenieKey …</c> (<c>OPSGENIE_API_KEY</c>): <c>GET /v2/alerts</c> and <c>GET /v1/incidents</c>, filtered
/// by a search query on <c>createdAt</c> (epoch milliseconds), sorted oldest first, paged by <c>offset</c> / <c>limit</c>
/// (at most 100) until a page comes back short or <c>paging.next</c> is absent; offset + limit may not pass 20,000, so a
/// busier window is halved. Pulled in 7-day windows, each the cursor's step.
/// </summary>
public sealed class OpsgenieApi : PullConnector
{
    private const int MaxOffset = 20_000;
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public override string Source => "opsgenie";

    /// <inheritdoc />
    public override string Vendor => "Opsgenie";

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables { get; } = ["OPSGENIE_API_KEY"];

    /// <summary>Filtered by creation time: a month's overlap catches alerts closed later.</summary>
    public override TimeSpan Overlap => TimeSpan.FromDays(30);

    /// <inheritdoc />
    public override Uri BaseUrl(Func<string, string> variable) => new("https://api.opsgenie.com");

    /// <inheritdoc />
    public override Action<HttpRequestHeaders> Authorize(Func<string, string> variable)
    {
        var key = variable("OPSGENIE_API_KEY");
        return headers => headers.TryAddWithoutValidation("Authorization", $"GenieKey {key}");
    }

    /// <inheritdoc />
    public override IReadOnlyList<PullFeed> Streams { get; } =
    [
        new("incidents", "opsgenie-incidents-json", (c, since, until) => Pages(c, "v1/incidents", since, until)),
        new("alerts", "opsgenie-alerts-json", (c, since, until) => Pages(c, "v2/alerts", since, until)),
    ];

    private static async IAsyncEnumerable<PulledPage> Pages(PullContext c, string path, DateTimeOffset since, DateTimeOffset until)
    {
        foreach (var (from, to) in PullWindows.Split(since, until, Window))
            await foreach (var page in WindowPages(c, path, from, to, true).ConfigureAwait(false))
                yield return page;
    }

    private static async IAsyncEnumerable<PulledPage> WindowPages(PullContext c, string path, DateTimeOffset from, DateTimeOffset to, bool completesWindow,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var limit = Math.Min(c.Options.PageSize, 100);
        var query = $"createdAt>={from.ToUnixTimeMilliseconds()} AND createdAt<{to.ToUnixTimeMilliseconds()}";
        for (var offset = 0; ; )
        {
            if (offset + limit > MaxOffset)
            {
                var middle = from + (to - from) / 2;
                await foreach (var p in WindowPages(c, path, from, middle, false, cancellation).ConfigureAwait(false)) yield return p;
                await foreach (var p in WindowPages(c, path, middle, to, completesWindow, cancellation).ConfigureAwait(false)) yield return p;
                yield break;
            }
            var url = c.Url($"{path}?query={Uri.EscapeDataString(query)}&offset={offset}&limit={limit}&sort=createdAt&order=asc");
            var (body, text, _) = await c.Http.GetJsonAsync(url, c.Cancellation).ConfigureAwait(false);
            using (body)
            {
                if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                    throw new PullException($"Opsgenie: {path} answered without a 'data' array: is --api-url an Opsgenie API?");
                var count = data.GetArrayLength();
                var next = body.RootElement.TryGetProperty("paging", out var paging) && paging.ValueKind == JsonValueKind.Object
                           && paging.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String;
                var last = count == 0 || count < limit || !next;
                yield return new PulledPage(text, count, last && completesWindow ? to : null);
                if (last) yield break;
                offset += count;
            }
        }
    }
}
