namespace InsightEngine.Maturity;

/// <summary>One requirement of a stage, judged: met, not_met, or unknown (the data cannot show it: not a failure).</summary>
public sealed record RequirementResult(string Signal, string Label, string Op, double Threshold, string ThresholdText, double? Value, string ValueText,
    long N, string Status, double Evidence, string Basis, string Source, string Citation);

/// <summary>A stage, judged: reached, not_reached (a requirement is not met), undetermined (too little evidence), not_assessed (above the stop).</summary>
public sealed record StageResult(string Id, string Name, string Summary, string Status, IReadOnlyList<RequirementResult> Requirements);

/// <summary>Where the organisation stands on one model, how sure that is, and what reaching the next stage takes.</summary>
/// <param name="Level">1-based position of <paramref name="Stage"/> among <paramref name="Levels"/>.</param>
/// <param name="Confidence">0–1: the evidence behind the requirements that decided the stage (missing data lowers it).</param>
public sealed record ModelPlacement(string Model, string Name, string Source, string Stage, string StageName, int Level, int Levels,
    double Confidence, string ConfidenceLabel, string? NextStage, IReadOnlyList<StageResult> Stages, IReadOnlyList<string> NextSteps);

/// <summary>A signal's part in a phase score.</summary>
public sealed record SignalScore(string Signal, string Label, double? Value, string ValueText, long N, double? Score, double Weight, double Evidence,
    string Basis, string Source);

/// <summary>A lifecycle phase's 0–100 score (null when nothing shows it) and its confidence (share of its weight with evidence).</summary>
public sealed record PhaseScore(string Phase, string Name, double? Score, double Confidence, IReadOnlyList<SignalScore> Signals);

/// <summary>The overall score (mean of the phase scores) and its band on the 7-level scale.</summary>
public sealed record OverallScore(double? Score, string? Band, double Confidence);

/// <summary>The same assessment for one calendar quarter, for the trend.</summary>
public sealed record QuarterAssessment(string Quarter, DateTimeOffset From, DateTimeOffset To, long Incidents,
    IReadOnlyDictionary<string, string> Stages, IReadOnlyDictionary<string, double?> Phases, double? Overall, string? Band, double Confidence);

/// <summary>The whole assessment of one period: evidence, placements, phase scores, next steps and the quarterly trend.</summary>
public sealed record Assessment(
    DateTimeOffset From, DateTimeOffset To, DateTimeOffset AsOf, string TimeZone, string Rubric, string? Answers, long Incidents,
    IReadOnlyList<ModelPlacement> Models, IReadOnlyList<PhaseScore> Phases, string? WeakestPhase, OverallScore Overall,
    IReadOnlyList<string> NextSteps, IReadOnlyList<string> MissingEvidence, IReadOnlyList<MaturitySignal> Signals,
    IReadOnlyList<QuarterAssessment> Quarters,
    IReadOnlyDictionary<string, string>? Settings = null);
