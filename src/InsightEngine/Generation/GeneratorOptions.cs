namespace InsightEngine.Generation;

/// <summary>The fictional organisation to generate. The same options always write the same files.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Random seed. Defaults to 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Weeks of history, starting on <see cref="Start"/>. Defaults to 26; at least 4 (the planted anomalous week needs a baseline).</summary>
    public int Weeks { get; init; } = 26;

    /// <summary>Multiplies teams, people, services and volumes. 1 ≈ 150 engineers; 100 is the benchmark workload.</summary>
    public int Scale { get; init; } = 1;

    /// <summary>First Monday of the history (UTC midnight). Fixed by default so the sample never changes with the clock.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 5, 4, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The organisation's home time zone: PagerDuty timestamps carry its offset, hour bands follow it.</summary>
    public string TimeZone { get; init; } = "Europe/Berlin";

    /// <summary>
    /// Every incident in the PagerDuty CSV and every alert in the Opsgenie CSV (the other files empty) instead of one
    /// tool per team: the benchmark's workload, where the file sizes matter and not the mix of formats.
    /// </summary>
    public bool SingleTool { get; init; }

    /// <summary>How the organisation runs its incidents (<see cref="OrganizationProfile"/>). Defaults to the sample's.</summary>
    public OrganizationProfile Profile { get; init; } = OrganizationProfile.Default;

    /// <summary>End of the history: the moment the exports were taken.</summary>
    public DateTimeOffset End => Start.AddDays(7 * Weeks);

    /// <summary>Checks the options, naming the bad value.</summary>
    public void Validate()
    {
        if (Weeks < 4 || Weeks > 520) throw new ArgumentException($"--weeks must be between 4 and 520, not {Weeks}.");
        if (Scale < 1 || Scale > 1000) throw new ArgumentException($"--scale must be between 1 and 1000, not {Scale}.");
        if (Start.DayOfWeek != DayOfWeek.Monday) throw new ArgumentException($"The start {Start:yyyy-MM-dd} must be a Monday.");
        _ = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
    }
}
