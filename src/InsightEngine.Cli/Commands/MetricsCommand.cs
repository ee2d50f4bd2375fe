using System.CommandLine;
using InsightEngine.Analysis;
using InsightEngine.Cli.Output;
using InsightEngine.Settings;

namespace InsightEngine.Cli.Commands;

/// <summary>
/// <c>insight metrics NAME [--by ...] [--from/--to] [--service/--team/--severity] [--format table|json|csv]</c>, one
/// subcommand per metric of <see cref="MetricCatalog"/>, and <c>insight metrics all</c>. Thresholds come from the
/// defaults, then a config file, then the command line.
/// </summary>
public static class MetricsCommand
{
    /// <summary>The config file read when <c>--config</c> is not given and it exists in the current folder.</summary>
    public const string DefaultConfig = SettingsLoader.DefaultFile;

    /// <summary>Creates the command group.</summary>
    public static Command Create(CliContext context)
    {
        var metrics = new Command("metrics", "Compute a metric over the imported incidents and alerts. Definitions: docs/metrics.md.");
        foreach (var definition in MetricCatalog.All) metrics.Add(Metric(context, definition));
        metrics.Add(All(context));
        return metrics;
    }

    private static Command Metric(CliContext context, MetricDefinition definition)
    {
        var shared = new MetricScopeOptions();
        var format = CommonOptions.Format("table", "json", "csv");
        var groups = definition.Groupings.Count > 0 ? $" Groups by: {string.Join(", ", definition.Groupings)} (default {definition.DefaultBy})." : "";
        var command = new Command(definition.Name, definition.Summary + "." + groups) { format };
        shared.AddTo(command, definition.Groupings.Count > 0);
        if (definition.Groupings.Count > 0) shared.By.AcceptOnlyFromAmong([.. definition.Groupings]);
        if (definition.Name == "deltas") command.Add(shared.Week);
        command.SetAction(result =>
        {
            var (settings, request) = shared.Request(result);
            using var store = CommonOptions.OpenStore(result, context, settings);
            using var session = new AnalysisSession(store, settings);
            MetricRenderer.Write(context, definition.Compute(session, request), result.GetValue(format)!);
            return InsightCli.Ok;
        });
        return command;
    }

    private static Command All(CliContext context)
    {
        var shared = new MetricScopeOptions();
        var format = CommonOptions.Format("json", "table");
        var command = new Command("all", "Every metric at once (each with --by where it accepts it, else its default).") { format, shared.Week };
        shared.AddTo(command, grouped: true);
        shared.By.AcceptOnlyFromAmong([.. MetricRequest.Groupings]);
        command.SetAction(result =>
        {
            var (settings, request) = shared.Request(result);
            using var store = CommonOptions.OpenStore(result, context, settings);
            using var session = new AnalysisSession(store, settings);
            var reports = MetricCatalog.ComputeAll(session, request);
            if (result.GetValue(format) == "json")
            {
                Json.Write(context.Out, reports.ToDictionary(r => r.Key, r => (object)r.Value)); // each by its own type
                return InsightCli.Ok;
            }
            foreach (var report in reports.Values)
            {
                MetricRenderer.Write(context, report, "table");
                context.Out.WriteLine();
            }
            return InsightCli.Ok;
        });
        return command;
    }
}
