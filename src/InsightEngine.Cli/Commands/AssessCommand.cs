using System.CommandLine;
using System.Globalization;
using InsightEngine.Analysis;
using InsightEngine.Cli.Output;
using InsightEngine.Maturity;
using Spectre.Console;

namespace InsightEngine.Cli.Commands;

/// <summary>
/// <c>insight assess [--format table|json|markdown] [--rubric FILE] [--answers FILE] [--init-answers [FILE]]</c>: the
/// organisation on the maturity models, from its own data (docs/maturity.md).
/// </summary>
public static class AssessCommand
{
    /// <summary>Where <c>--init-answers</c> writes when given no file.</summary>
    public const string DefaultAnswersFile = "insight-answers.yaml";

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var format = CommonOptions.Format("table", "json", "markdown");
        var rubric = new Option<string?>("--rubric") { Description = "A rubric file (YAML or JSON) replacing the built-in one (docs/maturity.md)." };
        var answers = new Option<string?>("--answers") { Description = "The questionnaire's answers (YAML): what the data cannot show." };
        var initAnswers = new Option<string?>("--init-answers")
        {
            Description = $"Write a commented questionnaire template to FILE (default ./{DefaultAnswersFile}) and stop.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var from = new Option<string?>("--from") { Description = "Assess from this instant (ISO 8601). Default: the start of the data." };
        var to = new Option<string?>("--to") { Description = "Assess up to this instant (exclusive). Default: the end of the data." };
        var service = new Option<string?>("--service") { Description = "Only these services (comma-separated)." };
        var team = new Option<string?>("--team") { Description = "Only these teams (comma-separated)." };
        var asOf = new Option<string?>("--as-of") { Description = "Judge open items at this instant. Default: the latest time in the data." };
        var timezone = new Option<string?>("--timezone") { Description = "Zone for quarters, weeks and hour bands (IANA name). Default: the config's, else UTC." };
        var config = new Option<string?>("--config") { Description = $"Metric thresholds (YAML). Default: ./{MetricsCommand.DefaultConfig} if present, else $INSIGHT_CONFIG." };

        var command = new Command("assess", "Place the organisation on the incident-maturity models from the evidence in its data, with confidence and next steps.")
        {
            format, rubric, answers, initAnswers, from, to, service, team, asOf, timezone, config,
        };
        command.SetAction(result =>
        {
            if (result.GetResult(initAnswers) is not null)
            {
                var path = result.GetValue(initAnswers) ?? DefaultAnswersFile;
                if (File.Exists(path)) throw new IOException($"{path} exists already; not overwriting it (pass another file name to --init-answers).");
                File.WriteAllText(path, Answers.Template());
                context.Out.WriteLine($"wrote {path}: answer what you can, then run: insight assess --answers {path}");
                return InsightCli.Ok;
            }

            var settings = InsightEngine.Settings.SettingsLoader.Load(result.GetValue(config));
            var options = settings.Metrics;
            if (result.GetValue(timezone) is { } tz) options = options.With("timezone", tz);
            var request = new MetricRequest
            {
                Period = new Period(CommonOptions.ParseInstant(result.GetValue(from), "--from"), CommonOptions.ParseInstant(result.GetValue(to), "--to")),
                Service = Blank(result.GetValue(service)),
                Team = Blank(result.GetValue(team)),
                AsOf = CommonOptions.ParseInstant(result.GetValue(asOf), "--as-of"),
                Options = options,
            };
            var theRubric = result.GetValue(rubric) is { } r ? Rubric.Load(r) : Rubric.Default();
            var theAnswers = result.GetValue(answers) is { } a ? Answers.Load(a) : null;
            using var store = CommonOptions.OpenStore(result, context, settings);
            var assessment = Assessor.Assess(store, request, theRubric, theAnswers);
            switch (result.GetValue(format))
            {
                case "json": Json.Write(context.Out, assessment); break;
                case "markdown": context.Out.Write(AssessmentMarkdown.Render(assessment)); break;
                default: Table(context, assessment); break;
            }
            return InsightCli.Ok;
        });
        return command;
    }

    private static void Table(CliContext context, Assessment a)
    {
        static string Pct(double c) => string.Create(CultureInfo.InvariantCulture, $"{c * 100:0}%");
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Maturity assessment, {a.From:yyyy-MM-dd} to {a.To:yyyy-MM-dd}: {a.Incidents} incidents. Questionnaire: {(a.Answers ?? "none")}."));
        var stages = new Table().Border(TableBorder.Rounded).Title("Where you stand");
        foreach (var h in new[] { "Model", "Stage", "Level", "Confidence", "Next stage" }) stages.AddColumn(h);
        foreach (var m in a.Models)
            stages.AddRow(Markup.Escape(m.Name), $"[bold]{Markup.Escape(m.StageName)}[/]", $"{m.Level} of {m.Levels}", $"{m.ConfidenceLabel} ({Pct(m.Confidence)})",
                Markup.Escape(m.NextStage ?? "(top)"));
        stages.AddRow("Overall (7-level scale)", $"[bold]{Markup.Escape(a.Overall.Band ?? "not enough data")}[/]",
            a.Overall.Score is { } o ? o.ToString("0", CultureInfo.InvariantCulture) + " / 100" : "n/a",
            $"{Assessor.ConfidenceLabel(a.Overall.Confidence)} ({Pct(a.Overall.Confidence)})", "");
        context.Terminal.Write(stages);

        var phases = new Table().Border(TableBorder.Rounded).Title("Lifecycle phases (0-100)");
        foreach (var h in new[] { "Phase", "Score", "Confidence", "Lowest evidence" }) phases.AddColumn(h);
        foreach (var p in a.Phases)
        {
            var low = p.Signals.Where(s => s.Score is not null).OrderBy(s => s.Score).FirstOrDefault();
            phases.AddRow(Markup.Escape(p.Name) + (p.Phase == a.WeakestPhase ? " [yellow](weakest)[/]" : ""),
                p.Score is { } s ? s.ToString("0", CultureInfo.InvariantCulture) : "n/a", Pct(p.Confidence),
                low is null ? "no evidence" : Markup.Escape($"{low.Label}: {low.ValueText}"));
        }
        context.Terminal.Write(phases);

        if (a.Quarters.Count > 1)
        {
            var quarters = new Table().Border(TableBorder.Rounded).Title("Quarter by quarter");
            quarters.AddColumn("Quarter");
            quarters.AddColumn("Incidents");
            foreach (var m in a.Models) quarters.AddColumn(Markup.Escape(m.Name));
            quarters.AddColumn("Overall");
            foreach (var q in a.Quarters)
                quarters.AddRow([q.Quarter, q.Incidents.ToString(CultureInfo.InvariantCulture),
                    .. a.Models.Select(m => Markup.Escape(q.Stages.GetValueOrDefault(m.Model) ?? "")),
                    q.Overall is { } qo ? $"{qo:0} {Markup.Escape(q.Band ?? "")}" : "n/a"]);
            context.Terminal.Write(quarters);
        }

        context.Out.WriteLine("Next steps:");
        foreach (var step in a.Models.SelectMany(m => m.NextSteps).Concat(a.NextSteps).Distinct(StringComparer.Ordinal)) context.Out.WriteLine($"  - {step}");
        context.Out.WriteLine("Evidence per requirement: insight assess --format markdown (or json).");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
