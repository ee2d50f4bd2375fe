using System.Text;
using InsightEngine.Reports.Document;
using InsightEngine.Reports.Rendering;

using InsightEngine.Settings;

namespace InsightEngine.Reports;

/// <summary>Writes a rendered report into a folder: <c>STEM.html</c>, or <c>STEM.md</c> with <c>STEM-charts/*.png</c> beside it.</summary>
public static class ReportFiles
{
    /// <summary>The document formats (json is the report's figures, written by the caller).</summary>
    public static readonly IReadOnlyList<string> Formats = ["html", "md", "json"];

    /// <summary>Renders and writes <paramref name="document"/>; returns the main file's path. Each file is written whole or not at all.</summary>
    public static string Write(ReportDocument document, string format, string folder)
    {
        Directory.CreateDirectory(folder);
        switch (format)
        {
            case "html":
            {
                var path = Path.Combine(folder, document.FileStem + ".html");
                WriteWhole(path, Encoding.UTF8.GetBytes(HtmlRenderer.Render(document)));
                return path;
            }
            case "md":
            {
                var output = MarkdownRenderer.Render(document);
                foreach (var (relative, content) in output.Files)
                {
                    var file = Path.Combine(folder, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    WriteWhole(file, content);
                }
                var path = Path.Combine(folder, document.FileStem + ".md");
                WriteWhole(path, Encoding.UTF8.GetBytes(output.Markdown));
                return path;
            }
            default:
                throw new InvalidSettingException("format", $"'{format}' is not a report format (use one of: {string.Join(", ", Formats)}).");
        }
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and moves it over, so a reader never sees half a report.</summary>
    public static void WriteWhole(string path, byte[] content)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            File.WriteAllBytes(temp, content);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
