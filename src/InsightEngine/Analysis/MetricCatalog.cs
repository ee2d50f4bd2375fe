using InsightEngine.Analysis.Metrics;
using InsightEngine.Store;

using InsightEngine.Settings;

namespace InsightEngine.Analysis;

/// <summary>One metric as the CLI and API offer it.</summary>
/// <param name="Name">Its name: <c>insight metrics NAME</c>, <c>/api/metrics/NAME</c>.</param>
/// <param name="Summary">One line on what it answers.</param>
/// <param name="DefaultBy">The grouping when none is asked for (<c>rank</c> for ranked lists, <c>figure</c> for deltas).</param>
/// <param name="Groupings">The groupings it accepts (empty: it does not group).</param>
/// <param name="QueryPath">The embedded SQL file that defines it.</param>
/// <param name="Compute">Computes it.</param>
public sealed record MetricDefinition(string Name, string Summary, string DefaultBy, IReadOnlyList<string> Groupings, string QueryPath,
    Func<AnalysisSession, MetricRequest, IMetricReport> Compute);

/// <summary>Every metric of docs/metrics.md, by name: the single list the CLI, API, reports and notebooks draw on.</summary>
public static class MetricCatalog
{
    private static readonly string[] Dimensions = ["all", "severity", "service", "team", "week", "month"];

    /// <summary>The metrics, in the order a review reads them.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        new("response", "TTA / TTR / TTM / TTD: median, p90, mean, n, open, Kaplan-Meier median of TTR", "severity", Dimensions, Response.QueryPath, Response.Compute),
        new("frequency", "Incidents per ISO week, by severity / service / team; share of low-severity incidents", "all",
            ["all", "severity", "service", "team", "week"], Frequency.QueryPath, Frequency.Compute),
        new("noise", "Alert noise ratio and noise kinds per service / team / severity / rule / period", "service",
            [.. Dimensions, "rule"], Noise.QueryPath, Noise.Compute),
        new("noisy-alerts", "Alert rules ranked by noise: count, noise %, out-of-hours share, median open, pages", "rank", [], Noise.NoisyQueryPath, Noise.Noisiest),
        new("recurrence", "Recurrence rate: incidents that are the return of a recently resolved problem", "all", Dimensions, Recurrence.QueryPath, Recurrence.Compute),
        new("recurring-problems", "The problems that keep coming back, first/last seen, postmortems and action items", "rank", [],
            Recurrence.ProblemsQueryPath, Recurrence.TopProblems),
        new("follow-through", "Postmortem completion for SEV1-2 (and within 14 days); action items done / open / overdue, SMART share", "all", Dimensions,
            FollowThrough.QueryPath, FollowThrough.Compute),
        new("action-items", "Who owes what: action items done / open / overdue / median days to close and SMART share, by owner or team", "owner",
            ["owner", "team", "severity", "all"], FollowThrough.ActionItemsQueryPath, FollowThrough.ActionItems),
        new("loop-closed", "Did the loop close: recurrence of problems whose action items were all done vs open or none", "follow_up", [],
            FollowThrough.LoopClosedQueryPath, FollowThrough.LoopClosed),
        new("oncall", "Pages per responder per week, out-of-hours and sleep-hour pages, top-10% load share", "all", Dimensions, OnCall.QueryPath, OnCall.Compute),
        new("oncall-responders", "Responders ranked by pages received", "rank", [], OnCall.RespondersQueryPath, OnCall.Responders),
        new("declaration", "Who declares: distinct declarers, outside engineering, human vs automatic", "all", Dimensions, Declaration.QueryPath, Declaration.Compute),
        new("incidents", "The incidents in scope, most severe first: times, open, recurrence, link to the source", "rank", [],
            Lists.IncidentsQueryPath, Lists.Incidents),
        new("pages-by-hour", "Pages per local hour of the week (168 cells): the on-call load heat map", "hour", [],
            Lists.HourOfWeekQueryPath, Lists.PagesByHour),
        new("overdue", "Overdue postmortems and action items with their owners, the most overdue first", "rank", [], Lists.OverdueQueryPath, Lists.Overdue),
        new("followups-due", "Postmortems and action items falling due in the period (--from/--to bound the due time), not done", "rank", [],
            Lists.DueQueryPath, Lists.Due),
        new("noisy-alerts-weekly", "The noisiest rules' alerts, noise and pages week by week", "rank", [],
            Lists.NoisyWeeklyQueryPath, Lists.NoisyWeekly),
        new("deltas", "Every headline figure of a week vs last week and vs the trailing 12 weeks' normal range", "figure", [], Deltas.QueryPath, Deltas.Compute),
    ];

    /// <summary>A metric by name.</summary>
    public static MetricDefinition Get(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"'{name}' is not a metric (use one of: {string.Join(", ", All.Select(m => m.Name))}).");

    /// <summary>The grouping to use for <paramref name="metric"/>: <paramref name="by"/> if it accepts it, its default if null.</summary>
    public static string Grouping(string metric, string? by)
    {
        var definition = Get(metric);
        if (by is null) return definition.DefaultBy;
        if (definition.Groupings.Count == 0)
            throw new InvalidSettingException("by", $"does not apply: {metric} is a ranked list and does not group (filter with service, team, severity instead).");
        if (!definition.Groupings.Contains(by))
            throw new InvalidSettingException("by", $"'{by}' is not a grouping of {metric} (use one of: {string.Join(", ", definition.Groupings)}).");
        return by;
    }

    /// <summary>
    /// Every metric over one request (<c>insight metrics all</c>): each with the request's grouping where it accepts it,
    /// else its own default.
    /// </summary>
    public static IReadOnlyDictionary<string, IMetricReport> ComputeAll(AnalysisSession session, MetricRequest request)
    {
        request.Validate();
        var fixedAsOf = request with { AsOf = request.AsOf ?? MetricQueries.DataAsOf(session.Store) };
        var results = new Dictionary<string, IMetricReport>(StringComparer.Ordinal);
        // Alert classes, page recipients and recurrence are each shared by several metrics: computed once here.
        using var shared = session.Materialize(fixedAsOf, MetricQueries.Scope(session.Store, fixedAsOf, "(all)"));
        foreach (var m in All)
        {
            var by = request.By is { } b && m.Groupings.Contains(b) ? b : null;
            results[m.Name] = m.Compute(session, fixedAsOf with { By = by });
        }
        return results;
    }

    /// <summary>Every metric in a session of its own on <paramref name="store"/>.</summary>
    public static IReadOnlyDictionary<string, IMetricReport> ComputeAll(InsightStore store, MetricRequest request)
    {
        using var session = new AnalysisSession(store);
        return ComputeAll(session, request);
    }
}
