using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace InsightEngine.Query;

/// <summary>
/// A DuckDB value as text, the same in query output and CSV exports: instants ISO 8601 (a TIMESTAMPTZ in UTC, the
/// store's zone, marked Z), numbers invariant and round-trippable, lists and structs as JSON, blobs as hex.
/// </summary>
public static class ValueText
{
    /// <summary>The text of <paramref name="value"/>, whose DuckDB type is <paramref name="type"/> (as the reader names it: <c>TimestampTz</c> ...).</summary>
    public static string Of(object value, string type) => value switch
    {
        DateTime t when type.Equals("TimestampTz", StringComparison.OrdinalIgnoreCase) => t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z",
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan s => s.ToString("c", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Stream s => Convert.ToHexString(ReadAll(s)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => s,
        IEnumerable => JsonSerializer.Serialize(value),
        _ => value.ToString() ?? "",
    };

    private static byte[] ReadAll(Stream s)
    {
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }
}
