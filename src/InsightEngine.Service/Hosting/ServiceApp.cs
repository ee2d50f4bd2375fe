using InsightEngine.Import;
using InsightEngine.Reporting;
using InsightEngine.Service.Api;
using InsightEngine.Settings;
using InsightEngine.Service.Dashboard;
using InsightEngine.Service.Workers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InsightEngine.Service.Hosting;

/// <summary>Builds the service: configuration, the store gate, the inbox and schedule workers, the API and the dashboard.</summary>
public static class ServiceApp
{
    /// <summary>The application for <paramref name="args"/> (appsettings.json, environment, command line: <c>--Insight:Database=PATH</c>).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json ships beside the program; relative paths in it (database, inbox, reports) are from the working folder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();
        options.Validate();
        if (!Binding.IsLoopbackOnly(options.Urls) && string.IsNullOrEmpty(options.ApiKey))
            throw new ArgumentException($"Insight:Urls '{options.Urls}' listens beyond loopback: set Insight:ApiKey, which every request will then need.");
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxUploadBytes + 64 * 1024);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(f => f.MultipartBodyLengthLimit = options.MaxUploadBytes);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromMinutes(2));  // let a running import commit

        builder.Services.AddOptions<ServiceOptions>().BindConfiguration(ServiceOptions.Section);
        // DNS rebinding: only the names this service is reached by (Host header) are answered; others get 400.
        var hosts = HostNames(options);
        builder.Services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(h =>
        {
            h.AllowedHosts = hosts;
            h.AllowEmptyHosts = false;
            h.IncludeFailureMessage = true;
        });
        builder.Services.AddSingleton(SettingsLoader.Load(options.Config));
        builder.Services.TryAddSingleton(TimeProvider.System);   // tests put a fake clock here first
        builder.Services.AddSingleton<StoreGate>();
        builder.Services.AddSingleton<DataVersions>();
        builder.Services.AddOutputCache(o =>
        {
            o.AddPolicy(ResultCachePolicy.Data, new ResultCachePolicy());
            o.AddPolicy(ResultCachePolicy.Dashboard, new ResultCachePolicy(DashboardPage.PageState));
        });
        builder.Services.AddSingleton<IImportGate>(sp => sp.GetRequiredService<StoreGate>());
        builder.Services.AddSingleton<InboxProcessor>();
        builder.Services.AddHostedService<InboxWorker>();
        builder.Services.AddHostedService<WeeklyReviewWorker>();
        builder.Services.TryAddSingleton<PullWorker>();   // tests put one with their own environment here first
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PullWorker>());
        builder.Services.AddHostedService<CacheWarmer>();
        builder.Services.ConfigureHttpJsonOptions(j => JsonFormat.Apply(j.SerializerOptions));
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseHostFiltering();
        app.UseMiddleware<ErrorMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseOutputCache();   // after the key check: a kept answer is served only to whom the answer may go
        app.MapOpenApi();
        InsightApi.Map(app);
        DashboardPage.Map(app);
        return app;
    }

    /// <summary>
    /// Runs the service until it is stopped; returns the process exit code: 0 after an orderly stop, 1 when a worker
    /// failed (the host stops when a background service throws, and that must not look like success to a supervisor).
    /// </summary>
    public static async Task<int> RunAsync(WebApplication app, Action<WebApplication>? started = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            started?.Invoke(app);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A worker failed while the host was still starting: the host stopped itself; say so below.
        }
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        var failed = app.Services.GetServices<IHostedService>().OfType<BackgroundService>()
            .Where(s => s.ExecuteTask is { IsFaulted: true }).ToList();
        foreach (var worker in failed)
        {
            app.Logger.LogCritical(worker.ExecuteTask!.Exception?.GetBaseException(), "{Worker} failed and stopped the service.", worker.GetType().Name);
        }
        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>The Host names answered: <c>Insight:AllowedHosts</c>, else the loopback names (refused beyond loopback without a list).</summary>
    internal static List<string> HostNames(ServiceOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.AllowedHosts))
            return [.. options.AllowedHosts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        if (!Binding.IsLoopbackOnly(options.Urls))
            throw new ArgumentException($"Insight:Urls '{options.Urls}' listens beyond loopback: set Insight:AllowedHosts to the host names clients use (e.g. insight.example.com), so a rebound DNS name cannot reach the API.");
        return ["localhost", "127.0.0.1", "[::1]"];
    }
}

/// <summary>Bad input becomes a 400 problem that says what was wrong (as the CLI's messages do); anything else a logged 500.</summary>
public sealed class ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> log)
{
    /// <summary>The Retry-After a busy database answers with, seconds.</summary>
    public const int BusyRetryAfterSeconds = 10;

    /// <summary>Runs the request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (InsightEngine.Store.StoreBusyException e) when (!context.Response.HasStarted)
        {
            // Another process (a CLI import, a long query) holds the database: not the request's fault, and it passes.
            var wait = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServiceOptions>>().Value.StoreWaitSeconds;
            log.LogWarning("{Method} {Path}: the database is held by another process ({Holder}); answered 503.", context.Request.Method, context.Request.Path.Value, e.Holder ?? "unknown");
            context.Response.Headers.RetryAfter = BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(
                title: "The database is busy",
                detail: $"{e.Message} The service waited {wait:0.#} s for it; try again in a few seconds (Retry-After).",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or ImportException or FormatException or InvalidDataException
                                       or Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest }
                                   && !context.Response.HasStarted)
        {
            await Results.Problem(detail: e.Message, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: its statement or training was interrupted; there is no one to answer.
            log.LogInformation("{Method} {Path} was cancelled by the client; its work was interrupted.", context.Request.Method, context.Request.Path.Value);
        }
        catch (OperationCanceledException) when (!context.Response.HasStarted)
        {
            // Not the client: the request's own time limit stopped its work.
            var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServiceOptions>>().Value.RequestTimeoutSeconds;
            context.Response.Headers.RetryAfter = "60";
            await Results.Problem(
                detail: $"The request ran past the service's time limit of {limit:0} s and was stopped. Narrow it (from/to, service, team), " +
                        "or raise Insight:RequestTimeoutSeconds.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await Results.Problem(detail: e.Message, statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context).ConfigureAwait(false);
        }
    }

}
