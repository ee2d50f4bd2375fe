using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace InsightEngine.Generation.Writers;

/// <summary>What every vendor writer shares: stable ids from names, time formatting, and a JSON dump writer.</summary>
internal static class WriterSupport
{
    /// <summary>A stable 5-digit code for a name (string.GetHashCode is randomised per process).</summary>
    public static string Code(string name)
    {
        var h = 0u;
        foreach (var c in name) h = unchecked(h * 31 + c);
        return (h % 100000).ToString("D5", CultureInfo.InvariantCulture);
    }

    /// <summary>A stable GUID-shaped id from a seed text.</summary>
    public static string Guid(string seed)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return new System.Guid(bytes.AsSpan(0, 16)).ToString();
    }

    public static string Inv(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC with a Z, with <paramref name="fraction"/> digits of seconds.</summary>
    public static string Utc(DateTimeOffset t, int fraction = 0) =>
        t.UtcDateTime.ToString(fraction == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : $"yyyy-MM-dd'T'HH:mm:ss.{new string('f', fraction)}'Z'", CultureInfo.InvariantCulture);

    /// <summary>The local wall-clock time in <paramref name="zone"/>, in a .NET format.</summary>
    public static string Local(DateTimeOffset t, TimeZoneInfo zone, string format) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Writes a JSON dump: <c>{"property": [records...], extra...}</c>, indented like an API response saved with jq.</summary>
    public static void Dump<T>(string path, string property, IEnumerable<T> records, Action<Utf8JsonWriter, T> write, Action<Utf8JsonWriter>? extra = null)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteStartArray(property);
        foreach (var r in records)
        {
            w.WriteStartObject();
            write(w, r);
            w.WriteEndObject();
            // The writer keeps what it wrote until flushed, and cannot hold 2 GiB: a --scale 1000 dump is larger.
            if (w.BytesPending > 1 << 20) w.Flush();
        }
        w.WriteEndArray();
        extra?.Invoke(w);
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes <c>"name": {"id", "type", "summary"}</c>, a PagerDuty-style reference.</summary>
    public static void Reference(Utf8JsonWriter w, string name, string id, string type, string summary)
    {
        w.WriteStartObject(name);
        w.WriteString("id", id);
        w.WriteString("type", type);
        w.WriteString("summary", summary);
        w.WriteEndObject();
    }

    /// <summary>A string or JSON null.</summary>
    public static void StringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
