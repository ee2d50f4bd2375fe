using System.Collections;
using InsightEngine.Analysis;
using InsightEngine.Settings;

namespace InsightEngine.Tests.Settings;

/// <summary>One way to load settings, one documented precedence: defaults, the file, the environment, the command line.</summary>
public sealed class SettingsLoaderTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Yaml(string name, string text) => TestSupport.WriteFile(dir, name, text);

    [Fact]
    public void Without_a_file_or_environment_the_defaults_apply()
    {
        var s = SettingsLoader.Load(null, dir.Path, new Hashtable());
        Assert.Null(s.File);
        Assert.Equal(MetricOptions.Default, s.Metrics);
        Assert.Empty(s.Statuses);
        Assert.Null(s.MemoryLimit);
    }

    [Fact]
    public void The_file_is_the_named_one_else_insight_yaml_here_else_the_environment_variable()
    {
        var named = Yaml("named.yaml", "metrics:\n  flap_count: 4\n");
        var env = Yaml("env/from-env.yaml", "metrics:\n  flap_count: 6\n");
        var variables = new Hashtable { [SettingsLoader.ConfigVariable] = env };

        Assert.Equal(6, SettingsLoader.Load(null, dir.Path, variables).Metrics.FlapCount);           // no ./insight.yaml: $INSIGHT_CONFIG
        var local = Yaml("insight.yaml", "metrics:\n  flap_count: 5\n");
        Assert.Equal(5, SettingsLoader.Load(null, dir.Path, variables).Metrics.FlapCount);           // ./insight.yaml first
        Assert.Equal(local, SettingsLoader.Load(null, dir.Path, variables).File);
        Assert.Equal(4, SettingsLoader.Load(named, dir.Path, variables).Metrics.FlapCount);          // --config first of all
    }

    [Fact]
    public void The_environment_overrides_the_file_and_names_itself_when_wrong()
    {
        var file = Yaml("insight.yaml", "metrics:\n  timezone: Europe/Berlin\n  flap_count: 4\nimport:\n  statuses:\n    servicenow:\n      Working On Case: acknowledged\n");
        var s = SettingsLoader.Load(null, dir.Path, new Hashtable { ["INSIGHT_METRICS_FLAP_COUNT"] = "7", ["INSIGHT_MEMORY_LIMIT"] = "2GB" });
        Assert.Equal(file, s.File);
        Assert.Equal("Europe/Berlin", s.Metrics.TimeZone);   // from the file
        Assert.Equal(7, s.Metrics.FlapCount);                 // the environment wins
        Assert.Equal("2GB", s.MemoryLimit);
        Assert.Equal("acknowledged", s.ForImport().Statuses["servicenow"]["working on case"]);

        var e = Assert.Throws<InvalidDataException>(() => SettingsLoader.Load(null, dir.Path, new Hashtable { ["INSIGHT_METRICS_FLAP_WINDOW"] = "soon" }));
        Assert.Equal("environment variable INSIGHT_METRICS_FLAP_WINDOW 'soon' is not a duration: use e.g. 90s, 10m, 1h30m, 30d, 2w or PT10M.", e.Message);
    }

    [Fact]
    public void A_bad_setting_is_one_error_each_front_end_words_in_its_own_terms()
    {
        var e = Assert.Throws<InvalidSettingException>(() => MetricOptions.Default.With("flap_count", "1"));
        Assert.Equal("flap_count", e.Setting);
        Assert.Equal("--flap-count 1 must be at least 2 (triggers of one rule within flap_window).", e.Worded(SettingNames.Flag));
        Assert.Equal("flap_count 1 must be at least 2 (triggers of one rule within flap_window).", e.Worded(SettingNames.Parameter));
        var file = Yaml("insight.yaml", "metrics:\n  flap_count: 1\n");
        var fromFile = Assert.Throws<InvalidDataException>(() => SettingsLoader.Load(null, dir.Path, new Hashtable()));
        Assert.Equal($"{file}: line 2: metrics.flap_count 1 must be at least 2 (triggers of one rule within flap_window).", fromFile.Message);
    }

    [Fact]
    public void Every_setting_round_trips_through_its_text()
    {
        var custom = MetricOptions.Default with
        {
            TimeZone = "America/New_York", AutoResolveWindow = TimeSpan.FromMinutes(20), ActionableMinOpen = TimeSpan.FromSeconds(90),
            FlapCount = 5, FlapWindow = TimeSpan.FromMinutes(45), BusinessHours = new HourRange(new TimeOnly(9, 0), new TimeOnly(17, 30)),
            SleepHours = new HourRange(new TimeOnly(23, 0), new TimeOnly(7, 0)), RecurrenceWindow = TimeSpan.FromDays(14), PostmortemDue = TimeSpan.FromDays(7),
        };
        var back = custom.Describe().Aggregate(MetricOptions.Default, (o, kv) => o.With(kv.Key, kv.Value));
        Assert.Equal(custom, back);
    }
}
