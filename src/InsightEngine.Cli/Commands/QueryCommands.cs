using System.CommandLine;
using System.Text;
using InsightEngine.Cli.Output;
using InsightEngine.Analysis;
using InsightEngine.Query;
using InsightEngine.Settings;
using Spectre.Console;

namespace InsightEngine.Cli.Commands;

/// <summary>
/// <c>insight query "SQL"</c> and <c>insight shell</c>: read-only SQL over the canonical tables and the metric views,
/// in a sandbox (<see cref="QuerySession"/>). The engine decides what may run; these commands read and print.
/// </summary>
public static class QueryCommands
{
    private const int DefaultMaxRows = 100;

    /// <summary>Creates <c>insight query</c>.</summary>
    public static Command Query(CliContext context)
    {
        var sql = new Argument<string?>("SQL")
        {
            Description = "One read-only statement (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN); '-' reads it from standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var file = new Option<string?>("--file") { Description = "Read the statement from this file instead." };
        var format = CommonOptions.Format(QueryOutput.Formats);
        var maxRows = MaxRows();
        var timeout = Timeout();
        var scope = new MetricScopeOptions();
        var command = new Command("query",
            "Run read-only SQL over the canonical tables and the metric views (metric_response, metric_noisy_alerts, ...; 'insight shell' then .tables lists them). " +
            "No file, URL or extension can be reached from a query.")
        {
            sql, file, format, maxRows, timeout,
        };
        scope.AddOptionsTo(command);
        command.SetAction(result =>
        {
            var text = Statement(context, result.GetValue(sql), result.GetValue(file));
            var settings = scope.Settings(result);
            var limit = TimeLimit(result, timeout);
            using var session = QuerySession.Open(result.GetValue(CommonOptions.Db)!, settings.Metrics, Limits(result, settings), context.Cancellation);
            session.GuardMemory(stop => Runaway(context, stop));
            var started = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                using (session.Deadline(limit))
                {
                    using var rows = session.Execute(text);
                    QueryOutput.Write(context, rows, result.GetValue(format)!, result.GetValue(maxRows));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or DuckDB.NET.Data.DuckDBException or QueryException)
            {
                throw Stopped(context, session, limit, started.Elapsed, e) ?? (e is DuckDB.NET.Data.DuckDBException d ? QuerySession.Translate(d) : e);
            }
            return InsightCli.Ok;
        });
        return command;
    }

    private static Option<string> Timeout() => new("--timeout")
    {
        Description = "Stop a statement after this long (e.g. 30s, 5m, 1h). Default: 60s", DefaultValueFactory = _ => "60s",
    };

    private static TimeSpan TimeLimit(ParseResult result, Option<string> timeout)
    {
        var limit = DurationText.Parse(result.GetValue(timeout)!, "timeout");
        return limit <= TimeSpan.Zero ? throw new InvalidSettingException("timeout", "must be longer than zero.") : limit;
    }

    private static QueryLimits Limits(ParseResult result, InsightSettings settings) => new()
    {
        MemoryLimit = settings.MemoryLimit, TempLimit = settings.QueryTempLimit, Wait = CommonOptions.WaitFor(result),
    };

    /// <summary>
    /// Why a statement was stopped, as an exception to report, when it was stopped (the time limit, the memory guard,
    /// Ctrl-C); null when it simply failed.
    /// </summary>
    private static Exception? Stopped(CliContext context, QuerySession session, TimeSpan limit, TimeSpan ran, Exception e)
    {
        if (session.MemoryExceeded is { } memory) return memory;
        if (context.Cancellation.IsCancellationRequested)
            return new OperationCanceledException($"the query was stopped by Ctrl-C after {ran.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s; the database is unchanged (queries only read).", e);
        if (session.DeadlinePassed)
            return new QueryException($"The query ran past its time limit of {DurationText.Format(limit)} and was stopped. " +
                "Narrow it (a WHERE on created_at, a LIMIT), or give it longer with --timeout, e.g. --timeout 5m.", e);
        return null;
    }

    /// <summary>Memory stayed over the ceiling after the interrupt (one uninterruptible call): stop the process, saying why.</summary>
    private static void Runaway(CliContext context, QueryException stop)
    {
        context.Error.WriteLine($"error: {stop.Message}");
        context.Error.Flush();
        Environment.Exit(InsightCli.Failed);
    }

    /// <summary>Creates <c>insight shell</c>.</summary>
    public static Command Shell(CliContext context)
    {
        var format = CommonOptions.Format(QueryOutput.Formats);
        var maxRows = MaxRows();
        var timeout = Timeout();
        var scope = new MetricScopeOptions();
        var command = new Command("shell",
            "An interactive read-only SQL shell over the database (statements end with ';'; .help lists the dot commands). " +
            "Reading a script from standard input, it stops at the first error with exit code 1.")
        {
            format, maxRows, timeout,
        };
        scope.AddOptionsTo(command);
        command.SetAction(result =>
        {
            var db = result.GetValue(CommonOptions.Db)!;
            var settings = scope.Settings(result);
            var limit = TimeLimit(result, timeout);
            using var session = QuerySession.Open(db, settings.Metrics, Limits(result, settings), context.Cancellation);
            session.GuardMemory(stop => Runaway(context, stop));
            return new Repl(context, session, result.GetValue(format)!, result.GetValue(maxRows), limit).Run(db);
        });
        return command;
    }

    private static Option<int> MaxRows()
    {
        var option = new Option<int>("--max-rows")
        {
            Description = $"Rows a table shows (csv and json write every row). Default: {DefaultMaxRows}",
            DefaultValueFactory = _ => DefaultMaxRows,
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--max-rows must be at least 1.");
        });
        return option;
    }

