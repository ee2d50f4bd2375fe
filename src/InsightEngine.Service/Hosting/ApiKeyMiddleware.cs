using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace InsightEngine.Service.Hosting;

/// <summary>
/// Security by default: every write needs the API key (header <c>X-Api-Key</c>); when the service listens beyond
/// loopback, every request does except the health probes. Keys are compared in constant time (over their SHA-256, so
/// the length does not leak either). No key configured: writes are refused (403).
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ServiceOptions> options)
{
    /// <summary>The header carrying the key.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>Checks the request, then passes it on.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var o = options.Value;
        var write = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
        var probe = context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/ready");
        var needsKey = write || (!probe && !Binding.IsLoopbackOnly(o.Urls));
        if (needsKey)
        {
            if (string.IsNullOrEmpty(o.ApiKey))
            {
                await Problem(context, StatusCodes.Status403Forbidden, "Writes are disabled: no API key is configured (set Insight:ApiKey).").ConfigureAwait(false);
                return;
            }
            if (!context.Request.Headers.TryGetValue(Header, out var given) || string.IsNullOrEmpty(given))
            {
                await Problem(context, StatusCodes.Status401Unauthorized, $"This request needs the API key in the {Header} header.").ConfigureAwait(false);
                return;
            }
            if (!Same(given.ToString(), o.ApiKey))
            {
                await Problem(context, StatusCodes.Status403Forbidden, "The API key is wrong.").ConfigureAwait(false);
                return;
            }
        }
        await next(context).ConfigureAwait(false);
    }

    /// <summary>Constant-time comparison.</summary>
    public static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static Task Problem(HttpContext context, int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context);
}
