namespace InsightEngine.Maturity;

/// <summary>
/// One piece of evidence the assessment rests on: a figure computed from the store (or an answer from the
/// questionnaire), with the number of observations behind it, the period, and where it came from.
/// </summary>
/// <param name="Id">The rubric's name for it (<c>top_team_share</c>).</param>
/// <param name="Value">The figure; null when the data cannot show it (missing data, never a failure).</param>
/// <param name="N">How many observations it rests on (incidents, alerts, pages, answers).</param>
/// <param name="Unit">share (0–1), seconds, ratio, points (a change in percentage points), count, flag (1 = yes), days.</param>
/// <param name="Basis">data or answers.</param>
/// <param name="Source">The metric query (or questionnaire key) it came from.</param>
/// <param name="From">Start of the period it covers (inclusive).</param>
/// <param name="To">End of the period (exclusive).</param>
/// <param name="Detail">Context named in the advice (e.g. the top team's name), or null.</param>
public sealed record MaturitySignal(string Id, double? Value, long N, string Unit, string Basis, string Source,
    DateTimeOffset From, DateTimeOffset To, string? Detail = null)
{
    /// <summary>
    /// The basis of a signal inferred from other facts rather than recorded (declared outside engineering because never
    /// paged): it counts half as evidence and can never on its own lift a stage.
    /// </summary>
    public const string Proxy = "proxy";

    /// <summary>True when there is a value to judge.</summary>
    public bool Known => Value is not null && N > 0;
}
