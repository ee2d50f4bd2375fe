using System.Data;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using InsightEngine.Settings;
using InsightEngine.Store;

namespace InsightEngine.Analysis;

/// <summary>
/// Runs the embedded metric queries (<c>Analysis/Sql/metrics/*.sql</c>) in an <see cref="AnalysisSession"/>, binds the request's scope and thresholds as parameters
/// (never as SQL text), and maps rows onto the metric's record by column name.
/// </summary>
public static partial class MetricQueries
{
    /// <summary>The instant the data describes: the latest time recorded anywhere in the store, else now.</summary>
    public static DateTimeOffset DataAsOf(InsightStore store)
    {
        var latest = store.Scalar<DateTime?>(SqlResources.Read("Analysis/Sql/as_of.sql"));
        return latest is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : DateTimeOffset.UtcNow;
    }

    /// <summary>The scope echoed with a result: the request with its as-of instant resolved.</summary>
    public static MetricScope Scope(InsightStore store, MetricRequest request, string queryPath) =>
        new(request.Period, request.Service, request.Team, request.Severity, request.AsOf ?? DataAsOf(store), request.Options.TimeZone, queryPath,
            request.Options.Describe());

    /// <summary>Runs <paramref name="queryPath"/> for <paramref name="request"/>, grouped by <paramref name="by"/>.</summary>
    public static List<T> Run<T>(AnalysisSession session, string queryPath, MetricRequest request, MetricScope scope, string by, Func<IDataRecord, T> map)
    {
        var sql = SqlResources.Read(queryPath);
        session.Route(request, scope, sql);
        try
        {
            return session.Store.Query(sql, map, Parameters(sql, request, scope, by));
        }
        catch (DuckDBException e) when (e.Message.Contains("time zone", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidSettingException("timezone", $"'{request.Options.TimeZone}' is not known to DuckDB: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>The request's scope and thresholds as parameters, only those <paramref name="sql"/> names: each file documents its own inputs.</summary>
    internal static (string Name, object? Value)[] Parameters(string sql, MetricRequest request, MetricScope scope, string by)
    {
        var o = request.Options;
        (string Name, object? Value)[] all =
        [
            ("from", request.Period.From?.UtcDateTime), ("to", request.Period.To?.UtcDateTime),
            ("service", request.Service), ("team", request.Team), ("severity", request.Severity),
            ("by", by), ("tz", o.TimeZone), ("as_of", scope.AsOf.UtcDateTime), ("limit", request.Limit),
            ("auto_resolve_window_s", o.AutoResolveWindow.TotalSeconds), ("actionable_min_open_s", o.ActionableMinOpen.TotalSeconds),
            ("flap_count", o.FlapCount), ("flap_window_s", o.FlapWindow.TotalSeconds),
            ("business_start_h", o.BusinessHours.StartHours), ("business_end_h", o.BusinessHours.EndHours),
            ("sleep_start_h", o.SleepHours.StartHours), ("sleep_end_h", o.SleepHours.EndHours),
            ("recurrence_window_s", o.RecurrenceWindow.TotalSeconds), ("postmortem_due_s", o.PostmortemDue.TotalSeconds),
        ];
        var used = ParameterNames().Matches(sql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        return all.Where(p => used.Contains(p.Name)).ToArray();
    }

    /// <summary>Computes a metric whose rows map by column name: validates, resolves grouping and scope, runs.</summary>
    public static MetricReport<T> Compute<T>(AnalysisSession session, MetricRequest request, string metric, string queryPath)
        where T : notnull
    {
        request.Validate();
        var by = MetricCatalog.Grouping(metric, request.By);
        var scope = Scope(session.Store, request, queryPath);
        return new MetricReport<T>(metric, by, scope, Run(session, queryPath, request, scope, by, ByName<T>()));
    }

    /// <summary>Maps a row onto <typeparamref name="T"/>'s constructor, parameter by parameter, by snake_case column name.</summary>
    public static Func<IDataRecord, T> ByName<T>()
    {
        var ctor = typeof(T).GetConstructors().Single();
        var parameters = ctor.GetParameters();
        var columns = parameters.Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name!)).ToArray();
        int[]? ordinals = null;
        return record =>
        {
            ordinals ??= columns.Select(c => Ordinal(record, c, typeof(T))).ToArray();
            var args = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++) args[i] = Convert(record.GetValue(ordinals[i]), parameters[i].ParameterType);
            return (T)ctor.Invoke(args);
        };
    }

    private static int Ordinal(IDataRecord record, string column, Type type)
    {
        for (var i = 0; i < record.FieldCount; i++)
            if (string.Equals(record.GetName(i), column, StringComparison.Ordinal)) return i;
        throw new InvalidOperationException($"The query behind {type.Name} has no column '{column}'.");
    }

    /// <summary>Converts a DuckDB value to a record parameter's type (HUGEINT sums, TIMESTAMPTZ as UTC, DATE).</summary>
    internal static object? Convert(object? value, Type target)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (value is null or DBNull)
            return target.IsValueType && Nullable.GetUnderlyingType(target) is null ? Activator.CreateInstance(target) : null;
        if (type == typeof(DateTimeOffset))
            return value switch
            {
                DateTimeOffset d => d.ToUniversalTime(),
                DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
                _ => DateTimeOffset.Parse(value.ToString()!, CultureInfo.InvariantCulture),
            };
        if (type == typeof(DateOnly))
            return value switch
            {
                DateOnly d => d,
                DateTime d => DateOnly.FromDateTime(d),
                _ => DateOnly.Parse(value.ToString()!, CultureInfo.InvariantCulture),
            };
        if (value is System.Numerics.BigInteger big) value = (decimal)big;
        return System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\$([a-z_0-9]+)")]
    private static partial Regex ParameterNames();
}
