namespace InsightEngine.Tests;

/// <summary>
/// Which tests run. <c>dotnet test</c> alone runs the fast suite (under five minutes on two cores): every unit and
/// integration test. The slow end-to-end cases — the walkthroughs run with dotnet run, the Python notebook in Jupyter, a browser, generated organisations assessed
/// end to end, the demo, model training through the CLI — are marked <see cref="SlowFactAttribute"/> /
/// <see cref="SlowTheoryAttribute"/> and run when <c>INSIGHT_TESTS=all</c>, which <c>./test.sh</c> (the README's test
/// command, and what CI runs) sets. Skipped ones say how to run them.
/// </summary>
internal static class SlowTests
{
    /// <summary>The environment variable that turns the slow tests on.</summary>
    public const string Variable = "INSIGHT_TESTS";

    /// <summary>True when every test runs.</summary>
    public static bool Enabled => string.Equals(Environment.GetEnvironmentVariable(Variable), "all", StringComparison.OrdinalIgnoreCase);

    /// <summary>The skip reason when they do not.</summary>
    public static string? SkipReason => Enabled ? null : $"slow end-to-end test: ./test.sh (what CI runs) runs it, or set {Variable}=all";
}

/// <summary>A slow end-to-end fact (see <see cref="SlowTests"/>).</summary>
public sealed class SlowFactAttribute : FactAttribute
{
    public SlowFactAttribute() => Skip = SlowTests.SkipReason;
}

/// <summary>A slow end-to-end theory (see <see cref="SlowTests"/>).</summary>
public sealed class SlowTheoryAttribute : TheoryAttribute
{
    public SlowTheoryAttribute() => Skip = SlowTests.SkipReason;
}
