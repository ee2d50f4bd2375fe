using System.Globalization;

namespace InsightEngine.Diagnostics;

/// <summary>Typo suggestions for user-facing errors: " (did you mean 'x'?)".</summary>
public static class DidYouMean
{
    /// <summary>" (did you mean 'x'?)" for the closest of <paramref name="known"/> within <paramref name="maxEdits"/> edits, else empty.</summary>
    public static string Suggest(string given, IEnumerable<string> known, int maxEdits)
    {
        var best = known.Select(k => (k, d: Distance(given, k))).OrderBy(x => x.d).FirstOrDefault();
        return best.k is not null && best.d <= maxEdits ? string.Create(CultureInfo.InvariantCulture, $" (did you mean '{best.k}'?)") : "";
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
