namespace InsightEngine.Settings;

/// <summary>
/// A setting or request parameter with a bad value, as a value: which setting (its canonical snake_case name, the one
/// insight.yaml and the API use) and what is wrong. Each front end words it in its own terms (<see cref="SettingNames"/>):
/// the CLI names the flag (<c>--flap-count</c>), the API the query parameter (<c>flap_count</c>), a file its line.
/// </summary>
public sealed class InvalidSettingException : ArgumentException
{
    /// <summary>Creates the error: <paramref name="problem"/> reads after the setting's name ("must be at least 2").</summary>
    public InvalidSettingException(string setting, string problem, Exception? inner = null)
        : base($"{setting} {problem}", inner)
    {
        Setting = setting;
        Problem = problem;
    }

    /// <summary>The setting's canonical name (snake_case): <c>flap_count</c>, <c>top</c>, <c>as_of</c>.</summary>
    public string Setting { get; }

    /// <summary>What is wrong, without the setting's name.</summary>
    public string Problem { get; }

    /// <summary>The message with the setting named as <paramref name="name"/> names it.</summary>
    public string Worded(Func<string, string> name) => $"{name(Setting)} {Problem}";
}

/// <summary>How each front end spells a setting.</summary>
public static class SettingNames
{
    /// <summary>The CLI's flag: <c>flap_count</c> → <c>--flap-count</c>.</summary>
    public static string Flag(string setting) => "--" + setting.Replace('_', '-');

    /// <summary>The API's query parameter: the canonical name itself.</summary>
    public static string Parameter(string setting) => setting;

    /// <summary>The environment variable that sets a metric threshold: <c>flap_count</c> → <c>INSIGHT_METRICS_FLAP_COUNT</c>.</summary>
    public static string Environment(string setting) => "INSIGHT_METRICS_" + setting.ToUpperInvariant();
}
