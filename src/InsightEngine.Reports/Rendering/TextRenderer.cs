using System.Text;
using InsightEngine.Reports.Document;

namespace InsightEngine.Reports.Rendering;

/// <summary>
/// A report's blocks as plain text for a terminal: headings underlined, tables with aligned columns (numbers to the
/// right), charts by title and description (a terminal shows no image; the page written beside has it). Text from an
/// export is written as it is, with control characters replaced, so no value can move the cursor or clear the screen.
/// </summary>
public static class TextRenderer
{
    /// <summary>A heading, underlined.</summary>
    public static string Heading(string text, char rule = '-')
    {
        var clean = Clean(text);
        return clean + "\n" + new string(rule, Math.Max(3, clean.Length)) + "\n";
    }

    /// <summary>One block as text lines, ending in a newline.</summary>
    public static string Block(Block block) => block switch
    {
        Paragraph p => Inlines(p.Content) + "\n",
        BulletList list => string.Concat(list.Items.Select(i => "  - " + Inlines(i) + "\n")),
        Table table => TableText(table),
        Chart chart => $"[chart] {Clean(chart.Title)}: {Clean(chart.Description)}\n",
        Cards cards => TableText(new Table(
            [new Column("figure"), new Column("value", Numeric: true), new Column("compared")],
            cards.Items.Select(c => (IReadOnlyList<IReadOnlyList<Inline>>)[Cells.Of(c.Label), Cells.Of(c.Value), Cells.Of(c.Detail)]).ToList())),
        _ => throw new NotSupportedException($"No text for {block.GetType().Name}."),
    };

    private static string TableText(Table table)
    {
        var header = table.Columns.Select(c => Clean(c.Header)).ToList();
        var rows = table.Rows.Select(r => table.Columns.Select((_, i) => i < r.Count ? Cut(Inlines(r[i])) : "").ToList()).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToList();
        var sb = new StringBuilder();
        void Line(IReadOnlyList<string> cells)
        {
            sb.Append("  ");
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = table.Columns[i].Numeric ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
                sb.Append(cell).Append(i < cells.Count - 1 ? "  " : "");
            }
            sb.Length = sb.ToString().TrimEnd(' ').Length;
            sb.Append('\n');
        }
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToList());
        foreach (var row in rows) Line(row);
        if (rows.Count == 0) sb.Append("  (no rows)\n");
        if (table.Note is { } note) sb.Append("  ").Append(Clean(note)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Widest cell a terminal table shows; the page beside has the whole text.</summary>
    public const int MaxCell = 72;

    private static string Cut(string cell) => cell.Length <= MaxCell ? cell : cell[..(MaxCell - 1)] + "…";

    private static string Inlines(IReadOnlyList<Inline> runs) => string.Concat(runs.Select(run => run switch
    {
        Text t => Clean(t.Value),
        Strong s => Clean(s.Value),
        Link l when SafeUrl.Http(l.Url) is { } href => $"{Clean(l.Value)} <{href}>",
        Link l => Clean(l.Value),
        LocalLink l => Clean(l.Value),
        Flag f => $"[{Clean(f.Value)}]",
        _ => throw new NotSupportedException($"No text for {run.GetType().Name}."),
    }));

    /// <summary>Control characters (escape sequences, carriage returns, tabs) as spaces: a value cannot drive the terminal.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(char.IsControl(c) ? ' ' : c);
        return sb.ToString();
    }
}
