using System.Diagnostics;
using System.Globalization;
using InsightEngine.Learning;
using InsightEngine.Store;

namespace InsightEngine.Benchmarks;

/// <summary>
/// <c>--learning</c>: trains the three models (anomalies, recurrence, forecast) the way the CLI does, on the generated
/// organisation at --scale N, and prints each one's time and evaluation. Target (issue 7): all three under 60 s at
/// --scale 100 on the 2-core machine.
/// </summary>
public static class LearningBench
{
    /// <summary>Runs the benchmark and prints a Markdown table.</summary>
    public static void Run(BenchOptions options)
    {
        var (db, truth) = MixedWorkload.Prepare(options);
        var learning = new LearningOptions
        {
            TimeZone = truth.Generator.TimeZone,
            KnownAbnormalTitles = truth.AbnormalIncidents?.Select(a => a.Title).ToHashSet(),
        };
        var runs = new List<(double Anomalies, double Recurrence, double Forecast)>();
        string anomalies = "", recurrence = "", forecast = "";
        for (var run = 0; run < options.Repeat; run++)
        {
            using var store = InsightStore.Open(db);
            var sw = Stopwatch.StartNew();
            var (weeks, incidents) = Learner.Anomalies(store, learning);
            var a = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var r = Learner.Recurrences(store, learning);
            var rc = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var f = Learner.Forecast(store, learning);
            runs.Add((a, rc, sw.Elapsed.TotalSeconds));
            anomalies = Inv($"{weeks.Flags.Count} of {weeks.WeeksScanned:N0} weeks flagged; {incidents.Flags.Count} of {incidents.Scored:N0} incidents, planted found {incidents.Evaluation?.ModelFound}/{incidents.Evaluation?.Known}");
            recurrence = r.Evaluation is { } e ? Inv($"AUC {e.ModelAuc:0.000} vs heuristic {e.HeuristicAuc:0.000} on {e.TestCount:N0} held-out incidents") : r.Note ?? "";
            forecast = Inv($"MASE model {f.Backtest[0].Mase:0.000}, {f.Backtest[1].Method} {f.Backtest[1].Mase:0.000}, moving average {f.Backtest[2].Mase:0.000}");
        }
        double Median(Func<(double, double, double), double> pick) => runs.Select(pick).Order().ElementAt(runs.Count / 2);
        Console.WriteLine();
        Console.WriteLine("| model | median s | result |");
        Console.WriteLine("|---|---:|---|");
        Console.WriteLine(Inv($"| anomalies (weekly scan + incident PCA) | {Median(x => x.Item1):0.00} | {anomalies} |"));
        Console.WriteLine(Inv($"| recurrence (FastTree, held-out + final fit) | {Median(x => x.Item2):0.00} | {recurrence} |"));
        Console.WriteLine(Inv($"| forecast (SDCA, rolling-origin backtest + final fit) | {Median(x => x.Item3):0.00} | {forecast} |"));
        Console.WriteLine(Inv($"| **all three** | **{Median(x => x.Item1 + x.Item2 + x.Item3):0.00}** | target: under 60 s |"));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
