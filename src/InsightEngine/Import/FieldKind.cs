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
}
