using System.Text.Json.Nodes;

namespace InsightEngine.Tests.Notebooks;

/// <summary>
/// A Python with pandas and a Jupyter kernel (Debian's python3-pandas, python3-nbclient, python3-ipykernel; ./test.sh
/// installs them): $INSIGHT_TEST_PYTHON, else /usr/bin/python3, else python3 on the PATH. Probed once.
/// </summary>
internal static class Jupyter
{
    private static readonly Lazy<string?> Found = new(() =>
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("INSIGHT_TEST_PYTHON"), "/usr/bin/python3", "python3" })
        {
            if (string.IsNullOrEmpty(candidate)) continue;
            try
            {
                var probe = ChildProcess.RunAsync(candidate, ["-c", "import pandas, nbclient, nbformat, ipykernel"], Path.GetTempPath(), timeout: TimeSpan.FromMinutes(2))
                    .GetAwaiter().GetResult();
                if (probe.Code == 0) return candidate;
            }
            catch (TimeoutException)
            {
                // not this one
            }
        }
        return null;
    });

    /// <summary>The Python to run notebooks with, or null.</summary>
    public static string? Python => Found.Value;

    /// <summary>The skip reason: slow tests off, or no pandas and Jupyter here.</summary>
    public static string? SkipReason => SlowTests.SkipReason ?? (Python is null
        ? "needs Python with pandas and a Jupyter kernel (Debian: apt-get install python3-pandas python3-nbclient python3-ipykernel; ./test.sh installs them)"
        : null);

    /// <summary>Executes <paramref name="notebook"/> cell by cell in a python3 kernel; the exit code and what it printed (a failing cell's error).</summary>
    public static Task<(int Code, string Output)> Execute(string notebook, IReadOnlyDictionary<string, string> environment) =>
        ChildProcess.RunAsync(Python!, ["-c", """
            import sys, nbformat, nbclient
            from nbclient.exceptions import CellExecutionError
            nb = nbformat.read(sys.argv[1], as_version=4)
            try:
                nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                        resources={"metadata": {"path": sys.argv[2]}}).execute()
            except CellExecutionError as e:
                print(e)
                print(f"{getattr(e, 'ename', '')}: {getattr(e, 'evalue', '')}")
                sys.exit(1)
            print("executed", len(nb.cells), "cells")
            """, notebook, Path.GetDirectoryName(notebook)!], Path.GetDirectoryName(notebook)!, environment);
}

/// <summary>A slow test that needs Python with pandas and Jupyter (see <see cref="Jupyter"/>).</summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    public JupyterFactAttribute() => Skip = Jupyter.SkipReason;
}

/// <summary>
/// notebooks/python/weekly-review.ipynb, executed as Jupyter would, on what <c>insight export --facts</c> writes: its
/// twelve headline figures (value, n, last week, normal range, verdict) equal <c>insight metrics deltas</c> for the same
/// week and settings.
/// </summary>
public sealed class PythonNotebookTests(SampleDatabase sample) : IClassFixture<SampleDatabase>
{
    private static string Notebook => Path.Combine(Generation.SampleDataTests.RepositoryRoot(), "notebooks", "python", "weekly-review.ipynb");

    [JupyterFact]
    public async Task The_weekly_headline_from_a_csv_export_equals_insight_metrics_deltas() =>
        Assert.Equal("2026-W44", await Compare("csv", config: null, week: null));

    [JupyterFact]
    public async Task Under_another_zone_thresholds_and_week_it_still_equals_the_cli()
    {
        // Non-default settings move every weekly boundary and hour band: the export's facts and the CLI must agree on them.
        var config = Path.Combine(sample.Folder, "new-york.yaml");
        await File.WriteAllTextAsync(config, """
            metrics:
              timezone: America/New_York
              auto_resolve_window: 20m
              flap_count: 2
              business_hours: 09:00-17:00
              sleep_hours: 23:00-07:00
              recurrence_window: 14d
            """);
        Assert.Equal("2026-W36", await Compare("csv", config, week: "2026-w36 "));   // read as the CLI reads --week
    }

