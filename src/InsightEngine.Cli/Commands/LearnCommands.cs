using System.CommandLine;
using System.Globalization;
using InsightEngine.Cli.Output;
using InsightEngine.Learning;
using Spectre.Console;

namespace InsightEngine.Cli.Commands;

/// <summary>
/// The learning layer (docs/models.md): <c>insight anomalies</c>, <c>insight recurrences</c>, <c>insight forecast</c>.
/// Each trains its model from the store on demand (deterministic for <c>--seed</c>), saves it with its metadata under
/// <c>--models</c>, and prints its evaluation against the naive baseline next to its results.
/// </summary>
public static class LearnCommands
{
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of every trainer: the same data and seed give the same output. Default: 42", DefaultValueFactory = _ => 42 };
    private static readonly Option<string?> TimeZone = new("--timezone") { Description = "Zone for weeks, hours of day and weekdays (IANA name). Default: the settings' timezone (insight.yaml), else UTC" };
    private static readonly Option<string?> Models = new("--models") { Description = "Folder the trained models and their metadata are saved to. Default: DB.models beside the database" };
    private static readonly Option<bool> NoSave = new("--no-save") { Description = "Train afresh and save nothing: no saved result is reused, no model written." };
    private static readonly Option<string?> Config = new("--config") { Description = "Settings file (reporting zone, recurrence_window). Default: ./insight.yaml if present, else $INSIGHT_CONFIG (docs/configuration.md)." };
    private static readonly Option<int> Top = new("--top") { Description = "Rows to show in the table. Default: 20", DefaultValueFactory = _ => 20 };

    /// <summary>The three commands.</summary>
    public static IEnumerable<Command> Create(CliContext context) => [Anomalies(context), Recurrences(context), Forecast(context)];

