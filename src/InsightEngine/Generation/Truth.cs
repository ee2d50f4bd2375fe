using System.Text.Json;
using System.Text.Json.Serialization;

namespace InsightEngine.Generation;

/// <summary>
/// The planted facts of a generated organisation, written to <c>TRUTH.json</c> beside its exports: what the
/// generator was told to plant (<c>planted_*</c>) and what it actually wrote (the realised figures, computed here in
/// C# with the metric definitions), so tests can check that import + analysis recover both.
/// </summary>
public sealed record Truth(
    TruthGenerator Generator,
    TruthOrganization Organization,
    IReadOnlyDictionary<string, string> Files,
    TruthCounts Incidents,
    IReadOnlyDictionary<string, TruthDuration> TimeToResolveBySeverity,
    IReadOnlyDictionary<string, TruthDuration> TimeToAcknowledgeBySeverity,
    IReadOnlyList<TruthNoisyRule> NoisiestAlertRules,
    TruthRecurringProblem RecurringProblem,
    TruthAnomalousWeek AnomalousWeek,
    TruthDeclarers Declarers,
    TruthOnCall OnCall)
{
    /// <summary>The growing problem the forecast must follow (<see cref="LearningPlants"/>).</summary>
    public TruthTrend? Trend { get; init; }

    /// <summary>The planted postmortems and action items (<see cref="FollowUpPlants"/>).</summary>
    public TruthFollowThrough? FollowThrough { get; init; }

    /// <summary>The incidents planted abnormal for their kind (<see cref="LearningPlants"/>).</summary>
    public IReadOnlyList<TruthAbnormalIncident>? AbnormalIncidents { get; init; }

    /// <summary>The JSON settings of TRUTH.json.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads a TRUTH.json.</summary>
    public static Truth Load(string path) =>
        JsonSerializer.Deserialize<Truth>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
}

/// <summary>How the data set was made.</summary>
public sealed record TruthGenerator(int Seed, int Weeks, int Scale, DateTimeOffset Start, DateTimeOffset End, string TimeZone, string Profile = "acme-loop");

/// <summary>Size of the organisation.</summary>
public sealed record TruthOrganization(int Teams, int Services, int Engineers, int NonEngineers);

/// <summary>Incident counts.</summary>
public sealed record TruthCounts(int Total, int Open, IReadOnlyDictionary<string, int> BySeverity);

/// <summary>A duration distribution: planted median/p90 and the realised figures over the rows written.</summary>
public sealed record TruthDuration(double PlantedMedianSeconds, double PlantedP90Seconds, int N, double MedianSeconds, double P90Seconds, double MeanSeconds);

/// <summary>A planted noisy alert rule with its realised volume.</summary>
public sealed record TruthNoisyRule(int Rank, string Fingerprint, string Service, string DominantNoiseKind, int Alerts, int NoiseAlerts, double NoiseShare);

/// <summary>The planted recurring problem.</summary>
public sealed record TruthRecurringProblem(string Service, string TitleExample, string NormalizedTitle, int Occurrences, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>The planted anomalous week.</summary>
public sealed record TruthAnomalousWeek(string IsoWeek, DateTimeOffset WeekStart, int Incidents, double TypicalWeeklyIncidents, string Service, int IncidentsOnService);

/// <summary>Who declares incidents.</summary>
public sealed record TruthDeclarers(int Distinct, double TopThreeShare, IReadOnlyList<string> TopThree, double OutsideEngineeringShare, IReadOnlyList<string> CarriedByFormats, string Note);

/// <summary>
/// Who carries the pager: pages are incidents (to their assignee, where the export names one) and alerts (to who
/// acknowledged them); the top 10% of responders by pages, and their share of the attributed pages.
/// </summary>
public sealed record TruthOnCall(double PlantedHeroShare, int Responders, int AttributedPages, int Unattributed, double Top10Share,
    IReadOnlyList<string> TopResponders, string Note);

/// <summary>A steadily growing problem: weekly counts on its service, and of its severity organisation-wide.</summary>
public sealed record TruthTrend(string Service, string Severity, double WeeklyIncrease, IReadOnlyList<int> WeeklyOnService, IReadOnlyList<int> WeeklyAtSeverity);

/// <summary>An incident planted abnormal for its kind, and what is abnormal about it.</summary>
public sealed record TruthAbnormalIncident(string Id, int Number, string Title, string Service, string Severity, DateTimeOffset CreatedAt, string Why);

/// <summary>The planted follow-through (<see cref="FollowUpPlants"/>): what <c>insight metrics follow-through</c> must give back.</summary>
public sealed record TruthFollowThrough(
    int PostmortemDue, int PostmortemCompleted, double? PostmortemCompletion, int PostmortemWithinDue, double? PostmortemWithinDueShare,
    int ActionItems, int ActionItemsDone, int ActionItemsOpen, int ActionItemsCancelled, int ActionItemsOverdue, int ActionItemsNoDueDate,
    int SmartItems, double? SmartShare, string Note);
