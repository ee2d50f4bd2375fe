using InsightEngine.Reporting;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using InsightEngine.Query;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace InsightEngine.Cli.Output;

/// <summary>
/// Writes the rows of an ad hoc query (<c>insight query</c>, <c>insight shell</c>) as a console table, CSV
/// (formula-safe) or JSON (one object per row). Instants are ISO 8601 in UTC (the store's zone, marked Z).
/// </summary>
public static class QueryOutput
{
    /// <summary>The formats, the first the default.</summary>
    public static readonly string[] Formats = ["table", "csv", "json"];

    /// <summary>Writes the current result of <paramref name="result"/>; a table shows at most <paramref name="maxRows"/> rows. Returns the rows read.</summary>
    public static long Write(CliContext context, QueryResult result, string format, int maxRows)
    {
        switch (format)
        {
            case "csv": return Csv(context.Out, result);
            case "json": return JsonRows(context.Out, result);
            default: return Table(context, result, maxRows);
        }
    }

    private static long Table(CliContext context, QueryResult result, int maxRows)
    {
        var columns = result.Columns;
        var types = result.Types;
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < columns.Count; i++)
            table.AddColumn(new TableColumn(Markup.Escape(columns[i])) { Alignment = IsNumeric(types[i]) ? Justify.Right : Justify.Left });
        long rows = 0;
        while (result.Read())
        {
            if (++rows > maxRows) continue; // keep counting: the footer says how many were left out
            table.AddRow(Enumerable.Range(0, columns.Count)
                .Select(i => result[i] is { } v ? (IRenderable)new Text(Display(v, types[i])) : new Markup("[grey]NULL[/]")).ToArray());
        }
        if (columns.Count > 0) context.Terminal.Write(table);
        var shown = Math.Min(rows, maxRows);
        context.Out.WriteLine(rows > maxRows
            ? $"{rows:N0} rows, the first {shown:N0} shown (--max-rows {rows}, or --format csv|json for all)."
            : $"{rows:N0} row{(rows == 1 ? "" : "s")}.");
        return rows;
    }

    /// <summary>A table cell: doubles to 12 significant digits (17098.000000000004 reads 17098); CSV and JSON keep every digit.</summary>
    private static string Display(object value, string type) =>
        value is double d ? d.ToString("G12", CultureInfo.InvariantCulture) : ValueText.Of(value, type);

    private static long Csv(TextWriter output, QueryResult result)
    {
        var types = result.Types;
        using var csv = SafeCsv.Create(output);
        foreach (var c in result.Columns) csv.WriteField(c);
        csv.EndRecord();
        long rows = 0;
        while (result.Read())
        {
            rows++;
            for (var i = 0; i < types.Count; i++) csv.WriteValue(result[i], types[i]);
            csv.EndRecord();
        }
        csv.Flush();
        return rows;
    }

    private static long JsonRows(TextWriter output, QueryResult result)
    {
        var types = result.Types;
        var names = UniqueNames(result.Columns);
        using var buffer = new MemoryStream();
        long rows = 0;
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            while (result.Read())
            {
                rows++;
                json.WriteStartObject();
                for (var i = 0; i < names.Count; i++)
                {
                    json.WritePropertyName(names[i]);
                    Value(json, result[i], types[i]);
                }
                json.WriteEndObject();
                if (json.BytesPending > 1 << 16) { json.Flush(); Drain(buffer, output); }
            }
            json.WriteEndArray();
        }
        Drain(buffer, output);
        output.WriteLine();
        return rows;
    }

    private static void Drain(MemoryStream buffer, TextWriter output)
    {
        output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        buffer.SetLength(0);
    }

    /// <summary>Column names made unique for JSON keys (<c>SELECT 1, 1</c> has two columns named <c>1</c>).</summary>
    private static List<string> UniqueNames(IReadOnlyList<string> columns)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>(columns.Count);
        foreach (var c in columns)
        {
            var n = seen[c] = seen.GetValueOrDefault(c) + 1;
            names.Add(n == 1 ? c : $"{c}_{n}");
        }
        return names;
    }

    private static void Value(Utf8JsonWriter json, object? value, string type)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case decimal m: json.WriteNumberValue(m); break;
            case long or int or short or sbyte or byte or ushort or uint or ulong:
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!); break;
            case BigInteger big: json.WriteRawValue(big.ToString(CultureInfo.InvariantCulture)); break;
            case IDictionary map:
                json.WriteStartObject();
                foreach (DictionaryEntry e in map) { json.WritePropertyName(Convert.ToString(e.Key, CultureInfo.InvariantCulture)!); Value(json, e.Value, ""); }
                json.WriteEndObject();
                break;
            case IEnumerable list and not string:
                json.WriteStartArray();
                foreach (var item in list) Value(json, item, "");
                json.WriteEndArray();
                break;
            default: json.WriteStringValue(ValueText.Of(value, type)); break;
        }
    }

    private static bool IsNumeric(string type) => type is "TinyInt" or "SmallInt" or "Integer" or "BigInt" or "HugeInt" or "UnsignedTinyInt"
        or "UnsignedSmallInt" or "UnsignedInteger" or "UnsignedBigInt" or "UnsignedHugeInt" or "Float" or "Double" or "Decimal";
}
