using System.Diagnostics;

namespace InsightEngine.Tests.Notebooks;

/// <summary>
/// Runs a program to its end with its output in a file, not a pipe: <c>dotnet run file.cs</c> may leave build servers
/// behind that inherit its standard output, and a reader waiting for the pipe to close would wait for them.
/// </summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/> in <paramref name="workingDirectory"/>; its exit code and everything it printed.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var log = Path.Combine(Path.GetTempPath(), $"insight-child-{Guid.NewGuid():N}.log");
        var info = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" > \"$INSIGHT_CHILD_LOG\" 2>&1 < /dev/null");
        info.ArgumentList.Add(program);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["INSIGHT_CHILD_LOG"] = log;
        info.Environment["INSIGHT_CONFIG"] = "";                 // no settings from the developer's environment
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";      // no MSBuild nodes left running after the test
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(10));   // generous: a first build on a loaded 2-core machine
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not end within {timeout ?? TimeSpan.FromMinutes(10)}: {Read(log)}");
        }
        var output = Read(log);
        File.Delete(log);
        return (process.ExitCode, output);
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
}
