using System.Security.Cryptography;
using System.Text;
using InsightEngine.Settings;
using Microsoft.AspNetCore.OutputCaching;

namespace InsightEngine.Service.Hosting;

/// <summary>
/// The service's result cache (ASP.NET Core output caching): a GET's answer is kept per (data version, settings, path
/// and query) and served again without opening the store until the data version moves (an import or pull that wrote a
/// record: <see cref="DataVersions"/>). Only 200 answers are kept; concurrent identical requests wait for the first one's
/// answer instead of computing it eight times. Every figure in these answers is a function of the data, the settings and
/// the query alone (the as-of instant is the data's), so a kept answer is the answer.
/// </summary>
public sealed class ResultCachePolicy(Func<HttpContext, string>? page = null) : IOutputCachePolicy
{
    /// <summary>The policy of the metric, assessment and report endpoints.</summary>
    public const string Data = "data";

    /// <summary>The dashboard's: also varies by what the page shows beside the figures (saved reports, pull status).</summary>
    public const string Dashboard = "dashboard";

    /// <summary>Kept at most this long even while the data does not change (bounds memory held by rare queries).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cacheable = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable) return;
        context.CacheVaryByRules.QueryKeys = "*";
        // No answer names the host it was asked through (links are relative; Host filtering already refuses strangers),
        // so localhost and 127.0.0.1 share one entry, and the warmer's request serves every visitor.
        context.CacheVaryByRules.VaryByHost = false;
        context.CacheVaryByRules.VaryByValues["data"] = await Task.Run(() => http.RequestServices.GetRequiredService<DataVersions>().Current(cancellation), cancellation)
            .ConfigureAwait(false);
        context.CacheVaryByRules.VaryByValues["settings"] = SettingsFingerprint(http.RequestServices.GetRequiredService<InsightSettings>());
        if (page is not null) context.CacheVaryByRules.VaryByValues["page"] = page(http);
        context.ResponseExpirationTimeSpan = Lifetime;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>The settings the service loaded (the same object for its whole life): their JSON, hashed.</summary>
    private static string SettingsFingerprint(InsightSettings settings) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(settings.Metrics.Describe()))))[..16];
}
