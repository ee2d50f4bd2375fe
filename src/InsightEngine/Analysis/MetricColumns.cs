using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InsightEngine.Analysis;

/// <summary>What a metric column holds, so every renderer formats it the same way without guessing from its name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ColumnKind>))]
public enum ColumnKind
{
    /// <summary>Free text (names, titles): escaped, shortened in tables.</summary>
    Text,

    /// <summary>A whole count.</summary>
    Count,

    /// <summary>A plain number.</summary>
    Number,

    /// <summary>Seconds, shown as a duration (2 h 10 min).</summary>
    Duration,

    /// <summary>A ratio 0..1, shown as a percentage.</summary>
    Share,

    /// <summary>An instant (UTC), shown in the reporting zone.</summary>
    Instant,

    /// <summary>A calendar date (a week's Monday).</summary>
    Date,

    /// <summary>Yes or no.</summary>
    Flag,
}

/// <summary>Declares a row field's <see cref="ColumnKind"/> where its type alone does not say it (seconds, shares).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ColumnAttribute(ColumnKind kind) : Attribute
{
    /// <summary>The kind.</summary>
    public ColumnKind Kind { get; } = kind;
}

/// <summary>One flat column of a metric's rows: its snake_case name (as in JSON and CSV), kind and unit.</summary>
/// <param name="Name">The name.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Get">Reads it from a row (not serialized).</param>
public sealed record MetricColumn(string Name, ColumnKind Kind, [property: JsonIgnore] Func<object, object?> Get)
{
    /// <summary>The unit of the value as stored (seconds, ratio), or null.</summary>
    public string? Unit => Kind switch { ColumnKind.Duration => "seconds", ColumnKind.Share => "ratio", _ => null };
}

/// <summary>The columns of a row type, declared once with the row (<see cref="ColumnAttribute"/>) and carried with every result.</summary>
public static class MetricColumns
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<MetricColumn>> Cache = new();

    /// <summary>The flat columns of <paramref name="rowType"/>: a <see cref="DurationStats"/> field becomes its n, median, p90 and mean.</summary>
    public static IReadOnlyList<MetricColumn> Of(Type rowType) => Cache.GetOrAdd(rowType, t => Flatten(t).ToList());

    private static IEnumerable<MetricColumn> Flatten(Type type)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name);
            if (p.PropertyType == typeof(DurationStats))
            {
                yield return new MetricColumn(name + "_n", ColumnKind.Count, o => (p.GetValue(o) as DurationStats)?.N);
                yield return new MetricColumn(name + "_median_seconds", ColumnKind.Duration, o => (p.GetValue(o) as DurationStats)?.MedianSeconds);
                yield return new MetricColumn(name + "_p90_seconds", ColumnKind.Duration, o => (p.GetValue(o) as DurationStats)?.P90Seconds);
                yield return new MetricColumn(name + "_mean_seconds", ColumnKind.Duration, o => (p.GetValue(o) as DurationStats)?.MeanSeconds);
                continue;
            }
            if (typeof(IEnumerable).IsAssignableFrom(p.PropertyType) && p.PropertyType != typeof(string)) continue;
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            var kind = p.GetCustomAttribute<ColumnAttribute>()?.Kind ?? (
                t == typeof(string) ? ColumnKind.Text
                : t == typeof(long) || t == typeof(int) ? ColumnKind.Count
                : t == typeof(DateTimeOffset) ? ColumnKind.Instant
                : t == typeof(DateOnly) ? ColumnKind.Date
                : t == typeof(bool) ? ColumnKind.Flag
                : ColumnKind.Number);
            yield return new MetricColumn(name, kind, p.GetValue);
        }
    }
}
