using System.Collections;
using InsightEngine.Analysis;
using InsightEngine.Import;
using InsightEngine.Store;

namespace InsightEngine.Settings;

/// <summary>
/// Loads <see cref="InsightSettings"/> the one way every surface does. Precedence, lowest first:
/// <list type="number">
/// <item>the documented defaults;</item>
/// <item>the settings file: <c>--config FILE</c> (the service: <c>Insight:Config</c>), else <c>insight.yaml</c> in the
/// working folder, else the file <c>$INSIGHT_CONFIG</c> names — its <c>metrics:</c> and <c>import:</c> sections;</item>
/// <item>the environment: <c>INSIGHT_METRICS_&lt;SETTING&gt;</c> for each threshold (<c>INSIGHT_METRICS_FLAP_COUNT=5</c>),
/// <c>INSIGHT_MEMORY_LIMIT</c>;</item>
/// <item>the command line's flags, or an API request's query parameters, for that one command or request
/// (<see cref="MetricOptions.With"/>).</item>
/// </list>
/// docs/configuration.md says the same for users.
/// </summary>
public static class SettingsLoader
{
    /// <summary>The settings file read from the working folder when none is named.</summary>
    public const string DefaultFile = "insight.yaml";

    /// <summary>The environment variable naming a settings file, used when there is no ./insight.yaml.</summary>
    public const string ConfigVariable = "INSIGHT_CONFIG";

    /// <summary>Loads the settings: <paramref name="explicitFile"/> if given, else the default file resolution; then the environment.</summary>
    /// <param name="explicitFile">A file named on the command line or in the service's configuration; must exist.</param>
    /// <param name="workingDirectory">Where <c>insight.yaml</c> is looked for; default: the current directory.</param>
    /// <param name="environment">The environment variables; default: the process's.</param>
    public static InsightSettings Load(string? explicitFile = null, string? workingDirectory = null, IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        var file = ResolveFile(explicitFile, workingDirectory ?? Directory.GetCurrentDirectory(), environment);
        var settings = InsightSettings.Default;
        if (file is not null)
        {
            settings = settings with
            {
                File = file,
                Metrics = MetricOptionsFile.Load(file, MetricOptions.Default),
            };
            var import = ImportSettingsFile.Apply(file, new ImportOptions());
            settings = settings with { Statuses = import.Statuses, RecordTypes = import.Types };
        }
        var metrics = settings.Metrics;
        foreach (var setting in MetricOptions.Settings)
        {
            var name = SettingNames.Environment(setting);
            if (environment[name] is not string { Length: > 0 } value) continue;
            try
            {
                metrics = metrics.With(setting, value);
            }
            catch (InvalidSettingException e)
            {
                throw new InvalidDataException($"environment variable {e.Worded(_ => name)}", e);
            }
        }
        var memory = environment[InsightStore.MemoryLimitVariable] is string { Length: > 0 } m ? m.Trim() : null;
        var temp = environment[Query.QueryLimits.TempLimitVariable] is string { Length: > 0 } t ? t.Trim() : null;
        return settings with { Metrics = metrics, MemoryLimit = memory, QueryTempLimit = temp };
    }

    /// <summary>The settings file in force: <paramref name="explicitFile"/>, else ./insight.yaml if present, else $INSIGHT_CONFIG, else none.</summary>
    public static string? ResolveFile(string? explicitFile, string workingDirectory, IDictionary environment)
    {
        if (!string.IsNullOrWhiteSpace(explicitFile)) return explicitFile.Trim();
        var local = Path.Combine(workingDirectory, DefaultFile);
        if (File.Exists(local)) return local;
        return environment[ConfigVariable] is string { Length: > 0 } env && !string.IsNullOrWhiteSpace(env) ? env.Trim() : null;
    }
}
