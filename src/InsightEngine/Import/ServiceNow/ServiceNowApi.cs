using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using InsightEngine.Pull;

namespace InsightEngine.Import.ServiceNow;

/// <summary>
/// ServiceNow Table API (<c>https://SERVICENOW_INSTANCE.service-now.com</c>, or the URL the variable holds; basic auth
/// with <c>SERVICENOW_USER</c> / <c>SERVICENOW_PASSWORD</c>): <c>GET /api/now/table/incident</c>, <c>problem</c> and
/// <c>problem_task</c> with <c>sysparm_display_value=all</c>, filtered by <c>sys_updated_on</c> and ordered by it, paged by
/// <c>sysparm_offset</c> following the <c>Link: rel="next"</c> header (else until a short page), in 7-day windows.
/// </summary>
public sealed partial class ServiceNowApi : PullConnector
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public override string Source => "servicenow";

    /// <inheritdoc />
    public override string Vendor => "ServiceNow";

    /// <inheritdoc />
    public override IReadOnlyList<string> Variables { get; } = ["SERVICENOW_INSTANCE", "SERVICENOW_USER", "SERVICENOW_PASSWORD"];

    /// <inheritdoc />
    public override Uri BaseUrl(Func<string, string> variable)
    {
        var instance = variable("SERVICENOW_INSTANCE");
        if (Uri.TryCreate(instance, UriKind.Absolute, out var url) && url.Scheme is "https" or "http") return url;
        return InstanceName().IsMatch(instance) ? new Uri($"https://{instance}.service-now.com")
            : throw new PullException($"SERVICENOW_INSTANCE must be the instance's name (acme for acme.service-now.com) or its URL.");
    }

    /// <inheritdoc />
    public override Action<HttpRequestHeaders> Authorize(Func<string, string> variable)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{variable("SERVICENOW_USER")}:{variable("SERVICENOW_PASSWORD")}"));
        return headers => headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
    }

    /// <inheritdoc />
    public override IReadOnlyList<PullFeed> Streams { get; } =
    [
        new("incident", "servicenow-table-json", (c, since, until) => Pages(c, "incident", since, until)),
        new("problem", "servicenow-problem-json", (c, since, until) => Pages(c, "problem", since, until)),
        new("problem_task", "servicenow-problem-task-json", (c, since, until) => Pages(c, "problem_task", since, until)),
    ];

    private static async IAsyncEnumerable<PulledPage> Pages(PullContext c, string table, DateTimeOffset since, DateTimeOffset until)
    {
        foreach (var (from, to) in PullWindows.Split(since, until, Window))
        {
            // Encoded-query dates are the API user's zone; javascript:gs.dateGenerate would be too, so the windows are UTC
            // instants and may overlap by the user's offset: re-read records are unchanged, none is missed.
            var query = $"sys_updated_on>={from.UtcDateTime:yyyy-MM-dd HH:mm:ss}^sys_updated_on<{to.UtcDateTime:yyyy-MM-dd HH:mm:ss}^ORDERBYsys_updated_on";
            var url = c.Url($"api/now/table/{table}?sysparm_query={Uri.EscapeDataString(query)}&sysparm_display_value=all&sysparm_limit={c.Options.PageSize}&sysparm_offset=0");
            for (var offset = 0; ; )
            {
                var (body, text, headers) = await c.Http.GetJsonAsync(url, c.Cancellation).ConfigureAwait(false);
                using (body)
                {
                    if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
                        throw new PullException($"ServiceNow: table {table} answered without a 'result' array: is the instance (or --api-url) right, and the table readable?");
                    var count = result.GetArrayLength();
                    var next = NextLink(headers);
                    var last = count == 0 || (next is null && count < c.Options.PageSize);
                    yield return new PulledPage(text, count, last ? to : null);
                    if (last) break;
                    offset += count;
                    url = next ?? c.Url($"api/now/table/{table}?sysparm_query={Uri.EscapeDataString(query)}&sysparm_display_value=all&sysparm_limit={c.Options.PageSize}&sysparm_offset={offset}");
                }
            }
        }
    }

    /// <summary>The <c>rel="next"</c> URL of a <c>Link</c> header, when the server sends one.</summary>
    private static Uri? NextLink(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Link", out var values)) return null;
        foreach (var part in string.Join(",", values).Split(','))
        {
            var m = LinkPart().Match(part);
            if (m.Success && m.Groups[2].Value == "next" && Uri.TryCreate(m.Groups[1].Value, UriKind.Absolute, out var url)) return url;
        }
        return null;
    }

    [GeneratedRegex("<([^>]+)>\\s*;\\s*rel=\"?([a-z]+)\"?")]
    private static partial Regex LinkPart();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex InstanceName();
}
