using System.Globalization;

namespace InsightEngine.Benchmarks;

/// <summary>
/// Peak resident set size of this process, from Linux's VmHWM. Writing 5 to /proc/self/clear_refs resets it, so
/// each run's peak is its own. Elsewhere falls back to <see cref="System.Diagnostics.Process.PeakWorkingSet64"/>.
/// </summary>
public static class PeakMemory
{
    /// <summary>Resets the high-water mark, where the OS allows it.</summary>
    public static void Reset()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The peak resident set size since the last reset, in bytes.</summary>
    public static long Read()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
