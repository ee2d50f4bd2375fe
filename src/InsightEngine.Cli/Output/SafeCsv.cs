using CsvHelper;

namespace InsightEngine.Cli.Output;

/// <summary>CSV for spreadsheets: text starting with = + - @ (a formula to Excel) is escaped with a leading quote.</summary>
public static class SafeCsv
{
    /// <summary>A writer over <paramref name="writer"/> that neutralises formula injection.</summary>
    public static CsvWriter Create(TextWriter writer) =>
        CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: true);
}
