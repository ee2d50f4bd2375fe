using InsightEngine.Store;
using InsightEngine.Settings;
using System.CommandLine;
using InsightEngine.Cli.Output;
using InsightEngine.Import;
using InsightEngine.Import.Mapping;

namespace InsightEngine.Cli.Commands;

/// <summary><c>insight import FILE... [--source FORMAT] [--timezone ZONE] [--format table|json]</c>.</summary>
public static class ImportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Export files to import: CSV or JSON, or a .zip of them, a .gz, an Excel .xlsx (first sheet). Folders are searched for these.",
            Arity = ArgumentArity.OneOrMore,
        };
        var source = new Option<string?>("--source")
        {
            Description = "The format of the files, when detection from the header is not wanted. See 'insight formats'.",
        };
        source.AcceptOnlyFromAmong(FormatCatalog.All.Select(f => f.Id).ToArray());
        var timezone = new Option<string?>("--timezone")
        {
            Description = "IANA time zone for timestamps written without an offset. Default: the mapping's, else UTC",
        };
        var mapping = new Option<string?>("--mapping")
        {
            Description = "A YAML or JSON file describing a CSV no built-in format reads (see docs/formats.md).",
        };
        var format = CommonOptions.Format("table", "json");
        var config = new Option<string?>("--config")
        {
            Description = $"Settings (YAML): 'import: statuses:' and 'import: record_types:' (your own status values and record types per source). Default: ./{MetricsCommand.DefaultConfig} if present, else $INSIGHT_CONFIG.",
        };

        var command = new Command("import", "Import export files into the database: one transaction per file, idempotent re-import.")
        {
            files, source, timezone, mapping, format, config,
        };
        command.SetAction(result =>
        {
            var mappingPath = result.GetValue(mapping);
            var options = new ImportOptions
            {
                Format = result.GetValue(source),
                TimeZone = result.GetValue(timezone),
                Mapping = mappingPath is null ? null : MappingFile.Load(mappingPath),
            };
            var settings = SettingsLoader.Load(result.GetValue(config));
            options = settings.ForImport(options);
            options.Validate();
            using var store = CommonOptions.OpenStore(result, context, settings, InsightStore.DefaultImportMemoryLimit);
            var (results, failures) = ImportRunner.Run(context, store, ImportRunner.Expand(result.GetValue(files)!), options);
            if (result.GetValue(format) == "json")
            {
                Json.Write(context.Out, new { imported = results, failed = failures.Select(f => new { file = f.File, line = f.Line, column = f.Column, error = f.Problem }) });
                foreach (var f in failures) context.Error.WriteLine($"error: {f.Message}");
            }
            else
            {
                ImportRunner.Render(context, results, failures);
            }
            return failures.Count == 0 ? InsightCli.Ok : InsightCli.Failed;
        });
        return command;
    }
}
