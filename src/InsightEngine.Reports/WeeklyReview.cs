using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Learning;
using InsightEngine.Store;

namespace InsightEngine.Reports;

/// <summary>A noisy rule of the week with what to do about it.</summary>
public sealed record AdvisedRule(NoisyAlertRow Rule, RuleAdvice Advice);

/// <summary>What the learning layer says about the week: abnormal series and incidents, and the forecast.</summary>
/// <param name="WeeklyFlags">Series (organisation, severity, service, team) whose count this week is abnormal for them.</param>
/// <param name="IncidentFlags">Incidents of this week abnormal for their severity.</param>
/// <param name="Forecast">The organisation's weekly incidents, observed and forecast (null: too little history).</param>
/// <param name="ForecastVerdict">The forecast's backtest in one sentence.</param>
/// <param name="Backtest">The model's and the baselines' backtest errors.</param>
public sealed record WeeklyLearning(IReadOnlyList<WeeklyAnomaly> WeeklyFlags, IReadOnlyList<IncidentAnomaly> IncidentFlags,
    SeriesForecast? Forecast, string ForecastVerdict, IReadOnlyList<BacktestScore> Backtest);

/// <summary>
/// The weekly operational review's figures, every one computed by the metrics layer over the week's scope (so
/// <c>insight metrics NAME --from MONDAY --to NEXT-MONDAY</c> gives the same number) and the written summary drawn from them.
/// </summary>
public sealed record WeeklyReview(
    string Week, DateOnly WeekStart, DateTimeOffset From, DateTimeOffset To, DateTimeOffset AsOf, string TimeZone,
    string? Service, string? Team, string? Severity,
    IReadOnlyList<string> Summary,
    DeltaReport Headline,
    MetricReport<ResponseRow> Response,
    MetricReport<ResponseRow> PreviousResponse,
    MetricReport<IncidentListRow> Incidents,
    MetricReport<NoisyAlertRow> NoisyAlerts,
    IReadOnlyList<AdvisedRule> Advice,
    MetricReport<NoiseRow> Noise,
    MetricReport<RecurringProblemRow> RecurringProblems,
    MetricReport<OnCallRow> OnCall,
    MetricReport<ResponderRow> Responders,
    MetricReport<HourOfWeekRow> Load,
    MetricReport<FollowThroughRow> FollowThrough,
    MetricReport<OverdueRow> Overdue,
    WeeklyLearning? Learning)
{
    /// <summary>Postmortems and action items falling due in the week after the reviewed one (the week of the review meeting), not done.</summary>
    public MetricReport<FollowUpDueRow>? DueNext { get; init; }
}

/// <summary>Builds the weekly review from the store.</summary>
public static class WeeklyReviews
{
    /// <summary>Incidents listed in the review (the rest are counted).</summary>
    public const int ListedIncidents = 50;

    /// <summary>Computes every figure of the review of <see cref="MetricRequest.Week"/> (default: the last complete week).</summary>
    public static WeeklyReview Build(InsightStore store, ReportOptions options)
    {
        using var session = new AnalysisSession(store);
        return Build(session, options);
    }

    /// <summary>Builds the review in <paramref name="session"/>.</summary>
    public static WeeklyReview Build(AnalysisSession session, ReportOptions options)
    {
        var store = session.Store;
        var request = options.Request;
        request.Validate();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(request.Options.TimeZone);
        var asOf = request.AsOf ?? MetricQueries.DataAsOf(store);
        var monday = request.Week is { } w ? Deltas.ParseWeek(w) : Deltas.LastCompleteWeek(asOf, zone);
        var from = Deltas.StartOf(monday, zone);
        var to = Deltas.StartOf(monday.AddDays(7), zone);
        var fixedAsOf = request with { AsOf = asOf, Week = Deltas.Label(monday), By = null };
        var week = fixedAsOf with { Period = new Period(from, to) };
        var previous = fixedAsOf with { Period = new Period(Deltas.StartOf(monday.AddDays(-7), zone), from) };

        // The week's alert classes, pages and recurrences are shared by several figures: computed once.
        using var shared = session.Materialize(fixedAsOf, MetricQueries.Scope(store, fixedAsOf, "(weekly review)"));
        var headline = Deltas.Compute(session, fixedAsOf);
        var response = Response.Compute(session, week with { By = "severity" });
        var previousResponse = Response.Compute(session, previous with { By = "severity" });
        var incidents = Lists.Incidents(session, week with { Limit = int.MaxValue });
        var noisy = Noise.Noisiest(session, week with { Limit = options.Top });
        var noise = Noise.Compute(session, week with { By = "all" });
        var recurring = Recurrence.TopProblems(session, week with { Limit = 100 });
        recurring = recurring with { Rows = recurring.Rows.Where(r => r.Recurrences > 0).Take(options.Top).ToList() };
        var oncall = OnCall.Compute(session, week with { By = "all" });
        var responders = OnCall.Responders(session, week with { Limit = 5 });
        var load = Lists.PagesByHour(session, week);
        // Follow-through is owed for every incident so far, not only this week's: what is overdue now.
        var followThrough = FollowThrough.Compute(session, fixedAsOf with { By = "all" });
        var overdue = Lists.Overdue(session, fixedAsOf with { Limit = 20 });
        var dueNext = Lists.Due(session, fixedAsOf with { Period = new Period(to, Deltas.StartOf(monday.AddDays(14), zone)), Limit = 20 });

        var learning = options.Learning ? Learn(store, options, monday) : null;
        var review = new WeeklyReview(Deltas.Label(monday), monday, from, to, asOf, request.Options.TimeZone, request.Service, request.Team,
            request.Severity, [], headline, response, previousResponse, incidents, noisy,
            noisy.Rows.Select(r => new AdvisedRule(r, NoiseAdvice.For(r))).ToList(), noise, recurring, oncall, responders, load,
            followThrough, overdue, learning);
        review = review with { DueNext = dueNext };
        return review with { Summary = WeeklySummary.Write(review) };
    }

    private static WeeklyLearning Learn(InsightStore store, ReportOptions options, DateOnly monday)
    {
        // The learning layer counts the metrics' weeks (the review's zone) over the same incident facts and recurrence
        // window; the review's week is matched by its Monday's date.
        var metrics = options.Request.Options;
        // The models' results are reused while the store is unchanged (the CLI's and the service's folder beside the database).
        var learningOptions = LearningOptions.From(metrics) with
        {
            Seed = options.Seed, Cancellation = options.Cancellation, ModelFolder = LearningOptions.DefaultModelFolder(store.Path),
        };
        var (weeks, incidents) = Learner.Anomalies(store, learningOptions);
        var forecast = Learner.Forecast(store, learningOptions);
        var day = monday.ToDateTime(TimeOnly.MinValue);
        var weekFlags = weeks.Flags.Where(f => f.Week == day).OrderByDescending(f => f.Score).ToList();
        var incidentFlags = incidents.Flags.Where(f => f.CreatedAt >= day && f.CreatedAt < day.AddDays(7)).OrderByDescending(f => f.Score).ToList();
        var series = forecast.Series.FirstOrDefault(s => s.Measure == "incidents" && s.Dimension == "all");
        return new WeeklyLearning(weekFlags, incidentFlags, series, forecast.Verdict, forecast.Backtest);
    }
}
