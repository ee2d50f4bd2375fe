using InsightEngine.Maturity;

namespace InsightEngine.Tests.Maturity;

/// <summary>The rubric file: the shipped one is complete and cited; a malformed one gets every problem with its line.</summary>
public sealed class RubricTests
{
    [Fact]
    public void The_shipped_rubric_loads_and_cites_every_threshold()
    {
        var rubric = Rubric.Default();
        Assert.Equal(["ownership", "response"], rubric.Models.Select(m => m.Id));
        Assert.Equal(["Centralized", "Distributed", "Democratized"], rubric.Models[0].Stages.Select(s => s.Name));
        Assert.Equal(["Reactive", "Responsive", "Proactive", "Elite"], rubric.Models[1].Stages.Select(s => s.Name));
        Assert.Equal(["Preparation", "Detection & Analysis", "Containment & Eradication", "Recovery", "Post-Incident Learning"], rubric.Phases.Select(p => p.Name));
        Assert.Equal(7, rubric.Bands.Count);
        Assert.All(rubric.Signals.Values, s => Assert.False(string.IsNullOrWhiteSpace(s.Source)));
        Assert.All(rubric.Models.SelectMany(m => m.Stages).SelectMany(s => s.Requires), r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        Assert.Equal(Rubric.KnownSignals.Keys.Order(), rubric.Signals.Keys.Order());   // every signal has a scale
        Assert.Equal(3600, rubric.Signals["ttr_median_high"].Good);                      // "1h" read as seconds
        // Every piece of advice quotes a figure from the data (the value, its n or detail, or the incident count).
        Assert.All(rubric.Signals.Values.SelectMany(s => new[] { s.Advice, s.Missing }),
            t => Assert.True(t.Contains("{value}") || t.Contains("{n}") || t.Contains("{detail}") || t.Contains("{incidents}"), t));
    }

    [Theory]
    [InlineData(0.25, 100)]
    [InlineData(0.60, 0)]
    [InlineData(0.425, 50)]
    [InlineData(0.10, 100)]
    [InlineData(0.90, 0)]
    public void A_signal_scores_linearly_between_poor_and_good(double value, double score) =>
        Assert.Equal(score, Rubric.Default().Signals["top_team_share"].Score(value), 6);

    [Fact]
    public void A_malformed_rubric_lists_every_problem_with_its_line()
    {
        var text = """
            version: 1
            signals:
              top_team_share: {label: x, better: lower, good: 0.2, poor: 0.6, min_n: 5, source: ours, advice: "{value}", missing: "{incidents}"}
              noise_ratoi: {label: x, better: lower, good: 0.2, poor: 0.6, min_n: 5, source: ours, advice: a, missing: b}
              ttr_median_high: {label: x, better: sideways, good: soon, poor: 1d, min_n: 5, source: ours, advice: "{valeu}", missing: b}
            models:
              - id: m
                stages:
                  - {id: a, name: A}
                  - id: b
                    requires:
                      - {signal: top_team_share, at_most: 0.4}
                      - {signal: recurrence_rate, at_least: 0.1, source: ours}
            phases:
              - {id: p, name: P, weights: {top_team_share: -1}}
            bands:
              - {name: Initial, from: 10}
            colour: blue
            """;
        var e = Assert.Throws<InvalidDataException>(() => Rubric.Parse(text, "my-rubric.yaml"));
        Assert.Contains("my-rubric.yaml: line 4: unknown signal 'noise_ratoi' (did you mean 'noise_ratio'?)", e.Message);
        Assert.Contains("line 5", e.Message);
        Assert.Contains("better must be 'higher' or 'lower', not 'sideways'", e.Message);
        Assert.Contains("good must be a number of seconds or a duration such as 30m, 4h, 1d, not 'soon'", e.Message);
        Assert.Contains("unknown placeholder {valeu}", e.Message);
        Assert.Contains("stage b: top_team_share: 'source' is required", e.Message);
        Assert.Contains("stage b: 'recurrence_rate' is not a signal of this rubric", e.Message);
        Assert.Contains("the weight of top_team_share must be a number above 0", e.Message);
        Assert.Contains("'bands' must start with a band from 0", e.Message);
        Assert.Contains("unknown key 'colour'", e.Message);
    }

    [Fact]
    public void Not_yaml_and_missing_files_are_clear_errors()
    {
        Assert.Contains("r.yaml: line 2: not valid YAML", Assert.Throws<InvalidDataException>(() => Rubric.Parse("signals: [unclosed", "r.yaml")).Message);
        Assert.Contains("a rubric is a mapping", Assert.Throws<InvalidDataException>(() => Rubric.Parse("- a\n- b\n", "r.yaml")).Message);
        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => Rubric.Load("/nonexistent/rubric.yaml")).Message);
    }
}
