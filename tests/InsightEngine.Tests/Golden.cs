using System.Globalization;
using InsightEngine.Store;

namespace InsightEngine.Tests;

/// <summary>
/// Field-by-field checks of one canonical row: every expected field is compared as text (timestamps in UTC as
/// <c>yyyy-MM-dd HH:mm:ss</c>, booleans lower case, null as null) and all mismatches are reported at once.
/// </summary>
internal static class Golden
{
    /// <summary>The row of <paramref name="table"/> with this external id, as text per column.</summary>
    public static Dictionary<string, string?> Row(InsightStore store, string table, string externalId)
    {
        var rows = store.Query($"SELECT * FROM {table} WHERE external_id = $id", r =>
        {
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < r.FieldCount; i++) row[r.GetName(i)] = r.IsDBNull(i) ? null : Text(r.GetValue(i));
            return row;
        }, ("id", externalId));
        Xunit.Assert.True(rows.Count == 1, $"expected one {table} row '{externalId}', found {rows.Count}");
        return rows[0];
    }

    /// <summary>Asserts the fields of one row.</summary>
    public static void Expect(InsightStore store, string table, string externalId, params (string Field, string? Value)[] expected)
    {
        var row = Row(store, table, externalId);
        var wrong = expected.Where(e => !row.TryGetValue(e.Field, out var v) || v != e.Value)
            .Select(e => $"  {e.Field}: expected {Show(e.Value)}, got {(row.TryGetValue(e.Field, out var v) ? Show(v) : "(no such column)")}")
            .ToList();
        Xunit.Assert.True(wrong.Count == 0, $"{table} '{externalId}':\n{string.Join("\n", wrong)}");
    }

    private static string Show(string? v) => v is null ? "null" : $"'{v}'";

    private static string Text(object value) => value switch
    {
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };
}
