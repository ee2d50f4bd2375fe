using System.Text;

namespace InsightEngine.Import;

/// <summary>
/// The SQL pieces that turn raw staged text into canonical types. One conversion per <see cref="FieldKind"/>, so every
/// importer reads dates, numbers and booleans the same way.
/// </summary>
public static class StagingSql
{
    /// <summary>Text that means "no value" in real exports.</summary>
    public static IReadOnlyList<string> NullMarkers { get; } =
        ["", "NULL", "null", "Null", "N/A", "n/a", "NA", "None", "none", "-", "?", "(none)"];

    /// <summary>
    /// The longest duration read (100 years, in seconds): anything longer, negative, infinite or NaN is a reject with its
    /// value, never an overflow further down (a time plus the duration must still be a time).
    /// </summary>
    public const long MaxDurationSeconds = 3_155_760_000;

    /// <summary>The largest count or version read (the canonical INTEGER columns'); negative ones are rejects too.</summary>
    public const long MaxCount = int.MaxValue;

    /// <summary>Timestamps outside these years are rejected: they are durations written as dates, or typos.</summary>
    public const int MinYear = 1990, MaxYear = 2100;

    /// <summary>A parsed timestamp kept only if plausible (see <see cref="MinYear"/>); <paramref name="parsed"/> is evaluated once per use.</summary>
    public static string Plausible(string parsed) =>
        $"CASE WHEN {parsed} >= TIMESTAMPTZ '{MinYear}-01-01 00:00:00+00' AND {parsed} < TIMESTAMPTZ '{MaxYear + 1}-01-01 00:00:00+00' THEN {parsed} END";

    /// <summary>
    /// Temporary macros for one import: <c>ie_null</c> (trim, null markers to NULL), <c>ie_ts</c> (timestamp parsing with
    /// the format's extra <c>strptime</c> patterns), <c>ie_naive</c> (a timestamp written without an offset: not ending in Z,
    /// UTC, GMT or a +hh / +hhmm / +hh:mm offset, and not epoch digits). Both are evaluated for every cell of a 1 GB
    /// file, so they test lengths first and use one regular expression rather than several substring calls.
    /// </summary>
    public static string Macros(IReadOnlyList<string> dateFormats)
    {
        var formats = dateFormats.Count == 0
            ? "NULL::TIMESTAMPTZ"
            : $"TRY_CAST(try_strptime(v, [{string.Join(", ", dateFormats.Select(Literal))}]) AS TIMESTAMPTZ)";
        return $$"""
            CREATE OR REPLACE TEMP MACRO ie_null(v) AS
                CASE WHEN v IS NULL OR (strlen(v) <= 32 AND {{OneOf("lower(trim(v))", NullMarkers.Select(m => m.ToLowerInvariant()).Distinct())}}) THEN NULL ELSE v END;
            CREATE OR REPLACE TEMP MACRO ie_bad_offset(v) AS
                (substr(v, -6, 1) IN ('+', '-') AND substr(v, -3, 1) = ':' AND (TRY_CAST(substr(v, -5, 2) AS INT) > 14 OR TRY_CAST(substr(v, -2, 2) AS INT) > 59))
                OR (substr(v, -5, 1) IN ('+', '-') AND substr(v, -8, 1) = ':' AND (TRY_CAST(substr(v, -4, 2) AS INT) > 14 OR TRY_CAST(substr(v, -2, 2) AS INT) > 59));
            CREATE OR REPLACE TEMP MACRO ie_ts(v) AS
                CASE WHEN ie_bad_offset(v) THEN NULL ELSE COALESCE(
                    TRY_CAST(v AS TIMESTAMPTZ),
                    CASE WHEN length(v) = 13 AND TRY_CAST(v AS BIGINT) IS NOT NULL THEN to_timestamp(CAST(v AS BIGINT) / 1000.0)
                         WHEN length(v) = 10 AND TRY_CAST(v AS BIGINT) IS NOT NULL THEN to_timestamp(CAST(v AS BIGINT)) END,
                    -- RFC 3339 allows a lower-case t and z; ISO 8601 allows minutes without seconds (2026-03-02T10:00Z)
                    TRY_CAST(regexp_replace(upper(v), '^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}:[0-9]{2})(Z|[+-][0-9:]+)?$', '\1 \2:00\3') AS TIMESTAMPTZ),
                    {{formats}}) END;
            CREATE OR REPLACE TEMP MACRO ie_naive(v) AS
                v IS NOT NULL AND strlen(v) > 10
                AND NOT regexp_matches(v, '(?:[Zz]|UTC|GMT|[+-]..|[+-]....|[+-].....)$|^[+-]?[0-9]+$');
            CREATE OR REPLACE TEMP MACRO ie_bool(v) AS
                CASE lower(v) WHEN 'true' THEN true WHEN 'yes' THEN true WHEN 'y' THEN true WHEN 't' THEN true WHEN '1' THEN true
                              WHEN 'false' THEN false WHEN 'no' THEN false WHEN 'n' THEN false WHEN 'f' THEN false WHEN '0' THEN false END;
            CREATE OR REPLACE TEMP MACRO ie_bounded_s(s) AS
                CASE WHEN s >= 0 AND s <= {{MaxDurationSeconds}} THEN s END;
            CREATE OR REPLACE TEMP MACRO ie_seconds(v, scale) AS
                to_microseconds(TRY_CAST(round(ie_bounded_s(TRY_CAST(v AS DOUBLE) * scale / 1000000) * 1000000) AS BIGINT));
            CREATE OR REPLACE TEMP MACRO ie_duration_s(v) AS
                CASE WHEN regexp_full_match(v, '[0-9]{1,3}(,[0-9]{3})+') THEN TRY_CAST(replace(v, ',', '') AS DOUBLE)
                     WHEN regexp_full_match(v, '[0-9]{1,3}([.\x{00A0} ][0-9]{3})+') THEN TRY_CAST(regexp_replace(v, '[.\x{00A0} ]', '', 'g') AS DOUBLE)
                     WHEN regexp_full_match(v, '[0-9]+(\.[0-9]+)?') THEN TRY_CAST(v AS DOUBLE)
                     WHEN regexp_full_match(v, '19[67][0-9]-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}') THEN
                          epoch(TRY_CAST(replace(v, 'T', ' ') AS TIMESTAMP))
                     WHEN regexp_full_match(lower(v), '(\s*[0-9]+\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\s*,?)+') THEN
                          coalesce(TRY_CAST(regexp_extract(lower(v), '([0-9]+)\s*(days?|d)([^a-z]|$)', 1) AS DOUBLE), 0) * 86400
                        + coalesce(TRY_CAST(regexp_extract(lower(v), '([0-9]+)\s*(hours?|hrs?|h)([^a-z]|$)', 1) AS DOUBLE), 0) * 3600
                        + coalesce(TRY_CAST(regexp_extract(lower(v), '([0-9]+)\s*(minutes?|mins?|m)([^a-z]|$)', 1) AS DOUBLE), 0) * 60
                        + coalesce(TRY_CAST(regexp_extract(lower(v), '([0-9]+)\s*(seconds?|secs?|s)([^a-z]|$)', 1) AS DOUBLE), 0)
                END;
            CREATE OR REPLACE TEMP MACRO ie_duration(v) AS
                to_microseconds(TRY_CAST(round(ie_bounded_s(ie_duration_s(v)) * 1000000) AS BIGINT));
            CREATE OR REPLACE TEMP MACRO ie_count(v) AS
                CASE WHEN regexp_full_match(v, '\+?[0-9]{1,19}(\.0*)?') AND TRY_CAST(v AS BIGINT) BETWEEN 0 AND {{MaxCount}} THEN TRY_CAST(v AS BIGINT) END;
            """;
    }

