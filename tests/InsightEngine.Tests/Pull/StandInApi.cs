using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InsightEngine.Tests.Pull;

/// <summary>
/// A vendor's API stood in by Kestrel on loopback: <see cref="Handle"/> answers each request like the vendor's pages,
/// and faults queued in <see cref="Faults"/> answer the next requests first (429, 500, a hang, a cut-off body, 401).
/// Every request is recorded (path and query, and whether it carried the expected credential).
/// </summary>
internal sealed class StandInApi : IAsyncDisposable
{
    private readonly WebApplication app;

    public StandInApi(Func<HttpContext, Task> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Run(async context =>
        {
            Requests.Add(context.Request.Path + context.Request.QueryString);
            Authorizations.Add(context.Request.Headers.Authorization.ToString());
            if (Faults.TryDequeue(out var fault))
            {
                await fault(context).ConfigureAwait(false);
                return;
            }
            await handle(context).ConfigureAwait(false);
        });
    }

    /// <summary>Answers to give before the normal ones, in order.</summary>
    public ConcurrentQueue<Func<HttpContext, Task>> Faults { get; } = new();

    /// <summary>Every request's path and query, in order.</summary>
    public ConcurrentBag<string> Requests { get; } = [];

    /// <summary>Every request's Authorization header.</summary>
    public ConcurrentBag<string> Authorizations { get; } = [];

    /// <summary>The base URL once started.</summary>
    public Uri Url { get; private set; } = null!;

    public async Task<StandInApi> StartAsync()
    {
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address);
        return this;
    }

    /// <summary>429 Too Many Requests, with Retry-After in seconds.</summary>
    public static Func<HttpContext, Task> TooMany(int retryAfter = 1) => c =>
    {
        c.Response.StatusCode = 429;
        c.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return c.Response.WriteAsync("{\"error\":{\"message\":\"Rate limit exceeded\"}}");
    };

    /// <summary>A status code with a small error body.</summary>
    public static Func<HttpContext, Task> Status(int code) => c =>
    {
        c.Response.StatusCode = code;
        return c.Response.WriteAsync("{\"error\":{\"message\":\"nope\"}}");
    };

    /// <summary>Never answers (until the client gives up and closes the connection).</summary>
    public static Func<HttpContext, Task> Hang => c => Task.Delay(Timeout.Infinite, c.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>200 with the first half of a JSON body: a response cut off in transit.</summary>
    public static Func<HttpContext, Task> CutOff => c =>
    {
        c.Response.ContentType = "application/json";
        return c.Response.WriteAsync("{\"incidents\":[{\"id\":\"P1\",\"incident_number\":1,\"created_at\":\"2026-0");
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
