using System.CommandLine;
using InsightEngine.Cli.Commands;
using InsightEngine.Import;
using InsightEngine.Settings;
using InsightEngine.Store;

namespace InsightEngine.Cli;

/// <summary>The <c>insight</c> command line: parse, validate, call the engine, render. No analysis lives here.</summary>
public static class InsightCli
{
    /// <summary>Exit code: success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: bad input (a file, a value) or a failed import; the message says which and why.</summary>
    public const int Failed = 1;

    /// <summary>Exit code: the command line itself is wrong (unknown command or option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>Exit code: cancelled by Ctrl-C (128 + SIGINT, as shells report it); the store is as it was.</summary>
    public const int Cancelled = 130;

    /// <summary>Exit code: the database is held by another process (sysexits EX_TEMPFAIL): try again later, or <c>--wait</c>.</summary>
    public const int Busy = 75;

    /// <summary>Exit code: a bug in insight itself (sysexits EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    /// <summary>Runs the command line with the given output streams, reading standard input; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, null, cancellationToken);

    /// <summary>Runs the command line with the given streams (<paramref name="input"/>: standard input when null); returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader? input, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, input, cancellationToken);
        var root = Build(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            await error.WriteLineAsync("Run 'insight --help' (or 'insight COMMAND --help') for usage.").ConfigureAwait(false);
            return Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or DuckDB.NET.Data.DuckDBException or Query.QueryException)
        {
            // Ctrl-C: the running statement was interrupted (a streaming reader reports it as DuckDB's own error).
            // A command that knows what it stopped says so (insight query); else the general account.
            await error.WriteLineAsync(e is OperationCanceledException { InnerException: not null } said && !said.Message.StartsWith("The operation was canceled", StringComparison.Ordinal)
                ? $"cancelled: {said.Message}"
                : "cancelled: the work in progress was stopped and rolled back (a file being imported is not imported; files imported before it stay).").ConfigureAwait(false);
            return Cancelled;
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            await error.WriteLineAsync("Run 'insight --help' (or 'insight COMMAND --help') for usage.").ConfigureAwait(false);
            return Usage;
        }
        catch (InvalidSettingException e)
        {
            // The engine names the setting; the CLI names the flag that sets it.
            await error.WriteLineAsync($"error: {e.Worded(SettingNames.Flag)}").ConfigureAwait(false);
            return Failed;
        }
        catch (StoreBusyException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            await error.WriteLineAsync(BusyAdvice).ConfigureAwait(false);
            return Busy;
        }
        catch (Exception e) when (e is ImportException or StoreException or Pull.PullException or Query.QueryException or Import.Mapping.MappingException or ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException
                                  && !FromALibrary(e))
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
        catch (DuckDB.NET.Data.DuckDBException e) when (e.Message.Contains("Out of Memory", StringComparison.OrdinalIgnoreCase))
        {
            // Not a bug: the work needs more than DuckDB's limit and could not spill (docs/performance.md has what each job needs).
            await error.WriteLineAsync(
                $"error: the database ran out of memory at its limit ({Store.InsightStore.MemoryLimitVariable} sets it, e.g. {Store.InsightStore.MemoryLimitVariable}=2GB); " +
                "nothing was changed. Raise it, or narrow the work (--from/--to, --service).").ConfigureAwait(false);
            return Failed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not bad input: say so plainly; the stack trace is one variable away.
            await error.WriteLineAsync($"internal error: {e.GetType().Name}: {e.Message.Split('\n')[0]}").ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("INSIGHT_DEBUG") == "1") await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            else await error.WriteLineAsync("Set INSIGHT_DEBUG=1 for the stack trace, and please report it.").ConfigureAwait(false);
            return InternalError;
        }
    }

    /// <summary>
    /// An argument or state error raised inside a library we call (ML.NET's "Schema mismatch"):
    /// our bug in how we called it, not the user's input, so exit 70 with the trace under INSIGHT_DEBUG=1.
    /// </summary>
    private static bool FromALibrary(Exception e) =>
        e is ArgumentException or InvalidDataException && e.Source is { } source
        && source.StartsWith("Microsoft.ML", StringComparison.Ordinal);

    /// <summary>What to do when the database is held by another process.</summary>
    internal const string BusyAdvice =
        "Run the command again when that process has finished, or add --wait 2m to wait for it. " +
        "'insight serve' holds the file only while it answers a request or imports a file, so --wait finds a gap; " +
        "to import while it runs, drop the file into its inbox or POST it to /api/imports (docs/reliability.md).";

    /// <summary>The command tree.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("InsightEngine: incident and alert analytics from your paging and ticketing exports.")
        {
            CommonOptions.Db,
            CommonOptions.Wait,
        };
        root.Add(ImportCommand.Create(context));
        root.Add(PullCommand.Create(context));
        root.Add(MetricsCommand.Create(context));
        root.Add(AssessCommand.Create(context));
        root.Add(ReportCommand.Create(context));
        root.Add(ServeCommand.Create(context));
        root.Add(QueryCommands.Query(context));
        root.Add(QueryCommands.Shell(context));
        root.Add(ExportCommand.Create(context));
        foreach (var learn in LearnCommands.Create(context)) root.Add(learn);
        root.Add(FormatsCommand.Create(context));
        root.Add(GenerateCommand.Create(context));
        root.Add(DemoCommand.Create(context));
        return root;
    }
}

/// <summary>The command line is wrong in a way the parser cannot see (a missing statement, two sources for one): exit 2.</summary>
public sealed class UsageException(string message) : ArgumentException(message);
