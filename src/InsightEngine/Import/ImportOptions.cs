namespace InsightEngine.Import;

/// <summary>How to import a file.</summary>
public sealed record ImportOptions
{
    /// <summary>IANA time zone for timestamps written without an offset. Defaults to UTC.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The format id to use (<c>insight formats</c> lists them); null detects it from the header.</summary>
    public string? Format { get; init; }

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad value and the valid ones.</summary>
    public void Validate()
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException(
                $"Unknown time zone '{TimeZone}'. Use an IANA name such as UTC, Europe/Berlin or America/New_York.", nameof(TimeZone), e);
        }

        if (Format is not null && FormatCatalog.Find(Format) is null)
        {
            throw new ArgumentException(
                $"Unknown format '{Format}'. Known formats: {string.Join(", ", FormatCatalog.All.Select(f => f.Id))}.", nameof(Format));
        }
    }
}
