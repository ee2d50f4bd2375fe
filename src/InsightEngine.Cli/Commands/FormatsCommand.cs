using System.CommandLine;
using InsightEngine.Cli.Output;
using InsightEngine.Import;
using InsightEngine.Model;
using Spectre.Console;

namespace InsightEngine.Cli.Commands;

/// <summary><c>insight formats</c>: every format the importer reads, with the columns it needs and the ones it uses.</summary>
public static class FormatsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var format = CommonOptions.Format("table", "json", "markdown");
        var command = new Command("formats", "List the export formats 'insight import' reads and the columns each needs.") { format };
        command.SetAction(result =>
        {
            var rows = FormatCatalog.All.Select(f => new
            {
                id = f.Id,
                source = f.Source,
                entity = f.Entity.Label(),
                also = f.Companions.Select(c => c.Entity.Label()).ToList(),   // a Jira search's reviews and action items
                description = f.Description,
                required = f.RequiredBindings.Select(b => string.Join(" | ", b.Columns)).ToList(),
                fields = f.Bindings.Select(b => new { field = b.Field, columns = b.Columns }).ToList(),
            }).ToList();
            if (result.GetValue(format) == "json")
            {
                Json.Write(context.Out, rows);
                return InsightCli.Ok;
            }
            if (result.GetValue(format) == "markdown")
            {
                context.Out.Write(Coverage());
                return InsightCli.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).Title("Formats 'insight import' detects from the header row");
            table.AddColumns("Format", "Lands in", "Required columns (any spelling)", "Also reads");
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape($"{r.id}\n{r.description}"), string.Join(",\n", r.also.Prepend(r.entity).Select(e => e.Replace('_', ' ') + "s")), Markup.Escape(string.Join("\n", r.required)),
                    Markup.Escape(string.Join(", ", r.fields.SelectMany(x => x.columns).Distinct().Except(r.required.SelectMany(q => q.Split(" | "))))));
            }
            context.Terminal.Write(table);
            context.Out.WriteLine("Any other CSV: insight import --mapping map.yaml FILE (a mapping names the columns; see docs/formats.md).");
            return InsightCli.Ok;
        });
        return command;
    }

    /// <summary>
    /// The field-coverage table of docs/formats.md: which canonical fields each format fills and which it cannot.
    /// Generated from the catalogue (a test keeps the document equal to it).
    /// </summary>
    public static string Coverage()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("| format | lands in | fills | cannot fill |\n|---|---|---|---|\n");
        // A format's companions (a Jira search's reviews and action items) are rows of their own, under the same id.
        foreach (var (f, label) in FormatCatalog.All.SelectMany(f => f.Companions.Select(c => (c, $"`{f.Id}` ({c.Entity.Label().Replace('_', ' ')}s)")).Prepend((f, $"`{f.Id}`"))))
        {
            var fields = CanonicalSchema.For(f.Entity).Where(x => !x.StagingOnly).Select(x => x.Name).ToList();
            var derived = f.Bindings.Select(b => b.Field).ToHashSet(StringComparer.Ordinal);
            // A duration column fills its timestamp (seconds_to_first_ack gives acknowledged_at).
            if (derived.Contains("ack_after")) derived.Add("acknowledged_at");
            if (derived.Contains("resolve_after") || derived.Contains("done_at")) derived.Add("resolved_at");
            var fills = fields.Where(derived.Contains).ToList();
            var cannot = fields.Where(x => !derived.Contains(x)).ToList();
            sb.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"| {label} | {f.Entity.Table()} | {string.Join(", ", fills)} | {(cannot.Count == 0 ? "—" : string.Join(", ", cannot))} |\n");
        }
        return sb.ToString();
    }
}
