using System.CommandLine;
using System.Globalization;
using InsightEngine.Store;

namespace InsightEngine.Cli;

/// <summary>Options several commands share, so they are spelled and documented once.</summary>
public static class CommonOptions
{
    /// <summary><c>--db PATH</c>, on every command.</summary>
    public static readonly Option<string> Db = new("--db")
    {
        Description = $"The DuckDB database file (created if missing). Default: ./{InsightStore.DefaultPath}",
        DefaultValueFactory = _ => InsightStore.DefaultPath,
        Recursive = true,
    };

    /// <summary><c>--wait DURATION</c>, on every command: how long to wait for a database another process holds.</summary>
    public static readonly Option<string?> Wait = new("--wait")
    {
        Description = "If another process holds the database (an import, insight serve answering a request), wait this long for it " +
                      "(e.g. 30s, 2m) instead of stopping at once with exit code 75.",
        Recursive = true,
    };

    /// <summary>The <c>--wait</c> value (zero when not given).</summary>
    public static TimeSpan WaitFor(System.CommandLine.ParseResult result)
    {
        var text = result.GetValue(Wait);
        if (text is null) return TimeSpan.Zero;
        var wait = InsightEngine.Analysis.DurationText.Parse(text, "wait");
        return wait < TimeSpan.Zero ? throw new InsightEngine.Settings.InvalidSettingException("wait", "must not be negative.") : wait;
    }

    /// <summary><c>--format table|json|csv</c>.</summary>
    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(", ", formats)}. Default: {formats[0]}",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    /// <summary>Parses a <c>--from/--to</c> value (<see cref="InsightEngine.Analysis.Period.ParseInstant"/>).</summary>
    public static DateTimeOffset? ParseInstant(string? text, string option) => InsightEngine.Analysis.Period.ParseInstant(text, option);

    /// <summary>
    /// Opens the <c>--db</c> store under the settings' memory limit (<paramref name="memoryLimit"/> when they set none),
    /// interrupted by Ctrl-C; waits <c>--wait</c> for a database another process holds.
    /// </summary>
    public static InsightStore OpenStore(System.CommandLine.ParseResult result, CliContext context, InsightEngine.Settings.InsightSettings settings,
        string? memoryLimit = null)
    {
        var store = StoreOpening.Retry(() => InsightStore.Open(result.GetValue(Db)!, settings.MemoryLimit ?? memoryLimit), WaitFor(result), cancellationToken: context.Cancellation);
        try
        {
            store.CancelWith(context.Cancellation);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
