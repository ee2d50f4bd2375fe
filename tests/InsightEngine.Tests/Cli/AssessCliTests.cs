using System.Text.Json;
using InsightEngine.Cli;
using InsightEngine.Tests.Analysis;

namespace InsightEngine.Tests.Cli;

/// <summary><c>insight assess</c>: every format, the questionnaire template, bad files, and export text made inert.</summary>
public sealed class AssessCliTests : IDisposable
{
    private readonly TempDir dir = new();

    private string Db => Path.Combine(dir.Path, "insight.duckdb");

    public void Dispose() => dir.Dispose();

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => TestSupport.RunCli(args);

    private void Seeded()
    {
        using var store = InsightEngine.Store.InsightStore.Open(Db);
        for (var i = 0; i < 24; i++)
        {
            var created = new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc).AddDays(i * 3);
            Seed.Incident(store, $"i{i}", created.ToString("O"), created.AddHours(2).ToString("O"), severity: i % 4 == 0 ? "SEV2" : "SEV4",
                team: i % 3 == 0 ? "ops" : "<script>alert(1)</script> | pipes |", ack: created.AddMinutes(7).ToString("O"),
                declaredBy: i % 3 == 0 ? "Ana Silva" : "Ben Novak");
        }
    }

    [Fact]
    public async Task Assess_renders_table_json_and_markdown_with_the_same_placement()
    {
        Seeded();
        var table = await Run("assess", "--db", Db);
        Assert.Equal(0, table.Code);
        Assert.Contains("Where you stand", table.Out);
        Assert.Contains("Next steps:", table.Out);

        var json = await Run("assess", "--db", Db, "--format", "json");
        Assert.Equal(0, json.Code);
        using var doc = JsonDocument.Parse(json.Out);
        var models = doc.RootElement.GetProperty("models");
        var ownership = models.EnumerateArray().Single(m => m.GetProperty("model").GetString() == "ownership");
        Assert.Equal(24, doc.RootElement.GetProperty("incidents").GetInt32());
        Assert.Equal(5, doc.RootElement.GetProperty("phases").GetArrayLength());
        Assert.True(doc.RootElement.GetProperty("quarters").GetArrayLength() >= 1);

        var md = await Run("assess", "--db", Db, "--format", "markdown");
        Assert.Equal(0, md.Code);
        Assert.Contains($"**{ownership.GetProperty("stage_name").GetString()}**", md.Out);
        // Team names from the export are inert: no raw tag, no broken table.
        Assert.DoesNotContain("<script>", md.Out);
        Assert.Contains("&lt;script&gt;", md.Out);
        Assert.DoesNotContain(" | pipes | ", md.Out);
        Assert.Contains("\\| pipes \\|", md.Out);
    }

    [Fact]
    public async Task Init_answers_writes_a_template_that_assess_then_reads()
    {
        var path = Path.Combine(dir.Path, "answers.yaml");
        var init = await Run("assess", "--init-answers", path);
        Assert.Equal(0, init.Code);
        Assert.Contains("runbooks:", File.ReadAllText(path));
        var again = await Run("assess", "--init-answers", path);
        Assert.NotEqual(0, again.Code);
        Assert.Contains("exists already", again.Err);

        File.WriteAllText(path, File.ReadAllText(path).Replace("\nrunbooks:\n", "\nrunbooks: most\n", StringComparison.Ordinal));
        Seeded();
        var json = await Run("assess", "--db", Db, "--answers", path, "--format", "json");
        Assert.Equal(0, json.Code);
        Assert.Contains("\"basis\": \"answers\"", json.Out);
    }

    [Fact]
    public async Task Bad_rubric_and_answers_files_fail_with_the_file_and_line()
    {
        var rubric = Path.Combine(dir.Path, "rubric.yaml");
        File.WriteAllText(rubric, "version: 2\n");
        var r = await Run("assess", "--db", Db, "--rubric", rubric);
        Assert.Equal(InsightCli.Failed, r.Code);
        Assert.Contains("rubric.yaml: line 1: version 2 is not supported", r.Err);

        var answers = Path.Combine(dir.Path, "a.yaml");
        File.WriteAllText(answers, "game_days_per_year: many\n");
        var a = await Run("assess", "--db", Db, "--answers", answers);
        Assert.Equal(InsightCli.Failed, a.Code);
        Assert.Contains("a.yaml: line 1: game_days_per_year: 'many' is not a number of zero or more", a.Err);

        var missing = await Run("assess", "--db", Db, "--answers", Path.Combine(dir.Path, "nope.yaml"));
        Assert.Equal(InsightCli.Failed, missing.Code);
        Assert.Contains("--init-answers", missing.Err);
    }
}
