using InsightEngine.Reporting;

namespace InsightEngine.Tests.Reports;

/// <summary>The one duration formatter every surface uses: rounded to the last unit shown, carried into the next.</summary>
public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0.0, "0 s")]
    [InlineData(45.0, "45 s")]
    [InlineData(59.6, "1 min")]
    [InlineData(90.0, "2 min")]       // half a minute rounds away from zero
    [InlineData(119.0, "2 min")]      // not truncated to 1 min
    [InlineData(3600.0, "1 h")]
    [InlineData(3570.0, "1 h")]       // 59.5 min carries into the hour
    [InlineData(7800.0, "2 h 10 min")]
    [InlineData(86399.0, "1 d")]
    [InlineData(100800.0, "1 d 4 h")]
    [InlineData(-90.0, "-2 min")]
    public void Durations_read_as_a_person_says_them(double seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(seconds));

    [Fact]
    public void A_missing_value_says_so()
    {
        Assert.Equal("n/a", HumanDuration.Format(null));
        Assert.Equal("—", HumanDuration.Format(double.NaN, "—"));
    }
}