    /// <summary>
    /// <paramref name="expression"/> is one of <paramref name="values"/>. Written as <c>list_contains</c>, not <c>IN (...)</c>:
    /// DuckDB turns a long IN list into a join, which keeps every column it reads alive and made the import's check pass
    /// (which keeps only a few columns) convert every column of a 1 GB file.
    /// </summary>
    public static string OneOf(string expression, IEnumerable<string> values) =>
        $"list_contains([{string.Join(", ", values.Select(Literal))}], {expression})";

    /// <summary>The typed value of raw column <paramref name="raw"/> read as <paramref name="kind"/>.</summary>
    public static string Typed(FieldKind kind, string raw) => kind switch
    {
        FieldKind.Text => $"trim({raw}, ' \t')",   // as JSON values are: padding around an id or a title is not part of it
        FieldKind.Timestamp => $"ie_ts(trim({raw}, ' \t'))",
        FieldKind.Boolean => $"ie_bool(trim({raw}, ' \t'))",
        FieldKind.Integer => $"ie_count(trim({raw}, ' \t'))",
        FieldKind.Seconds => $"ie_seconds(trim({raw}, ' \t'), 1000000)",
        FieldKind.Milliseconds => $"ie_seconds(trim({raw}, ' \t'), 1000)",
        FieldKind.Duration => $"ie_duration(trim({raw}, ' \t'))",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// A due date written without a time (<c>2026-03-20</c>, Jira's <c>20/Mar/26</c>, <c>20/03/2026</c>) is due at the end
    /// of that day, not at its start: an item due today is not overdue yet. Other values pass as they are.
    /// </summary>
    public static string EndOfDay(string raw) =>
        $"CASE WHEN regexp_full_match(trim({raw}), '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') THEN trim({raw}) || ' 23:59:59' " +
        $"WHEN regexp_full_match(trim({raw}), '[0-9]{{1,2}}/[^/ ]+/[0-9]{{2,4}}') THEN trim({raw}) || ' 11:59 PM' ELSE {raw} END";

    /// <summary>What a value of <paramref name="kind"/> should have looked like, for reject reasons.</summary>
    public static string Expected(FieldKind kind) => kind switch
    {
        FieldKind.Timestamp => $"not a date and time between {MinYear} and {MaxYear} (expected ISO 8601 such as 2026-03-01T14:05:00Z, a date with a time, or epoch seconds/milliseconds)",
        FieldKind.Boolean => "not a boolean (expected true/false, yes/no or 1/0)",
        FieldKind.Integer => "not a whole number from 0 to 2,147,483,647",
        FieldKind.Seconds => "not a number of seconds from 0 to 100 years",
        FieldKind.Milliseconds => "not a number of milliseconds from 0 to 100 years",
        FieldKind.Duration => "not a duration from 0 to 100 years (expected seconds such as 7500 or 1,234,567, 1970-01-01 02:05:00, or 2 Hours 5 Minutes)",
        _ => "not readable",
    };

    /// <summary>A SQL string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A SQL quoted identifier.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary><c>CASE lower(expr) WHEN 'k' THEN 'v' ... ELSE fallback END</c> for a mapping table.</summary>
    public static string MapCase(string expr, IReadOnlyDictionary<string, string> map, string fallback)
    {
        if (map.Count == 0) return fallback;
        var sb = new StringBuilder($"CASE lower({expr})");
        foreach (var (k, v) in map) sb.Append($" WHEN {Literal(k.ToLowerInvariant())} THEN {Literal(v)}");
        return sb.Append($" ELSE {fallback} END").ToString();
    }
}
