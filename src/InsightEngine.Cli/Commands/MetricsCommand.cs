using System.CommandLine;
using InsightEngine.Analysis;
using InsightEngine.Cli.Output;

namespace InsightEngine.Cli.Commands;

/// <summary><c>insight metrics response --by severity [--from DATE] [--to DATE] [--format table|json|csv]</c>.</summary>
public static class MetricsCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliContext context)
    {
        var metrics = new Command("metrics", "Compute a metric over the imported incidents and alerts.");
        metrics.Add(Response(context));
        return metrics;
    }

    private static Command Response(CliContext context)
    {
        var by = new Option<string>("--by")
        {
            Description = "Group by: severity. Default: severity",
            DefaultValueFactory = _ => "severity",
        };
        by.AcceptOnlyFromAmong("severity");
        var from = new Option<string?>("--from") { Description = "Only incidents created at or after this instant (ISO 8601; a bare date is UTC midnight)." };
        var to = new Option<string?>("--to") { Description = "Only incidents created before this instant (exclusive)." };
        var format = CommonOptions.Format("table", "json", "csv");

        var command = new Command("response", "MTTA and MTTR (median, p90, mean, n, open count) by severity. Definitions: docs/metrics.md.")
        {
            by, from, to, format,
        };
        command.SetAction(result =>
        {
            var period = new Period(CommonOptions.ParseInstant(result.GetValue(from), "--from"), CommonOptions.ParseInstant(result.GetValue(to), "--to"));
            period.Validate();
            using var store = CommonOptions.OpenStore(result);
            ResponseRenderer.Write(context, ResponseTimes.BySeverity(store, period), result.GetValue(format)!);
            return InsightCli.Ok;
        });
        return command;
    }
}
