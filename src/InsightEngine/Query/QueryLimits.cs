using System.Globalization;
using System.Text.RegularExpressions;

namespace InsightEngine.Query;

/// <summary>
/// What one ad hoc query session may use: DuckDB's memory limit, the disk it may spill to, and how long to wait for a
/// database another process holds. The session's spill files live in a folder of its own, removed when it closes
/// (also after Ctrl-C or a time limit), and the process's memory is watched (<see cref="MemoryGuard"/>), because some
/// values (one huge string from <c>repeat</c>) are built outside DuckDB's accounting.
/// </summary>
public sealed partial record QueryLimits
{
    /// <summary>The disk space a query may spill to unless <see cref="TempLimitVariable"/> says otherwise.</summary>
    public const string DefaultTempLimit = "4GB";

    /// <summary>Environment variable for <see cref="TempLimit"/>.</summary>
    public const string TempLimitVariable = "INSIGHT_QUERY_TEMP_LIMIT";

    /// <summary>DuckDB's memory limit (null: <see cref="Store.InsightStore.DefaultMemoryLimit"/>).</summary>
    public string? MemoryLimit { get; init; }

    /// <summary>DuckDB's <c>max_temp_directory_size</c> for the session (null: <see cref="DefaultTempLimit"/>).</summary>
    public string? TempLimit { get; init; }

    /// <summary>How long to wait for a database another process holds.</summary>
    public TimeSpan Wait { get; init; }

    /// <summary>The defaults.</summary>
    public static QueryLimits Default { get; } = new();

    /// <summary>
    /// The process size past which a query is stopped: DuckDB's limit plus as much again (at least 1 GiB) for the
    /// runtime and what DuckDB does not count. Null when the limit is not a size (a percentage).
    /// </summary>
    public long? ProcessCeilingBytes
    {
        get
        {
            var limit = Bytes(MemoryLimit ?? Store.InsightStore.DefaultMemoryLimit);
            return limit is { } l ? l + Math.Max(l, 1L << 30) : null;
        }
    }

    /// <summary>A DuckDB size (<c>512MB</c>, <c>1GB</c>, <c>2 GiB</c>) in bytes; null if it is not one.</summary>
    public static long? Bytes(string size)
    {
        var m = Size().Match(size.Trim());
        if (!m.Success) return null;
        var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        var unit = m.Groups["unit"].Value.ToUpperInvariant();
        double factor = unit switch
        {
            "" or "B" => 1,
            "KB" => 1e3, "MB" => 1e6, "GB" => 1e9, "TB" => 1e12,
            "KIB" => 1L << 10, "MIB" => 1L << 20, "GIB" => 1L << 30, "TIB" => 1L << 40,
            _ => double.NaN,
        };
        return double.IsNaN(factor) ? null : (long)(n * factor);
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<unit>[KMGT]i?B|B)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Size();
}

/// <summary>
/// Watches the process's memory while a query runs: past <see cref="QueryLimits.ProcessCeilingBytes"/> it interrupts
/// the statement and, if memory is still over a second later (one function call, such as <c>repeat('x', 2e9)</c>,
/// cannot be interrupted half-way), calls <c>runaway</c>, which a command line uses to stop the process with a message.
/// </summary>
public sealed class MemoryGuard : IDisposable
{
    private readonly Timer timer;
    private readonly long ceiling;
    private readonly Action interrupt;
    private readonly Action<long>? runaway;
    private DateTime? overSince;

    /// <summary>Starts watching (every 100 ms).</summary>
    public MemoryGuard(long ceilingBytes, Action interrupt, Action<long>? runaway)
    {
        ceiling = ceilingBytes;
        this.interrupt = interrupt;
        this.runaway = runaway;
        timer = new Timer(_ => Check(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    /// <summary>True once the ceiling was passed and the statement interrupted.</summary>
    public bool Tripped { get; private set; }

    /// <summary>Clears <see cref="Tripped"/> for the next statement.</summary>
    public void Reset()
    {
        Tripped = false;
        overSince = null;
    }

    /// <summary>The ceiling, bytes.</summary>
    public long CeilingBytes => ceiling;

    private void Check()
    {
        var size = Environment.WorkingSet;
        if (size <= ceiling)
        {
            overSince = null;
            return;
        }
        if (!Tripped)
        {
            Tripped = true;
            interrupt();
        }
        overSince ??= DateTime.UtcNow;
        if (DateTime.UtcNow - overSince > TimeSpan.FromSeconds(1)) runaway?.Invoke(size);
    }

    /// <inheritdoc />
    public void Dispose() => timer.Dispose();
}
