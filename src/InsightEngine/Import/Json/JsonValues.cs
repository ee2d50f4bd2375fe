using System.Globalization;
using System.Text.Json;

namespace InsightEngine.Import.Json;

/// <summary>
/// Readers for nested JSON values, by a dotted path with optional indexes (<c>service.summary</c>,
/// <c>acknowledgements[0].at</c>). Every value comes out as the text a CSV would hold, so one conversion serves both.
/// </summary>
public static class JsonValues
{
    /// <summary>A reader for <paramref name="path"/>.</summary>
    public static Func<JsonElement, string?> At(string path) => e => Text(Find(e, path));

    /// <summary>A reader returning the first non-empty of several paths.</summary>
    public static Func<JsonElement, string?> FirstOf(params string[] paths) => e =>
    {
        foreach (var p in paths)
        {
            var v = Text(Find(e, p));
            if (!string.IsNullOrEmpty(v)) return v;
        }
        return null;
    };

    /// <summary>A reader joining <paramref name="itemPath"/> of every item of the array at <paramref name="arrayPath"/> with ", ".</summary>
    public static Func<JsonElement, string?> Join(string arrayPath, string itemPath = "") => e => JoinItems(Find(e, arrayPath), itemPath);

    /// <summary>Joins item values of an array element with ", " (null when empty).</summary>
    public static string? JoinItems(JsonElement? array, string itemPath = "")
    {
        if (array is not { ValueKind: JsonValueKind.Array } a) return Text(array);
        var parts = a.EnumerateArray().Select(i => Text(itemPath.Length == 0 ? i : Find(i, itemPath)))
            .Where(v => !string.IsNullOrEmpty(v)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary>The element at <paramref name="path"/>, or null if any step is missing or null.</summary>
    public static JsonElement? Find(JsonElement e, string path)
    {
        var current = e;
        foreach (var step in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = step;
            int? index = null;
            var bracket = step.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                index = int.Parse(step[(bracket + 1)..step.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                name = step[..bracket];
            }
            if (name.Length > 0)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
            }
            if (index is { } i)
            {
                if (current.ValueKind != JsonValueKind.Array || current.GetArrayLength() <= i) return null;
                current = current[i];
            }
        }
        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    /// <summary>The text a CSV cell would hold for this value: strings as is, numbers and booleans as written, objects as JSON.</summary>
    public static string? Text(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { } v => v.GetRawText(),
    };
}
