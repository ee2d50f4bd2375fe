namespace InsightEngine.Reports;

/// <summary>Row-list helpers.</summary>
internal static class RowExtensions
{
    /// <summary>The first row, or null when there is none (an overall row of an empty scope).</summary>
    public static T? FirstRow<T>(this IReadOnlyList<T> rows) where T : class => rows.Count > 0 ? rows[0] : null;
}
