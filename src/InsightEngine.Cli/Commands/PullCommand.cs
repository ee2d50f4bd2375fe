using System.CommandLine;
using System.Globalization;
using InsightEngine.Analysis;
using InsightEngine.Cli.Output;
using InsightEngine.Pull;
using InsightEngine.Settings;
using InsightEngine.Store;
using Spectre.Console;

namespace InsightEngine.Cli.Commands;

/// <summary><c>insight pull SOURCE [--since DATE] [--until DATE] [--api-url URL] [--db PATH]</c>.</summary>
public static class PullCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var source = new Argument<string>("source")
        {
            Description = $"The tool to pull from: {string.Join(", ", PullCatalog.All.Select(c => c.Source))}.",
        };
        source.AcceptOnlyFromAmong(PullCatalog.All.Select(c => c.Source).ToArray());
        var since = new Option<string?>("--since") { Description = "Pull records from this instant on (ISO 8601; a bare date is UTC midnight). Default: where the last pull got to, less an overlap; a first pull reaches 180 days back." };
        var until = new Option<string?>("--until") { Description = "Pull records up to this instant. Default: now." };
        var apiUrl = new Option<string?>("--api-url") { Description = "The API's base URL instead of the vendor's (an EU region, a self-hosted Jira or ServiceNow, a test server)." };
        var jql = new Option<string?>("--jql") { Description = "Jira: a JQL filter ANDed with the time window, e.g. \"project = OPS\"." };
        var timeout = new Option<string>("--timeout") { Description = "One request's time limit (each retry has its own), e.g. 30s, 2m. Default: 30s", DefaultValueFactory = _ => "30s" };
        var retries = new Option<int>("--retries") { Description = "Retries of a request that failed for a passing reason (429, 5xx, a timeout, a cut-off body). Default: 5", DefaultValueFactory = _ => 5 };
        var overlap = new Option<string?>("--overlap") { Description = "How far before the last pull's end an incremental pull starts again (records changed since are updated). Default: 30d for PagerDuty and Opsgenie (they filter by creation time), else 1h." };
        var format = CommonOptions.Format("table", "json");
        var config = new Option<string?>("--config") { Description = $"Settings (YAML): 'import:' status values and record types, as for insight import. Default: ./{MetricsCommand.DefaultConfig} if present, else $INSIGHT_CONFIG." };

        var command = new Command("pull",
            "Pull incidents (and alerts, log entries, postmortems, action items) from a tool's API into the database: every page lands through the importer, " +
            "one transaction per page; a second pull fetches only what changed; a pull stopped halfway resumes where it stopped.\n\n" +
            "Credentials come from the environment only, never from a flag or a file:\n" +
            string.Join("\n", PullCatalog.All.Select(c => $"  {c.Source,-15} {string.Join(", ", c.Variables)}")))
        {
            source, since, until, apiUrl, jql, timeout, retries, overlap, format, config,
        };
        command.SetAction(async (result, _) =>
        {
            var connector = PullCatalog.Get(result.GetValue(source)!);
            var url = result.GetValue(apiUrl);
            Uri? api = null;
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out api) || api.Scheme is not ("http" or "https")))
                throw new UsageException($"--api-url '{url}' is not an http(s) URL.");
            var options = new PullOptions
            {
                Since = CommonOptions.ParseInstant(result.GetValue(since), "--since"),
                Until = CommonOptions.ParseInstant(result.GetValue(until), "--until"),
                ApiUrl = api,
                Jql = result.GetValue(jql),
                Timeout = DurationText.Parse(result.GetValue(timeout)!, "timeout"),
                Retries = Math.Clamp(result.GetValue(retries), 0, 20),
                Overlap = result.GetValue(overlap) is { } o ? DurationText.Parse(o, "overlap") : null,
            };
            if (options.Since >= (options.Until ?? DateTimeOffset.MaxValue))
                throw new UsageException("--since must be before --until.");
            var settings = SettingsLoader.Load(result.GetValue(config));
            using var store = CommonOptions.OpenStore(result, context, settings, InsightStore.DefaultImportMemoryLimit);
            var cancellation = context.Cancellation;
            var puller = new Puller(store);
            PullResult pulled;
            if (context.Interactive && result.GetValue(format) == "table")
            {
                pulled = await context.Terminal.Status().StartAsync($"Pulling from {connector.Vendor} ...", async status =>
                    await puller.RunAsync(connector, options, Environment.GetEnvironmentVariables(), settings.ForImport(),
                        new Progress<PullProgress>(p => status.Status(Markup.Escape(
                            $"{connector.Vendor} {p.Stream}: {p.Pages:N0} pages, {p.Records:N0} records (up to {p.WindowEnd:yyyy-MM-dd})"))),
                        cancellation: cancellation).ConfigureAwait(false)).ConfigureAwait(false);
            }
            else
            {
                pulled = await puller.RunAsync(connector, options, Environment.GetEnvironmentVariables(), settings.ForImport(), cancellation: cancellation).ConfigureAwait(false);
            }
            Render(context, pulled, result.GetValue(format) == "json");
            return InsightCli.Ok;
        });
        return command;
    }

    private static void Render(CliContext context, PullResult pulled, bool json)
    {
        if (json)
        {
            Json.Write(context.Out, pulled);
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title($"Pull from {Markup.Escape(pulled.Account)}");
        foreach (var h in new[] { "Stream", "Format", "From", "To", "Pages", "Read", "Inserted", "Updated", "Unchanged", "Rejected" })
            table.AddColumn(new TableColumn(h) { Alignment = h is "Stream" or "Format" or "From" or "To" ? Justify.Left : Justify.Right });
        foreach (var s in pulled.Streams)
        {
            table.AddRow(s.Stream, s.Format, s.From.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                s.To.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), N(s.Pages), N(s.Read), N(s.Inserted), N(s.Updated), N(s.Unchanged),
                s.Rejected > 0 ? $"[red]{N(s.Rejected)}[/]" : "0");
        }
        context.Terminal.Write(table);
        context.Out.WriteLine($"{pulled.Requests:N0} requests. Rejected records are in import_rejects with their reasons; the next pull starts where this one ended.");
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
