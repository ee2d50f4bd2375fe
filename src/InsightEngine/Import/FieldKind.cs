namespace InsightEngine.Import;

/// <summary>How a raw cell is read into its canonical type. Each kind is one SQL conversion in <see cref="StagingSql"/>.</summary>
public enum FieldKind
{
    /// <summary>Text, trimmed; null markers (empty, NULL, N/A, -, ?) become null.</summary>
    Text,

    /// <summary>A point in time: ISO 8601 with or without offset, common vendor formats, or epoch seconds/milliseconds.</summary>
    Timestamp,

    /// <summary>true/false, yes/no, 1/0, t/f.</summary>
    Boolean,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A duration written as a number of seconds (PagerDuty <c>seconds_to_first_ack</c>).</summary>
    Seconds,

    /// <summary>A duration written as a number of milliseconds (Opsgenie <c>ackTime</c>).</summary>
    Milliseconds,

    /// <summary>
    /// A duration as ServiceNow writes one: plain seconds (<c>7500</c>), seconds with thousands separators
    /// (<c>calendar_stc</c> display: <c>1,234,567</c>), the raw glide duration (<c>1970-01-01 02:05:00</c>, <c>1970-02-10 03:00:00</c>: time since the
    /// epoch), or the display text (<c>1 Day 2 Hours 5 Minutes</c>, also <c>d</c>/<c>h</c>/<c>m</c>/<c>s</c> units).
    /// </summary>
    Duration,
}
