using System.Diagnostics;

namespace InsightEngine.Tests.Store;

/// <summary>
/// A second process, the real <c>insight</c> CLI, for what one process cannot show another: the database file's lock
/// (DuckDB shares one database between the connections of a process) and a kill -9 in the middle of an import.
/// </summary>
public sealed class OtherProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();

    private OtherProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>What it has printed so far (standard output and error).</summary>
    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>Starts <c>insight ARGS</c> with standard input open.</summary>
    public static OtherProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts <c>insight ARGS</c> with these environment variables and standard input open.</summary>
    public static OtherProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "insight.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["INSIGHT_CONFIG"] = "";
        foreach (var (name, value) in environment) info.Environment[name] = value;
        return new OtherProcess(Process.Start(info)!);
    }

    /// <summary>
    /// A process holding <paramref name="db"/>: an <c>insight shell</c> that has answered one statement and waits for the
    /// next, until disposed.
    /// </summary>
    public static async Task<OtherProcess> HoldingAsync(string db)
    {
        var holder = Start("shell", "--db", db, "--format", "csv");
        await holder.process.StandardInput.WriteLineAsync("SELECT 'held-' || 42 AS state;");
        await holder.process.StandardInput.FlushAsync();
        await holder.UntilAsync(() => holder.Output.Contains("held-42", StringComparison.Ordinal), "the holder to open the database");
        return holder;
    }

    /// <summary>Polls (generously: a loaded 2-core machine is slow to start a process) until <paramref name="condition"/> holds.</summary>
    public async Task UntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited && !condition()) break;
            await Task.Delay(50);
        }
        Assert.True(condition(), $"timed out waiting for {what}; the process printed: {Output}");
    }

    /// <summary>Polls, with the same generous bound, for a condition that does not depend on this process.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(50);
        Assert.True(condition(), $"timed out waiting for {what}");
    }

    /// <summary>Waits for the process to end by itself; its exit code.</summary>
    public async Task<int> ExitAsync()
    {
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        return process.ExitCode;
    }

    /// <summary>kill -9: no clean-up, no rollback of its own; the next open must find the store consistent.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit(TimeSpan.FromMinutes(1));
    }

    /// <summary>Ends the process: its input closed (a shell then quits), killed if it has not gone within a minute.</summary>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(TimeSpan.FromMinutes(1))) process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        process.Dispose();
    }
}
