using System.Text.Json;
using System.Text.Json.Serialization;

namespace InsightEngine.Cli.Output;

/// <summary>The JSON every command writes: snake_case names, indented, nulls kept (a missing figure is a fact).</summary>
public static class Json
{
    /// <summary>Serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <paramref name="value"/> as JSON and a newline.</summary>
    public static void Write(TextWriter writer, object value) => writer.WriteLine(JsonSerializer.Serialize(value, Options));
}
