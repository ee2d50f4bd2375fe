using System.Globalization;
using InsightEngine.Settings;

namespace InsightEngine.Analysis;

/// <summary>A half-open period [From, To) over incident creation time; either bound may be open.</summary>
public sealed record Period(DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>All time.</summary>
    public static Period All { get; } = new(null, null);

    /// <summary>Checks the bounds are in order.</summary>
    public void Validate()
    {
        if (From is not null && To is not null && From >= To)
            throw new InvalidSettingException("from", $"{Describe(From)} is not before the end of the period, {Describe(To)}: the period is empty.");
    }

    /// <summary>
    /// Parses a bound as people give it (CLI <c>--from</c>, API <c>?from=</c>): a date (UTC midnight) or an ISO 8601
    /// date-time, with or without offset (UTC); blank is null. The message names <paramref name="option"/>.
    /// </summary>
    public static DateTimeOffset? ParseInstant(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            return value;
        throw new InvalidSettingException(option.TrimStart('-').Replace('-', '_'), $"'{text}' is not a date. Use ISO 8601, e.g. 2026-05-04 or 2026-05-04T09:00:00+02:00.");
    }

    /// <summary>ISO 8601 text of a bound, or "open".</summary>
    public static string Describe(DateTimeOffset? bound) =>
        bound?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "open";

    /// <inheritdoc />
    public override string ToString() => From is null && To is null ? "all time" : $"[{Describe(From)}, {Describe(To)})";
}
