using System.Text.Json;

namespace InsightEngine.Tests.Cli;

/// <summary><c>insight anomalies | recurrences | forecast</c> over the committed sample: formats, saved models, bad input.</summary>
public sealed class LearnCliTests : IDisposable
{
    private readonly TempDir dir = new();

    private string Db => Path.Combine(dir.Path, "insight.duckdb");

    public void Dispose() => dir.Dispose();

    private void Imported() => TestSupport.ImportSample(Db);

    [SlowFact]
    public async Task Each_command_prints_its_evaluation_writes_json_and_saves_its_model()
    {
        Imported();
        var anomalies = await TestSupport.RunCli("anomalies", "--db", Db, "--timezone", "Europe/Berlin");
        Assert.Equal(0, anomalies.Code);
        Assert.Contains("Abnormal weeks:", anomalies.Out);
        Assert.Contains("Login failures for SSO customers", anomalies.Out);

        var recurrences = await TestSupport.RunCli("recurrences", "--db", Db, "--format", "json", "--timezone", "Europe/Berlin");
        Assert.Equal(0, recurrences.Code);
        using (var doc = JsonDocument.Parse(recurrences.Out))
        {
            Assert.True(doc.RootElement.GetProperty("evaluation").GetProperty("model_auc").GetDouble() > 0.5);
            Assert.False(doc.RootElement.TryGetProperty("model", out _));
        }

        var forecast = await TestSupport.RunCli("forecast", "--db", Db, "--horizon", "4", "--measure", "incidents");
        Assert.Equal(0, forecast.Code);
        Assert.Contains("Backtest (rolling origin", forecast.Out);
        Assert.Contains("moving average (4 weeks)", forecast.Out);
        foreach (var model in new[] { "incident-anomalies", "recurrence", "forecast" })
            Assert.True(File.Exists(Path.Combine(Db + ".models", model + ".json")), model);
    }

    [Theory]
    [InlineData("forecast --horizon 40", "--horizon must be 1 to 26 weeks, not 40")]
    [InlineData("recurrences --window 0", "--window must be 1 to 365 days")]
    [InlineData("anomalies --timezone Mars/Olympus", "--timezone 'Mars/Olympus' is not a known time zone")]
    [InlineData("anomalies --kind everything", "everything")]
    public async Task Bad_options_fail_with_a_clear_message(string args, string expected)
    {
        var r = await TestSupport.RunCli([.. args.Split(' '), "--db", Db, "--no-save"]);
        Assert.NotEqual(0, r.Code);
        Assert.Contains(expected, r.Err + r.Out);
    }
}
