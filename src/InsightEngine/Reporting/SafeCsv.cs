using System.Numerics;
using CsvHelper;
using InsightEngine.Query;

namespace InsightEngine.Reporting;

/// <summary>
/// CSV for spreadsheets: text starting with = + - @ (or a tab or CR), which a spreadsheet would run as a formula, is
/// escaped with a leading quote (CsvHelper's injection escape). Numbers are written as numbers, so -5 stays -5.
/// </summary>
public static class SafeCsv
{
    /// <summary>A writer over <paramref name="writer"/> that neutralises formula injection.</summary>
    public static CsvWriter Create(TextWriter writer) =>
        CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: true);

    /// <summary>
    /// Writes a database value (its DuckDB type <paramref name="type"/>, as the reader names it): numbers typed (never
    /// escaped: a number is not a formula), NULL as an empty cell, everything else as <see cref="ValueText"/> text, escaped.
    /// </summary>
    public static void WriteValue(this CsvWriter csv, object? value, string type)
    {
        switch (value)
        {
            case null: csv.WriteField((string?)null); break;
            case long n: csv.WriteField(n); break;
            case int n: csv.WriteField(n); break;
            case short n: csv.WriteField(n); break;
            case sbyte n: csv.WriteField(n); break;
            case byte n: csv.WriteField(n); break;
            case ushort n: csv.WriteField(n); break;
            case uint n: csv.WriteField(n); break;
            case ulong n: csv.WriteField(n); break;
            case decimal n: csv.WriteField(n); break;
            case double n when double.IsFinite(n): csv.WriteField(n); break;
            case float n when float.IsFinite(n): csv.WriteField(n); break;
            case BigInteger n when n >= (BigInteger)decimal.MinValue && n <= (BigInteger)decimal.MaxValue: csv.WriteField((decimal)n); break;
            default: csv.WriteField(ValueText.Of(value, type)); break;
        }
    }
}
