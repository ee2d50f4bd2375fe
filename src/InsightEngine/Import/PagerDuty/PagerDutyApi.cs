using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using InsightEngine.Pull;

namespace InsightEngine.Import.PagerDuty;

/// <summary>
/// PagerDuty REST API v2 (<c>https://api.pagerduty.com</c>): <c>GET /incidents</c> and <c>GET /log_entries</c> with
/// <c>Authorization: Token token=…</c> (<c>PAGERDUTY_TOKEN</c>). Classic pagination: <c>offset</c> / <c>limit</c> until
/// <c>more</c> is false, the offset advancing by what came back (a server may return fewer than asked); offset + limit
/// may not pass 10,000, so a window with more records than that is halved. <c>since</c> / <c>until</c> filter by creation
/// time and may span at most 6 months: pulled in 30-day windows, each the cursor's step.
/// </summary>
public sealed class PagerDutyApi : PullConnector
{
    /// <summary>Offset + limit may not pass this (PagerDuty's classic pagination).</summary>
    public const int MaxOffset = 10_000;

    /// <summary>The window a cursor advances by (PagerDuty allows at most 6 months per request).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <inheritdoc />
    public override string Source => "pagerduty";

    /// <inheritdoc />
    public override string Vendor => "PagerDuty";

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables { get; } = ["PAGERDUTY_TOKEN"];

    /// <summary>Incidents are filtered by creation time: a change to an older one is caught by a month's overlap.</summary>
    public override TimeSpan Overlap => TimeSpan.FromDays(30);

    /// <inheritdoc />
    public override Uri BaseUrl(Func<string, string> variable) => new("https://api.pagerduty.com");

    /// <inheritdoc />
    public override Action<HttpRequestHeaders> Authorize(Func<string, string> variable)
    {
        var token = variable("PAGERDUTY_TOKEN");
        return headers =>
        {
            headers.TryAddWithoutValidation("Authorization", $"Token token={token}");
            headers.Accept.ParseAdd("application/vnd.pagerduty+json;version=2");
        };
    }

    /// <inheritdoc />
    public override IReadOnlyList<PullFeed> Streams { get; } =
    [
        new("incidents", "pagerduty-incidents-json", (c, since, until) => Pages(c, "incidents", "incidents", since, until)),
        new("log_entries", "pagerduty-log-entries-json", (c, since, until) => Pages(c, "log_entries", "log_entries", since, until)),
    ];

    private static async IAsyncEnumerable<PulledPage> Pages(PullContext c, string path, string property, DateTimeOffset since, DateTimeOffset until)
    {
        foreach (var (from, to) in PullWindows.Split(since, until, Window))
        {
            var unfiltered = false;
            await foreach (var page in WindowPages(c, path, property, from, to, completesWindow: true).ConfigureAwait(false))
            {
                unfiltered |= OutsideWindow(page.Text, property, from, to);
                yield return page;
            }
            if (unfiltered)
            {
                // The server ignored since/until (a proxy or a recording that serves every record): the window already held
                // everything, so asking window by window would only fetch it all again. Done up to the end.
                yield return new PulledPage($"{{\"{property}\": []}}", 0, until);
                yield break;
            }
        }
    }

    /// <summary>A page holding a record created outside the window it was asked for (by more than a minute).</summary>
    private static bool OutsideWindow(string text, string property, DateTimeOffset from, DateTimeOffset to)
    {
        using var doc = JsonDocument.Parse(text);
        if (!doc.RootElement.TryGetProperty(property, out var records) || records.ValueKind != JsonValueKind.Array) return false;
        foreach (var r in records.EnumerateArray())
        {
            if (r.ValueKind == JsonValueKind.Object && r.TryGetProperty("created_at", out var at) && at.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(at.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
                && (t < from.AddMinutes(-1) || t >= to.AddMinutes(1)))
                return true;
        }
        return false;
    }

    /// <summary>One window's pages; the last carries the window's end as the cursor (when it completes the stream's window).</summary>
    private static async IAsyncEnumerable<PulledPage> WindowPages(PullContext c, string path, string property, DateTimeOffset from, DateTimeOffset to,
        bool completesWindow, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var limit = Math.Min(c.Options.PageSize, 100);
        for (var offset = 0; ; )
        {
            if (offset + limit > MaxOffset)
            {
                // More than PagerDuty will page through in one range: halve it (records already imported come again, unchanged).
                var middle = from + (to - from) / 2;
                if (middle <= from) throw new PullException($"PagerDuty: more than {MaxOffset:N0} {property} in one second at {PullWindows.Iso(from)}; cannot page through them.");
                await foreach (var p in WindowPages(c, path, property, from, middle, false, cancellation).ConfigureAwait(false)) yield return p;
                await foreach (var p in WindowPages(c, path, property, middle, to, completesWindow, cancellation).ConfigureAwait(false)) yield return p;
                yield break;
            }
            var url = c.Url($"{path}?since={Uri.EscapeDataString(PullWindows.Iso(from))}&until={Uri.EscapeDataString(PullWindows.Iso(to))}" +
                            $"&limit={limit}&offset={offset}&time_zone=UTC&total=false");
            var (body, text, _) = await c.Http.GetJsonAsync(url, c.Cancellation).ConfigureAwait(false);
            using (body)
            {
                var root = body.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(property, out var records) || records.ValueKind != JsonValueKind.Array)
                    throw new PullException($"PagerDuty: {path} answered without a '{property}' array: is --api-url a PagerDuty REST API?");
                var count = records.GetArrayLength();
                var more = root.TryGetProperty("more", out var m) && m.ValueKind == JsonValueKind.True;
                var last = !more || count == 0;   // "more" with nothing in the page would never end
                yield return new PulledPage(text, count, last && completesWindow ? to : null);
                if (last) yield break;
                offset += count;
            }
        }
    }
}
