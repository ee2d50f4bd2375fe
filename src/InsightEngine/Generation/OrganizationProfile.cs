namespace InsightEngine.Generation;

/// <summary>
/// How the generated organisation runs its incidents: who declares and leads them, how severe they are said to be, how
/// fast they are fixed, how noisy the alerting is, and whether it learns (postmortems, problems that stop returning).
/// <see cref="Default"/> is the sample's "Acme Loop"; the others are built to sit on a known stage of each maturity model
/// (docs/maturity.md), so the assessment can be tested against them.
/// </summary>
/// <param name="Name">The <c>--profile</c> name.</param>
/// <param name="Summary">What the profile is, in a sentence.</param>
/// <param name="CentralDeclarerShare">Share of incidents declared by the central SRE team's three leads.</param>
/// <param name="OutsideDeclarerShare">Share declared by people outside engineering (support, customer success, legal).</param>
/// <param name="CentralOwnership">Share of incidents led by the central SRE team instead of the service's owners.</param>
/// <param name="SeverityMix">SEV1..SEV5 shares.</param>
/// <param name="ResponseFactor">Multiplies the planted TTA and TTR medians.</param>
/// <param name="NoiseFactor">Multiplies the planted noisy rules' volume.</param>
/// <param name="ActionableShare">Share of ordinary rules' alerts that are actionable.</param>
/// <param name="HeroShare">Share of a team's pages its first engineer takes.</param>
/// <param name="PostmortemRate">Share of resolved SEV1–2 incidents with a postmortem document linked.</param>
/// <param name="RecurringProblemStopsAt">Fraction of the history after which the planted recurring problem is fixed (null: never).</param>
/// <param name="Learning">Chance, growing linearly to this value over the history, that a problem seen in the last 30 days
/// does not come back (its incident is a different problem instead).</param>
/// <param name="GrowingProblem">Extra SEV4 incidents a week added each week on one service (<see cref="LearningPlants"/>); 0: none.</param>
/// <param name="FollowUpRate">Share of resolved SEV1–2 incidents, in the tools that record postmortems, that get a postmortem record
/// with action items (<see cref="FollowUpPlants"/>); 0: none.</param>
public sealed record OrganizationProfile(
    string Name,
    string Summary,
    double CentralDeclarerShare = 0.62,
    double OutsideDeclarerShare = 0.08,
    double CentralOwnership = 0,
    double[]? SeverityMix = null,
    double ResponseFactor = 1,
    double NoiseFactor = 1,
    double ActionableShare = 0.75,
    double HeroShare = 0.4,
    double PostmortemRate = 0,
    double? RecurringProblemStopsAt = null,
    double Learning = 0,
    double GrowingProblem = LearningPlants.TrendSlope,
    double FollowUpRate = 0)
{
    /// <summary>SEV1..SEV5 shares in effect.</summary>
    public double[] Severities => SeverityMix ?? IncidentGenerator.SeverityMix;

    /// <summary>The sample's organisation: a central SRE team declares most incidents; postmortems for most serious incidents, with gaps.</summary>
    public static readonly OrganizationProfile Default = new("acme-loop",
        "The sample: service teams own incidents, but three SREs declare most of them; alerting has five noisy rules; most serious incidents get a " +
        "postmortem, some late or never, and their action items are often overdue, unowned or vague.", FollowUpRate: 0.7);

    /// <summary>Centralized and drowning in noise.</summary>
    public static readonly OrganizationProfile CentralizedNoisy = new("centralized-noisy",
        "A central ops team leads and declares nearly everything, few low-severity incidents are declared, alerting is mostly noise, response is slow.",
        CentralDeclarerShare: 0.85, OutsideDeclarerShare: 0.02, CentralOwnership: 0.7, SeverityMix: [0.15, 0.40, 0.30, 0.10, 0.05],
        ResponseFactor: 2.5, NoiseFactor: 5, ActionableShare: 0.35, HeroShare: 0.6, PostmortemRate: 0.85);

    /// <summary>Distributed, responds well, learns little.</summary>
    public static readonly OrganizationProfile DistributedPoorLearning = new("distributed-poor-learning",
        "Service teams lead and declare their own incidents and fix them fast with quiet alerting, but postmortems are rare and problems keep coming back.",
        CentralDeclarerShare: 0.05, OutsideDeclarerShare: 0.03, ResponseFactor: 0.5, NoiseFactor: 0.3, ActionableShare: 0.9, HeroShare: 0.25,
        PostmortemRate: 0.1);

    /// <summary>Democratized and learning.</summary>
    public static readonly OrganizationProfile DemocratizedLearning = new("democratized-learning",
        "Anyone declares (support and legal too), many small incidents, fast response, a postmortem for nearly every serious incident, and problems stop returning.",
        CentralDeclarerShare: 0.05, OutsideDeclarerShare: 0.3, SeverityMix: [0.02, 0.08, 0.25, 0.40, 0.25], ResponseFactor: 0.5, NoiseFactor: 0.5,
        ActionableShare: 0.8, HeroShare: 0.1, PostmortemRate: 0.95, RecurringProblemStopsAt: 0.3, Learning: 0.9, GrowingProblem: 0);

    /// <summary>Every profile, by name.</summary>
    public static IReadOnlyList<OrganizationProfile> All { get; } = [Default, CentralizedNoisy, DistributedPoorLearning, DemocratizedLearning];

    /// <summary>The profile called <paramref name="name"/>, or an error listing the valid names.</summary>
    public static OrganizationProfile Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"--profile '{name}' is not known. Profiles: {string.Join(", ", All.Select(p => p.Name))}.");
}
