using System.CommandLine;
using InsightEngine.Cli.Output;
using InsightEngine.Maturity;
using InsightEngine.Reports;
using InsightEngine.Reports.Document;

namespace InsightEngine.Cli.Commands;

/// <summary>
/// <c>insight report weekly|maturity|noise [--format html|md|json] [--out DIR]</c>: the reports people read. HTML is
/// one self-contained file; Markdown comes with its charts as PNG files beside it; JSON is the report's figures
/// (to standard output unless --out is given).
/// </summary>
public static class ReportCommand
{
    /// <summary>Where reports are written when no --out is given.</summary>
    public const string DefaultFolder = "reports";

    /// <summary>Creates <c>insight report</c> and its three reports.</summary>
    public static Command Create(CliContext context)
    {
        var report = new Command("report", "Write a report: the weekly operational review, the maturity assessment, or the noisy-alert report.");
        report.Add(Weekly(context));
        report.Add(MaturityReport(context));
        report.Add(Noise(context));
        return report;
    }

    private sealed class Common
    {
        public Option<string> Format { get; } = CommonOptions.Format("html", "md", "json");
        public Option<string?> Out { get; } = new("--out") { Description = $"Folder to write the report to (created if missing). Default: ./{DefaultFolder} (json: standard output)." };
        public Option<int> Top { get; } = new("--top") { Description = "Rules and problems a list keeps. Default: 10", DefaultValueFactory = _ => 10 };
        public MetricScopeOptions Scope { get; } = new();

        public void AddTo(Command command, bool period)
        {
            command.Add(Format);
            command.Add(Out);
            command.Add(Top);
            Scope.AddTo(command, grouped: false, period: period, top: false);
        }

        /// <summary>The settings and the scope, with the report's --top as the list length.</summary>
        public (InsightEngine.Settings.InsightSettings Settings, Analysis.MetricRequest Request) Request(ParseResult result)
        {
            var (settings, request) = Scope.Request(result);
            return (settings, request with { Limit = Positive(result.GetValue(Top)) });
        }

        /// <summary>Builds report <paramref name="kind"/> (<see cref="ReportCatalog"/>, as the API does) and writes it.</summary>
        public int Build(CliContext context, ParseResult result, string kind, ReportOptions options, InsightEngine.Settings.InsightSettings settings,
            Rubric? rubric = null, Answers? answers = null)
        {
            // A report that trains models opens the store as the learning commands do (InsightStore.DefaultLearningMemoryLimit).
            using var store = CommonOptions.OpenStore(result, context, settings, options.Learning && kind == "weekly" ? InsightEngine.Store.InsightStore.DefaultLearningMemoryLimit : null);
            using var session = new Analysis.AnalysisSession(store, settings);
            var built = ReportCatalog.Build(kind, session, options with { Cancellation = context.Cancellation }, rubric, answers);
            return Emit(context, result, built.Figures, built.Document);
        }

        public int Emit(CliContext context, ParseResult result, object figures, Func<ReportDocument> document)
        {
            var format = result.GetValue(Format)!;
            var folder = result.GetValue(Out);
            if (format == "json")
            {
                if (folder is null)
                {
                    Json.Write(context.Out, figures);
                    return InsightCli.Ok;
                }
                var doc = document();
                using var text = new StringWriter();
                Json.Write(text, figures);
                Directory.CreateDirectory(folder);
                var jsonPath = Path.Combine(folder, doc.FileStem + ".json");
                ReportFiles.WriteWhole(jsonPath, System.Text.Encoding.UTF8.GetBytes(text.ToString()));
                context.Out.WriteLine($"wrote {jsonPath}");
                return InsightCli.Ok;
            }
            var path = ReportFiles.Write(document(), format, folder ?? DefaultFolder);
            context.Out.WriteLine($"wrote {path}");
            return InsightCli.Ok;
        }
    }

    private static Command Weekly(CliContext context)
    {
        var common = new Common();
        var noLearning = new Option<bool>("--no-learning") { Description = "Leave out anomalies and the forecast (they train on the whole store: a few seconds)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the learning layer. Default: 42", DefaultValueFactory = _ => 42 };
        var command = new Command("weekly", "The weekly operational review: headline figures against last week and the trailing 12 weeks, incidents, MTTA/MTTR, noisy alerts, recurring problems, on-call load, follow-through, anomalies and forecast.")
        {
            common.Scope.Week, noLearning, seed,
        };
        common.Scope.Week.Description = "The ISO week to review, e.g. 2026-W46. Default: the last complete week.";
        common.AddTo(command, period: false);
        command.SetAction(result =>
        {
            var (settings, request) = common.Request(result);
            var options = new ReportOptions
            {
                Request = request, Learning = !result.GetValue(noLearning), Seed = result.GetValue(seed), Top = Positive(result.GetValue(common.Top)),
            };
            return common.Build(context, result, "weekly", options, settings);
        });
        return command;
    }

    private static Command Noise(CliContext context)
    {
        var common = new Common();
        var command = new Command("noise", $"The noisy-alert report: rules ranked by noise with their volume over time, noise kinds, out-of-hours share, the action to take and the pages it would save. Default period: the last {NoiseReports.DefaultWeeks} complete weeks.")
        {
            common.Scope.Week,
        };
        common.Scope.Week.Description = $"End the default {NoiseReports.DefaultWeeks}-week period with this ISO week (e.g. 2026-W46) instead of the last complete one.";
        common.AddTo(command, period: true);
        command.SetAction(result =>
        {
            var (settings, request) = common.Request(result);
            var options = new ReportOptions { Request = request, Learning = false, Top = Positive(result.GetValue(common.Top)) };
            return common.Build(context, result, "noise", options, settings);
        });
        return command;
    }

    private static Command MaturityReport(CliContext context)
    {
        var common = new Common();
        var rubric = new Option<string?>("--rubric") { Description = "A rubric file (YAML or JSON) replacing the built-in one (docs/maturity.md)." };
        var answers = new Option<string?>("--answers") { Description = "The questionnaire's answers (YAML): what the data cannot show." };
        var command = new Command("maturity", "The maturity assessment as a report: stage per model, phase scores, evidence, confidence, next steps and the quarterly trend.")
        {
            rubric, answers,
        };
        common.AddTo(command, period: true);
        command.SetAction(result =>
        {
            var (settings, request) = common.Request(result);
            var theRubric = result.GetValue(rubric) is { } r ? Rubric.Load(r) : Rubric.Default();
            var theAnswers = result.GetValue(answers) is { } a ? Answers.Load(a) : null;
            return common.Build(context, result, "maturity", new ReportOptions { Request = request, Learning = false }, settings, theRubric, theAnswers);
        });
        return command;
    }

    private static int Positive(int top) => top >= 1 ? top : throw new InsightEngine.Settings.InvalidSettingException("top", $"{top} must be at least 1.");
}
