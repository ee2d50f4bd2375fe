using System.Text;

namespace InsightEngine.Reporting;

/// <summary>Untrusted text (titles, names, services from exports) made inert in Markdown: no tables broken, no HTML, no links.</summary>
public static class MarkdownText
{
    /// <summary>Escapes Markdown and HTML metacharacters and folds line breaks, so the text renders as itself in a table cell.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\r': break;
                case '\n': sb.Append(' '); break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '!' or '~':
                    sb.Append('\\').Append(c);
                    break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
