using System.CommandLine;
using InsightEngine.Service.Hosting;
using Microsoft.Extensions.Hosting;

namespace InsightEngine.Cli.Commands;

/// <summary>
/// <c>insight serve</c>: runs the service (InsightEngine.Service) on the database named by --db: the HTTP API and
/// dashboard, the inbox, the scheduled weekly review. Settings not given here come from the service's appsettings.json
/// and the environment (<c>Insight__ApiKey</c> ...).
/// </summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on. Default: http://127.0.0.1:5080 (loopback only; anything else needs an API key)." };
        var inbox = new Option<string?>("--inbox") { Description = "Folder whose new exports are imported. Default: ./inbox" };
        var reports = new Option<string?>("--reports") { Description = "Folder the scheduled weekly reviews are written to. Default: ./reports" };
        var apiKey = new Option<string?>("--api-key") { Description = "The API key writes need (prefer the environment variable Insight__ApiKey: a command line is visible to other users)." };
        var config = new Option<string?>("--config") { Description = "Settings file (thresholds, zone, status values), loaded once at start. Default: ./insight.yaml if present, else $INSIGHT_CONFIG (docs/configuration.md)." };
        var allowedHosts = new Option<string?>("--allowed-hosts") { Description = "Host names the service answers (';'-separated). Default: the loopback names; required beyond loopback (DNS rebinding)." };
        var command = new Command("serve", "Run the service: HTTP API and dashboard, inbox import, weekly review on schedule. Stop with Ctrl+C (an import in progress completes or rolls back).")
        {
            urls, inbox, reports, apiKey, config, allowedHosts,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var args = new List<string> { $"--Insight:Database={result.GetValue(CommonOptions.Db)}" };
            if (result.GetValue(urls) is { } u) args.Add($"--Insight:Urls={u}");
            if (result.GetValue(inbox) is { } i) args.Add($"--Insight:Inbox={i}");
            if (result.GetValue(reports) is { } r) args.Add($"--Insight:Reports={r}");
            if (result.GetValue(apiKey) is { } k) args.Add($"--Insight:ApiKey={k}");
            if (result.GetValue(config) is { } c) args.Add($"--Insight:Config={c}");
            if (result.GetValue(allowedHosts) is { } h) args.Add($"--Insight:AllowedHosts={h}");
            var app = ServiceApp.Build([.. args]);
            await using (app.ConfigureAwait(false))
            {
                var code = await ServiceApp.RunAsync(app,
                    a => context.Out.WriteLine($"InsightEngine service on {string.Join(", ", a.Urls)} (database {result.GetValue(CommonOptions.Db)}); Ctrl+C stops it."),
                    cancellationToken).ConfigureAwait(false);
                if (code != 0) context.Error.WriteLine("error: a worker of the service failed and stopped it; the log above says which and why.");
                return code == 0 ? InsightCli.Ok : InsightCli.Failed;
            }
        });
        return command;
    }
}