    private static string Statement(CliContext context, string? sql, string? file)
    {
        if (file is not null && sql is not null) throw new UsageException("Give the SQL either as the argument or with --file, not both.");
        if (file is not null)
        {
            if (!File.Exists(file)) throw new ArgumentException($"--file '{file}' does not exist.");
            return File.ReadAllText(file);
        }
        return sql switch
        {
            null => throw new UsageException("Give the SQL to run: insight query \"SELECT ...\" (or --file PATH, or '-' for standard input)."),
            "-" => context.In.ReadToEnd(),
            _ => sql,
        };
    }

    /// <summary>The shell's loop: read lines into a statement until one ends with ';', run it, print; dot commands between statements.</summary>
    private sealed class Repl(CliContext context, QuerySession session, string format, int maxRows, TimeSpan limit)
    {
        private string _format = format;
        private int _maxRows = maxRows;

        public int Run(string db)
        {
            var interactive = context.InteractiveInput;
            if (interactive)
                context.Out.WriteLine($"insight shell over {db} (read-only). End statements with ';'. .help for commands, .quit to leave.");
            var buffer = new StringBuilder();
            while (true)
            {
                if (interactive) context.Out.Write(buffer.Length == 0 ? "insight> " : "    ...> ");
                var line = context.In.ReadLine();
                if (line is null) break;
                if (buffer.Length == 0 && line.TrimStart().StartsWith('.'))
                {
                    var outcome = Dot(line.Trim());
                    if (outcome == DotOutcome.Quit) return InsightCli.Ok;
                    if (outcome == DotOutcome.Failed && !interactive) return InsightCli.Failed;
                    continue;
                }
                buffer.AppendLine(line);
                if (!buffer.ToString().TrimEnd().EndsWith(';')) continue;
                var ok = Execute(buffer.ToString());
                buffer.Clear();
                if (!ok && !interactive) return InsightCli.Failed;
            }
            // End of input: a last statement without its ';' still runs.
            if (!string.IsNullOrWhiteSpace(buffer.ToString()) && !Execute(buffer.ToString())) return InsightCli.Failed;
            return InsightCli.Ok;
        }

        /// <summary>Runs one input's statements, each under the time limit; a stop by the limit or the memory guard is reported and the shell goes on.</summary>
        private bool Execute(string sql)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                using var deadline = session.Deadline(limit);
                using var result = session.ExecuteAll(sql);
                do QueryOutput.Write(context, result, _format, _maxRows);
                while (result.NextResult());
                return true;
            }
            catch (Exception e) when (e is OperationCanceledException or DuckDB.NET.Data.DuckDBException or QueryException
                                      && !context.Cancellation.IsCancellationRequested)
            {
                var stopped = Stopped(context, session, limit, started.Elapsed, e);
                var message = stopped?.Message ?? (e is DuckDB.NET.Data.DuckDBException d ? QuerySession.Translate(d).Message : e.Message);
                context.Error.WriteLine($"error: {message}");
                return false;
            }
        }

        private enum DotOutcome { Done, Failed, Quit }

        private DotOutcome Dot(string line)
        {
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var argument = parts.Length > 1 ? parts[1] : null;
            switch (parts[0])
            {
                case ".quit" or ".exit":
                    return DotOutcome.Quit;
                case ".help":
                    context.Out.WriteLine("""
                        Statements: SELECT, WITH, FROM, VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN, ending with ';'.
                        .tables          the tables and views a query can read
                        .schema NAME     the columns of a table or view
                        .mode FORMAT     table, csv or json
                        .maxrows N       rows a table shows
                        .quit            leave (also Ctrl-D)
                        Metric views give the numbers 'insight metrics NAME' gives over the whole store (default grouping,
                        thresholds of --config / the options); the macros behind them take a scope, see docs/query.md.
                        """);
                    return DotOutcome.Done;
                case ".tables":
                    var table = new Table().Border(TableBorder.Rounded).AddColumns("Name", "Kind", "What it holds");
                    foreach (var o in session.Objects) table.AddRow(Markup.Escape(o.Name), o.Kind, Markup.Escape(o.Description));
                    context.Terminal.Write(table);
                    return DotOutcome.Done;
                case ".schema" when argument is not null:
                    return Execute($"DESCRIBE \"{argument.Replace("\"", "\"\"", StringComparison.Ordinal)}\";") ? DotOutcome.Done : DotOutcome.Failed;
                case ".mode" when argument is not null && QueryOutput.Formats.Contains(argument):
                    _format = argument;
                    return DotOutcome.Done;
                case ".maxrows" when int.TryParse(argument, out var n) && n > 0:
                    _maxRows = n;
                    return DotOutcome.Done;
                default:
                    context.Error.WriteLine($"error: '{line}' is not a shell command (.help lists them).");
                    return DotOutcome.Failed;
            }
        }
    }
}