    private static Command Anomalies(CliContext context)
    {
        var format = CommonOptions.Format("table", "json");
        var kind = new Option<string>("--kind") { Description = "weeks, incidents or all. Default: all", DefaultValueFactory = _ => "all" };
        kind.AcceptOnlyFromAmong("all", "weeks", "incidents");
        var command = new Command("anomalies", "Weeks whose incident or alert counts are abnormal for a service, team or severity, and single incidents abnormal for their kind, each with why.")
        {
            format, kind, Seed, TimeZone, Models, NoSave, Config, Top,
        };
        command.SetAction(result =>
        {
            var (settings, options) = Options(result, context);
            using var store = CommonOptions.OpenStore(result, context, settings, InsightEngine.Store.InsightStore.DefaultLearningMemoryLimit);
            var (weeks, incidents) = Learner.Anomalies(store, options);
            var which = result.GetValue(kind)!;
            if (result.GetValue(format) == "json")
            {
                Json.Write(context.Out, new { weeks = which is "all" or "weeks" ? weeks : null, incidents = which is "all" or "incidents" ? incidents : null });
                return InsightCli.Ok;
            }
            var top = result.GetValue(Top);
            if (which is "all" or "weeks")
            {
                context.Out.WriteLine(Inv($"Abnormal weeks: {weeks.Flags.Count} of {weeks.WeeksScanned:N0} weeks in {weeks.SeriesScanned:N0} series ({weeks.Threshold} spreads from a robust trend line through each series' other weeks)."));
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var h in new[] { "Week", "Series", "Observed", "Expected", "Normal range", "Spreads" }) table.AddColumn(h);
                foreach (var f in weeks.Flags.Take(top))
                    table.AddRow(Inv($"{f.Week:yyyy-MM-dd}"), Markup.Escape(f.Dimension == "all" ? $"all {f.Measure}" : $"{f.Measure}: {f.Dimension} {f.Key}"),
                        Inv($"{f.Observed}"), Inv($"{f.Expected:0.#}"), Inv($"{f.Low:0.#}–{f.High:0.#}"), Inv($"{f.Score:+0.#;-0.#}"));
                if (weeks.Flags.Count > 0) context.Terminal.Write(table);
            }
            if (which is "all" or "incidents")
            {
                context.Out.WriteLine(Inv($"Abnormal incidents: {incidents.Flags.Count} of {incidents.Scored:N0} (PCA anomaly score above {incidents.ScoreThreshold:0.#})."));
                if (incidents.Evaluation is { } e)
                {
                    context.Out.WriteLine(Inv($"  Evaluation: {e.Flagged} flagged of {e.Scored:N0} ({e.FlagRate:P1}; at most {IncidentAnomalies.MaxFlagRate:P0}). A flag means: {e.Meaning}."));
                    context.Out.WriteLine(e.Known is { } known
                        ? Inv($"  Known abnormal incidents found: model {e.ModelFound} of {known} (+{e.ModelFlaggedOthers} others); baseline \"any feature 4 spreads out\" {e.BaselineFound} of {known} (+{e.BaselineFlaggedOthers} others).")
                        : "  No incident here is known to be abnormal, so recall cannot be measured on this data; on the generated organisation the planted ones are found (docs/models.md).");
                }
                else
                {
                    context.Out.WriteLine(Inv($"  Not evaluated: {incidents.Scored} incidents, at least 30 are needed to learn what is usual."));
                }
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var h in new[] { "Incident", "Severity", "Service", "Opened", "Score", "Why" }) table.AddColumn(h);
                foreach (var f in incidents.Flags.Take(top))
                    table.AddRow(Markup.Escape($"{f.ExternalId} {f.Title}"), f.Severity, Markup.Escape(f.Service ?? ""), Inv($"{f.CreatedAt:yyyy-MM-dd HH:mm}"),
                        Inv($"{f.Score:0.#}"), Markup.Escape(f.Why));
                if (incidents.Flags.Count > 0) context.Terminal.Write(table);
            }
            return InsightCli.Ok;
        });
        return command;
    }

    private static Command Recurrences(CliContext context)
    {
        var format = CommonOptions.Format("table", "json");
        var window = new Option<int>("--window") { Description = "A problem recurs when it opens again within this many days of being resolved. Default: the settings' recurrence_window, else 30", DefaultValueFactory = _ => 30 };
        var recent = new Option<int>("--recent") { Description = "Predict for incidents opened in the last this many days of the data. Default: 30", DefaultValueFactory = _ => 30 };
        var command = new Command("recurrences", "For recent incidents: the probability the same problem returns within the window, and the most similar past incidents.")
        {
            format, window, recent, Seed, TimeZone, Models, NoSave, Config, Top,
        };
        command.SetAction(result =>
        {
            if (result.GetValue(window) is < 1 or > 365) throw new ArgumentException($"--window must be 1 to 365 days, not {result.GetValue(window)}.");
            if (result.GetValue(recent) is < 1 or > 365) throw new ArgumentException($"--recent must be 1 to 365 days, not {result.GetValue(recent)}.");
            var (settings, options) = Options(result, context);
            options = options with { RecentDays = result.GetValue(recent) };
            if (result.GetResult(window) is { Implicit: false }) options = options with { RecurrenceWindow = TimeSpan.FromDays(result.GetValue(window)) };
            using var store = CommonOptions.OpenStore(result, context, settings, InsightEngine.Store.InsightStore.DefaultLearningMemoryLimit);
            var r = Learner.Recurrences(store, options);
            if (result.GetValue(format) == "json")
            {
                Json.Write(context.Out, r);
                return InsightCli.Ok;
            }
            if (r.Note is { } note)
            {
                context.Out.WriteLine($"No recurrence model: {note}.");
                return InsightCli.Ok;
            }
            if (r.Evaluation is { } e)
                context.Out.WriteLine(Inv($"Held-out evaluation ({e.TestFrom:yyyy-MM-dd} to {e.TestTo:yyyy-MM-dd}, {e.TestCount} incidents, {e.TestPositives} recurred): {e.Verdict}."));
            else
                context.Out.WriteLine("Held-out evaluation: too few settled incidents in the later period to evaluate; treat the probabilities with care.");
            var table = new Table().Border(TableBorder.Rounded).Title(Inv($"Chance the problem returns within {r.WindowDays} days"));
            foreach (var h in new[] { "Incident", "Severity", "Service", "Opened", "Probability", "Recurred before", "Most similar past incidents" }) table.AddColumn(h);
            foreach (var p in r.Predictions.Take(result.GetValue(Top)))
                table.AddRow(Markup.Escape($"{p.ExternalId} {p.Title}"), p.Severity, Markup.Escape(p.Service ?? ""), Inv($"{p.CreatedAt:yyyy-MM-dd}"),
                    Inv($"{p.Probability:P0}"), p.RecurredBefore ? "yes" : "no",
                    Markup.Escape(string.Join("\n", p.Similar.Select(s => Inv($"{s.ExternalId} ({s.CreatedAt:yyyy-MM-dd}, {s.Similarity:0.##}) {s.Title}")))));
            context.Terminal.Write(table);
            return InsightCli.Ok;
        });
        return command;
    }

    private static Command Forecast(CliContext context)
    {
        var format = CommonOptions.Format("table", "json");
        var horizon = new Option<int>("--horizon") { Description = $"Weeks to forecast, {LearningOptions.MinHorizon} to {LearningOptions.MaxHorizon}. Default: 8", DefaultValueFactory = _ => 8 };
        var measure = new Option<string>("--measure") { Description = "incidents, alerts or all. Default: all", DefaultValueFactory = _ => "all" };
        measure.AcceptOnlyFromAmong("all", "incidents", "alerts");
        var command = new Command("forecast", "Weekly incident counts per severity and alert counts per service for the coming weeks, with 80% intervals and the backtest against the baselines.")
        {
            format, horizon, measure, Seed, TimeZone, Models, NoSave, Config,
        };
        command.SetAction(result =>
        {
            var (settings, options) = Options(result, context);
            options = options with { Horizon = result.GetValue(horizon) };
            options.Validate();
            using var store = CommonOptions.OpenStore(result, context, settings, InsightEngine.Store.InsightStore.DefaultLearningMemoryLimit);
            var f = Learner.Forecast(store, options);
            var which = result.GetValue(measure)!;
            var series = f.Series.Where(s => which == "all" || s.Measure == which).ToList();
            if (result.GetValue(format) == "json")
            {
                Json.Write(context.Out, f with { Series = series });
                return InsightCli.Ok;
            }
            if (f.Series.Count == 0)
            {
                context.Out.WriteLine($"No forecast: {f.Verdict}.");
                return InsightCli.Ok;
            }
            context.Out.WriteLine(Inv($"Backtest (rolling origin, {f.Origins} origins, 1–{f.Horizon} weeks ahead): {f.Verdict}."));
            var backtest = new Table().Border(TableBorder.Rounded);
            foreach (var h in new[] { "Method", "MASE", "sMAPE %", "Forecasts" }) backtest.AddColumn(h);
            foreach (var b in f.Backtest) backtest.AddRow(Markup.Escape(b.Method), Inv($"{b.Mase:0.000}"), Inv($"{b.Smape:0.0}"), Inv($"{b.Forecasts:N0}"));
            context.Terminal.Write(backtest);
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(
                f.ShownMethod == "model" ? "Forecast (80% interval)" : $"Forecast by {f.ShownMethod}, which the model does not beat (80% interval)"));
            table.AddColumn("Series");
            table.AddColumn("Last 4 weeks");
            table.AddColumn("Interval coverage (backtest)");
            foreach (var p in series.FirstOrDefault()?.Points ?? []) table.AddColumn(Inv($"{p.Week:MM-dd}"));
            foreach (var s in series)
                table.AddRow([Markup.Escape(s.Dimension == "all" ? $"all {s.Measure}" : $"{s.Measure}: {s.Key}"),
                    string.Join(" ", s.History.TakeLast(4).Select(h => h.Count.ToString(CultureInfo.InvariantCulture))),
                    s.Coverage is { } c ? Inv($"{c:P0} of {s.CoverageWeeks}") : Inv($"too few weeks ({s.CoverageWeeks})"),
                    .. s.Points.Select(p => Inv($"{p.Forecast:0.#} ({p.Low:0}–{p.High:0})"))]);
            context.Terminal.Write(table);
            return InsightCli.Ok;
        });
        return command;
    }

    /// <summary>
    /// The learning options: the settings' zone and recurrence window (so the models read the weeks and problems the
    /// metrics count), then --timezone, the seed and the model folder; Ctrl-C stops training.
    /// </summary>
    private static (InsightEngine.Settings.InsightSettings Settings, LearningOptions Options) Options(ParseResult result, CliContext context)
    {
        var settings = InsightEngine.Settings.SettingsLoader.Load(result.GetValue(Config));
        var metrics = settings.Metrics;
        if (result.GetValue(TimeZone) is { } zone) metrics = metrics.With("timezone", zone);
        var db = result.GetValue(CommonOptions.Db)!;
        var folder = result.GetValue(NoSave) ? null : result.GetValue(Models) ?? LearningOptions.DefaultModelFolder(db);
        return (settings, LearningOptions.From(metrics) with { Seed = result.GetValue(Seed), ModelFolder = folder, Cancellation = context.Cancellation });
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
