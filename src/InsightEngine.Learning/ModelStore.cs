using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;

namespace InsightEngine.Learning;

/// <summary>What is saved beside a trained model: what it is, what it saw, what it reads, how well it did.</summary>
public sealed record ModelMetadata(string Model, string Trainer, DateTime TrainedAt, int Seed, DateTime? DataFrom, DateTime? DataTo,
    int Rows, IReadOnlyList<string> Features, IReadOnlyDictionary<string, object?> Metrics);

/// <summary>Saves trained models (ML.NET's zip) with their metadata (JSON) in a folder, one pair per model.</summary>
public static class ModelStore
{
    /// <summary>The JSON settings of the metadata files and of <c>--format json</c> output.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        IncludeFields = true,
    };

    /// <summary>Writes <c>NAME.zip</c> and <c>NAME.json</c> into <paramref name="folder"/> (created if needed); returns the zip's path.</summary>
    public static string Save(string folder, ITransformer model, DataViewSchema schema, ModelMetadata metadata)
    {
        Directory.CreateDirectory(folder);
        var zip = Path.Combine(folder, metadata.Model + ".zip");
        new MLContext(metadata.Seed).Model.Save(model, schema, zip);
        File.WriteAllText(Path.Combine(folder, metadata.Model + ".json"), JsonSerializer.Serialize(metadata, Json) + "\n");
        return zip;
    }

    /// <summary>Reads a saved model's metadata, or null when there is none.</summary>
    public static ModelMetadata? Metadata(string folder, string model)
    {
        var path = Path.Combine(folder, model + ".json");
        return File.Exists(path) ? JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllText(path), Json) : null;
    }
}
