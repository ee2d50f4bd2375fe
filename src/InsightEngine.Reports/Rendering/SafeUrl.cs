namespace InsightEngine.Reports.Rendering;

/// <summary>Links from exports are untrusted: only absolute http(s) addresses become links (no <c>javascript:</c>, no <c>data:</c>, no files).</summary>
public static class SafeUrl
{
    /// <summary>The address, normalised and percent-escaped, or null when it must not be a link.</summary>
    public static string? Http(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        return uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
    }
}
