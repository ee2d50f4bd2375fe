using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace InsightEngine.Pull;

/// <summary>
/// The HTTP side of a pull: one client per pull with Microsoft.Extensions.Http.Resilience's retry (429 and 5xx, a
/// timeout, a dropped connection; exponential backoff with jitter; a <c>Retry-After</c> header wins) around a
/// per-attempt timeout; a body that is not whole JSON (cut off) is fetched again. 401 and 403 are not retried: they say
/// which environment variable to check. No message ever holds a credential: they travel only in request headers.
/// </summary>
public sealed class PullHttp : IDisposable
{
    private readonly HttpClient client;
    private readonly PullOptions options;
    private readonly string vendor;
    private readonly IReadOnlyList<string> variables;
    private readonly Action<HttpRequestHeaders> authorize;

    /// <summary>A client for <paramref name="vendor"/> whose requests <paramref name="authorize"/> signs.</summary>
    public PullHttp(PullOptions options, string vendor, IReadOnlyList<string> variables, Action<HttpRequestHeaders> authorize, HttpMessageHandler? inner = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        (this.options, this.vendor, this.variables, this.authorize) = (options, vendor, variables, authorize);
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.Retries),   // Polly's least; with Retries 0 the strategy is left out below
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryDelay,
            MaxDelay = options.MaxRetryAfter,
            ShouldRetryAfterHeader = true,
        };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.Clock };
        if (options.Retries > 0) builder.AddRetry(retry);
        var pipeline = builder.AddTimeout(options.Timeout).Build();
        client = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = inner ?? new SocketsHttpHandler() }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Requests made (every attempt counts once it answers): for the summary and the tests.</summary>
    public int Requests { get; private set; }

    /// <summary>GETs <paramref name="url"/> and parses its JSON body; the response headers come along (Link, Retry-After ...).</summary>
    public async Task<(JsonDocument Body, string Text, HttpResponseHeaders Headers)> GetJsonAsync(Uri url, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(url);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/json");
            authorize(request.Headers);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !cancellation.IsCancellationRequested)
            {
                throw new PullException($"{vendor}: no answer from {Where(url)} after {options.Retries} retries ({Reason(e)}); nothing more was pulled, what was pulled is kept. Run the pull again.", e);
            }
            using (response)
            {
                Requests++;
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    throw new PullException($"{vendor} refused the credentials ({(int)response.StatusCode} {response.ReasonPhrase}): check {string.Join(", ", variables)} " +
                                            (response.StatusCode == HttpStatusCode.Forbidden ? "(the token works but lacks read access to this)" : "(wrong or expired)") + ".");
                }
                if (response.StatusCode == HttpStatusCode.NotFound)
                    throw new PullException($"{vendor}: {Where(url)} does not exist (404): check the API URL{(options.ApiUrl is null ? "" : " given with --api-url")}.");
                if (!response.IsSuccessStatusCode)
                    throw new PullException($"{vendor} answered {(int)response.StatusCode} {response.ReasonPhrase} for {Where(url)} after {options.Retries} retries; what was pulled is kept. Run the pull again later.");
                var text = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
                try
                {
                    return (JsonDocument.Parse(text), text, response.Headers);
                }
                catch (JsonException) when (attempt < options.Retries)
                {
                    // A body cut off in transit: ask again after the same backoff a failed request gets.
                    await Task.Delay(options.RetryDelay * (1 << Math.Min(attempt, 6)), options.Clock, cancellation).ConfigureAwait(false);
                }
                catch (JsonException e)
                {
                    throw new PullException($"{vendor}: {Where(url)} answered with a body that is not whole JSON ({text.Length:N0} characters) {options.Retries + 1} times; what was pulled is kept.", e);
                }
            }
        }
    }

    /// <summary>The path of a URL, without its query (which may hold a filter but never a credential; kept short).</summary>
    private static string Where(Uri url) => url.GetLeftPart(UriPartial.Path);

    private static string Reason(Exception e) => e switch
    {
        Polly.Timeout.TimeoutRejectedException or TaskCanceledException => "timed out",
        HttpRequestException { HttpRequestError: var error } => error switch
        {
            HttpRequestError.NameResolutionError => "the host name does not resolve",
            HttpRequestError.ConnectionError => "the connection was refused or dropped",
            HttpRequestError.SecureConnectionError => "the TLS handshake failed",
            _ => "the connection failed",
        },
        _ => "the request failed",
    };

    /// <inheritdoc />
    public void Dispose() => client.Dispose();
}