    [JupyterFact]
    public async Task In_a_zone_whose_clock_changed_in_the_week_reviewed_it_still_equals_the_cli()
    {
        // America/Santiago moves its clocks forward at local midnight on Sunday 2026-09-06: that day has no midnight and 23
        // hours. A store whose data ends on 2026-09-10 reviews the week of that change by default, so the notebook must
        // find the week and every row's Monday by calendar days in the zone, as the engine does.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        Assert.True(zone.IsInvalidTime(new DateTime(2026, 9, 6, 0, 0, 0)), "the premise: Santiago's clocks skip midnight on 2026-09-06");
        var db = Path.Combine(sample.Folder, "santiago.duckdb");
        TestSupport.ImportSample(db);
        DateTimeOffset asOf;
        using (var store = InsightEngine.Store.InsightStore.Open(db))
        {
            const string cut = "TIMESTAMPTZ '2026-09-10 12:00:00+00'";
            store.Execute("DELETE FROM action_items");
            store.Execute("DELETE FROM postmortems");
            store.Execute($"DELETE FROM timeline_events WHERE occurred_at >= {cut}");
            store.Execute($"DELETE FROM alerts WHERE greatest(created_at, acknowledged_at, resolved_at, last_occurred_at) >= {cut}");
            store.Execute($"DELETE FROM incidents WHERE greatest(created_at, acknowledged_at, mitigated_at, resolved_at, closed_at) >= {cut}");
            asOf = InsightEngine.Analysis.MetricQueries.DataAsOf(store);
        }
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(asOf, zone).DateTime);
        Assert.InRange(localDay, new DateOnly(2026, 9, 7), new DateOnly(2026, 9, 13));   // so the week reviewed is 2026-W36, the change's
        var config = Path.Combine(sample.Folder, "santiago.yaml");
        await File.WriteAllTextAsync(config, "metrics:\n  timezone: America/Santiago\n");
        var week = await Compare("csv", config, week: null, db);
        Assert.Equal("2026-W36", week);
    }

    [JupyterFact]
    public async Task A_parquet_export_is_read_with_pyarrow_or_refused_with_what_to_do()
    {
        var export = Path.Combine(sample.Folder, "export-parquet");
        var run = await TestSupport.RunCli("export", "--format", "parquet", "--facts", "--out", export, "--db", sample.Db);
        Assert.True(run.Code == 0, run.Err);
        var hasReader = (await ChildProcess.RunAsync(Jupyter.Python!, ["-c", "import pyarrow"], sample.Folder)).Code == 0
                        || (await ChildProcess.RunAsync(Jupyter.Python!, ["-c", "import fastparquet"], sample.Folder)).Code == 0;
        if (hasReader)
        {
            await Compare("parquet", config: null, week: null);
            return;
        }
        var result = await Jupyter.Execute(Notebook, new Dictionary<string, string> { ["INSIGHT_EXPORT"] = export });
        Assert.Equal(1, result.Code);
        Assert.Contains("This export is Parquet and pandas has no Parquet reader here: install pyarrow, or export with --format csv.", result.Output, StringComparison.Ordinal);
    }

    [JupyterFact]
    public async Task An_export_without_facts_is_refused_with_the_command_to_run()
    {
        var export = Path.Combine(sample.Folder, "export-plain");
        var run = await TestSupport.RunCli("export", "--format", "csv", "--out", export, "--db", sample.Db);
        Assert.True(run.Code == 0, run.Err);
        var result = await Jupyter.Execute(Notebook, new Dictionary<string, string> { ["INSIGHT_EXPORT"] = export });
        Assert.Equal(1, result.Code);
        Assert.Contains($"was exported without --facts: run `insight export --format csv --facts --out {export}`", result.Output, StringComparison.Ordinal);
    }

    /// <summary>Exports <paramref name="db"/> (default: the sample) with --facts, runs the notebook on it and compares its headline with the CLI's; the week it reviewed.</summary>
    private async Task<string?> Compare(string format, string? config, string? week, string? db = null)
    {
        db ??= sample.Db;
        var name = $"{format}-{(config is null ? "defaults" : "config")}-{week ?? "last"}";
        var export = Path.Combine(sample.Folder, "export-" + name);
        var output = Path.Combine(sample.Folder, "notebook-" + name);
        string[] settings = config is null ? [] : ["--config", config];
        var exported = await TestSupport.RunCli(["export", "--format", format, "--facts", "--out", export, "--db", db, .. settings]);
        Assert.True(exported.Code == 0, exported.Err);

        var environment = new Dictionary<string, string> { ["INSIGHT_EXPORT"] = export, ["INSIGHT_NOTEBOOK_OUT"] = output };
        if (week is not null) environment["INSIGHT_WEEK"] = week;
        var result = await Jupyter.Execute(Notebook, environment);
        Assert.True(result.Code == 0, $"the notebook failed:\n{result.Output}");

        var notebook = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "weekly-headline.json")))!;
        var deltas = await TestSupport.RunCli(["metrics", "deltas", "--db", db, "--format", "json", .. settings, .. week is null ? Array.Empty<string>() : ["--week", week]]);
        Assert.True(deltas.Code == 0, deltas.Err);
        var cli = JsonNode.Parse(deltas.Out)!;
        Assert.Equal((string?)cli["week"], (string?)notebook["week"]);
        var rows = notebook["rows"]!.AsArray();
        Assert.Equal(cli["rows"]!.AsArray().Select(r => (string?)r!["figure"]), rows.Select(r => (string?)r!["figure"]));
        foreach (var (expected, actual) in cli["rows"]!.AsArray().Zip(rows))
        {
            var figure = (string)expected!["figure"]!;
            foreach (var field in new[] { "value", "previous", "normal_low", "normal_high" })
            {
                var (e, a) = (expected[field], actual![field]);
                Assert.True(e is null == a is null, $"{figure}.{field}: CLI {e?.ToJsonString() ?? "null"}, notebook {a?.ToJsonString() ?? "null"}");
                if (e is not null) Assert.True(Math.Abs((double)e - (double)a!) <= 1e-9 * Math.Max(1, Math.Abs((double)e)), $"{figure}.{field}: CLI {e}, notebook {a}");
            }
            Assert.Equal((long)expected["n"]!, (long)actual!["n"]!);
            Assert.Equal((int)expected["trailing_weeks"]!, (int)actual["trailing_weeks"]!);
            Assert.Equal((string?)expected["verdict"], (string?)actual["verdict"]);
            Assert.StartsWith("insight metrics ", (string?)actual["command"], StringComparison.Ordinal);
        }
        return (string?)notebook["week"];
    }
}
