namespace InsightEngine.Model;

/// <summary>Canonical severities: SEV1 (critical) … SEV5 (informational), and <c>unknown</c>, never dropped.</summary>
public static class Severity
{
    /// <summary>The canonical values in order, most severe first, <c>unknown</c> last.</summary>
    public static IReadOnlyList<string> All { get; } = ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5", Unknown];

    /// <summary>A severity the source did not give or that no mapping knows.</summary>
    public const string Unknown = "unknown";
}
