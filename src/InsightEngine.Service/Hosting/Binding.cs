namespace InsightEngine.Service.Hosting;

/// <summary>Where the service listens, and whether that is loopback only.</summary>
public static class Binding
{
    /// <summary>True when every address in <paramref name="urls"/> (semicolon-separated) is loopback.</summary>
    public static bool IsLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(u =>
            Uri.TryCreate(u.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && (uri.IsLoopback || uri.Host == "localhost"));
}
