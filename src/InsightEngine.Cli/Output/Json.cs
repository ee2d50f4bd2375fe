using System.Text.Json;
using InsightEngine.Reporting;

namespace InsightEngine.Cli.Output;

/// <summary>The JSON every command writes: <see cref="JsonFormat"/> (the API writes the same shape), indented.</summary>
public static class Json
{
    /// <summary>Serializer options.</summary>
    public static JsonSerializerOptions Options => JsonFormat.Indented;

    /// <summary>Writes <paramref name="value"/> as JSON and a newline.</summary>
    public static void Write(TextWriter writer, object value) => writer.WriteLine(JsonSerializer.Serialize(value, Options));
}
