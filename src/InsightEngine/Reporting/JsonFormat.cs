using System.Text.Json;
using System.Text.Json.Serialization;

namespace InsightEngine.Reporting;

/// <summary>The JSON shape every front door writes (CLI and HTTP API): snake_case names, nulls kept (a missing figure is a fact).</summary>
public static class JsonFormat
{
    /// <summary>Applies the shape to <paramref name="options"/> (the API's serializer options).</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        return options;
    }

    /// <summary>The shape, indented (the CLI's output).</summary>
    public static JsonSerializerOptions Indented { get; } = Apply(new JsonSerializerOptions { WriteIndented = true });
}
