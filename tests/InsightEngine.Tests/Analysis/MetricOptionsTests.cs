using InsightEngine.Analysis;

namespace InsightEngine.Tests.Analysis;

public sealed class MetricOptionsTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("30d", 2592000)]
    [InlineData("2w", 1209600)]
    [InlineData("PT10M", 600)]
    public void Durations_parse_as_people_write_them(string text, double seconds) =>
        Assert.Equal(seconds, DurationText.Parse(text, "x").TotalSeconds);

    [Theory]
    [InlineData("10 minutes")]
    [InlineData("")]
    [InlineData("P1X")]
    public void A_bad_duration_names_the_setting(string text) =>
        Assert.Contains("--flap-window", Assert.ThrowsAny<ArgumentException>(() => DurationText.Parse(text, "--flap-window")).Message);

    [Fact]
    public void Hour_ranges_parse_and_may_wrap_midnight()
    {
        var sleep = HourRange.Parse("22:00-07:30", "sleep_hours");
        Assert.Equal((22.0, 7.5), (sleep.StartHours, sleep.EndHours));
        Assert.Contains("HH:MM-HH:MM", Assert.ThrowsAny<ArgumentException>(() => HourRange.Parse("9 to 5", "business_hours")).Message);
        Assert.ThrowsAny<ArgumentException>(() => (MetricOptions.Default with { BusinessHours = HourRange.Parse("18:00-08:00", "b") }).Validate());
    }

    [Fact]
    public void The_config_file_sets_thresholds_over_the_defaults()
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "insight.yaml", """
            # thresholds for our org
            metrics:
              timezone: Europe/Berlin
              auto_resolve_window: 15m
              flap_count: 4
              business_hours: 09:00-17:30
            reports:
              anything: else   # other sections belong to other features
            """);
        var o = MetricOptionsFile.Load(path, MetricOptions.Default);
        Assert.Equal(("Europe/Berlin", TimeSpan.FromMinutes(15), 4, 17.5), (o.TimeZone, o.AutoResolveWindow, o.FlapCount, o.BusinessHours.EndHours));
        Assert.Equal(MetricOptions.Default.RecurrenceWindow, o.RecurrenceWindow);
    }

    [Theory]
    [InlineData("metrics:\n  flap_cnt: 3\n", "line 2", "metrics.flap_cnt is not a setting")]
    [InlineData("metrics:\n  timezone: UTC\n  recurrence_window: a month\n", "line 3", "recurrence_window 'a month' is not a duration")]
    [InlineData("metrics:\n  timezone: Mars/Olympus\n", "line 2", "Mars/Olympus")]
    [InlineData("metrics:\n  flap_count: 1\n", "line 2", "at least 2")]
    [InlineData("metrics: [1, 2\n", "line", "not valid YAML")]
    public void A_malformed_config_names_the_file_line_and_setting(string yaml, string line, string message)
    {
        using var dir = new TempDir();
        var path = TestSupport.WriteFile(dir, "bad.yaml", yaml);
        var e = Assert.Throws<InvalidDataException>(() => MetricOptionsFile.Load(path, MetricOptions.Default));
        Assert.Contains(path, e.Message);
        Assert.Contains(line, e.Message);
        Assert.Contains(message, e.Message);
    }
}
