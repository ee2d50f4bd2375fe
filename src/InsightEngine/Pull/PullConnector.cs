using System.Collections;
using System.Net.Http.Headers;

namespace InsightEngine.Pull;

/// <summary>
/// One tool's REST API: where it is, which environment variables hold its credentials, how a request is signed, and
/// the streams of records it serves (each landing in one import format). Knowledge only; <see cref="Puller"/> does the work.
/// </summary>
public abstract class PullConnector
{
    /// <summary>The <c>insight pull</c> name and the rows' source: pagerduty, opsgenie, jira, servicenow, incidentio, grafana-oncall.</summary>
    public abstract string Source { get; }

    /// <summary>The vendor's name in messages.</summary>
    public abstract string Vendor { get; }

    /// <summary>The environment variables it reads (credentials, and the instance where the vendor has no fixed host).</summary>
    public abstract IReadOnlyList<string> Variables { get; }

    /// <summary>How far back an incremental pull starts again by default (see <see cref="PullOptions.Overlap"/>).</summary>
    public virtual TimeSpan Overlap => TimeSpan.FromHours(1);

    /// <summary>The API's base URL from the environment (or the vendor's fixed one).</summary>
    public abstract Uri BaseUrl(Func<string, string> variable);

    /// <summary>Signs a request with the credentials (a header; never the URL).</summary>
    public abstract Action<HttpRequestHeaders> Authorize(Func<string, string> variable);

    /// <summary>The streams, pulled in this order (incidents before what refers to them).</summary>
    public abstract IReadOnlyList<PullFeed> Streams { get; }

    /// <summary>
    /// A reader of the environment that names a missing variable: a credential that is not set is an error saying which
    /// one, never an empty header.
    /// </summary>
    public Func<string, string> Reader(IDictionary environment) => name =>
        environment[name] is string { Length: > 0 } value ? value.Trim()
            : throw new PullException($"{name} is not set: {Vendor} needs {string.Join(", ", Variables)} in the environment (see 'insight pull --help').");
}

/// <summary>A feed: one kind of record a connector pulls, page by page, into one import format.</summary>
/// <param name="Name">Its name (incidents, log_entries ...): a cursor each.</param>
/// <param name="Format">The import format its pages are read with.</param>
/// <param name="Pages">The pages of records in [since, until).</param>
public sealed record PullFeed(string Name, string Format, Func<PullContext, DateTimeOffset, DateTimeOffset, IAsyncEnumerable<PulledPage>> Pages);

/// <summary>
/// One page as the API answered it (the format's own wrapper: <c>{"incidents": [...]}</c>), and the cursor it lets the
/// stream advance to once it is imported: the end of the time window it completes, else null (the page is committed but
/// a pull stopped after it starts that window again).
/// </summary>
public sealed record PulledPage(string Text, int Records, DateTimeOffset? Cursor);

/// <summary>What a stream's pages need: the client, the API's base URL, the options, the cancellation.</summary>
public sealed record PullContext(PullHttp Http, Uri BaseUrl, PullOptions Options, CancellationToken Cancellation)
{
    /// <summary>An absolute URL under the base: <c>relative</c> may carry a query.</summary>
    public Uri Url(string relative) => new(BaseUrl.ToString().TrimEnd('/') + "/" + relative.TrimStart('/'));
}

/// <summary>Time windows: an API that caps a range (PagerDuty: 6 months) or a pull that should resume close to where it stopped.</summary>
public static class PullWindows
{
    /// <summary>[since, until) in consecutive windows of at most <paramref name="size"/>.</summary>
    public static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Split(DateTimeOffset since, DateTimeOffset until, TimeSpan size)
    {
        for (var from = since; from < until; from += size)
            yield return (from, from + size < until ? from + size : until);
    }

    /// <summary>ISO 8601 in UTC, to the second (what every API here reads).</summary>
    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
