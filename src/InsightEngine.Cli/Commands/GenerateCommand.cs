using System.CommandLine;
using System.Globalization;
using InsightEngine.Generation;

namespace InsightEngine.Cli.Commands;

/// <summary><c>insight generate --seed N --weeks W --scale S --out DIR</c>: a fictional organisation's exports and TRUTH.json.</summary>
public static class GenerateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var defaults = new GeneratorOptions();
        var seed = new Option<int>("--seed") { Description = $"Random seed. Default: {defaults.Seed}", DefaultValueFactory = _ => defaults.Seed };
        var weeks = new Option<int>("--weeks") { Description = $"Weeks of history (4-520). Default: {defaults.Weeks}", DefaultValueFactory = _ => defaults.Weeks };
        var scale = new Option<int>("--scale") { Description = "Size multiplier: 1 ≈ 150 engineers; 100 is the benchmark workload. Default: 1", DefaultValueFactory = _ => 1 };
        var profile = new Option<string>("--profile")
        {
            Description = "How the organisation runs incidents: " + string.Join("; ", OrganizationProfile.All.Select(p => $"{p.Name}: {p.Summary}")) +
                          $" Default: {OrganizationProfile.Default.Name}",
            DefaultValueFactory = _ => OrganizationProfile.Default.Name,
        };
        profile.AcceptOnlyFromAmong([.. OrganizationProfile.All.Select(p => p.Name)]);
        var output = new Option<string>("--out") { Description = "Folder to write into (created if missing).", Required = true };

        var command = new Command("generate", "Write a fictional organisation's exports in every format we read, with the planted facts in TRUTH.json.")
        {
            seed, weeks, scale, profile, output,
        };
        command.SetAction(result =>
        {
            var options = new GeneratorOptions { Seed = result.GetValue(seed), Weeks = result.GetValue(weeks), Scale = result.GetValue(scale),
                Profile = OrganizationProfile.Find(result.GetValue(profile)!) };
            var dir = result.GetValue(output)!;
            var truth = SampleGenerator.Generate(options, dir);
            foreach (var file in SampleGenerator.Files.Values)
            {
                var info = new FileInfo(Path.Combine(dir, file));
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(dir, file)} ({info.Length / 1024.0:N0} KiB)"));
            }
            context.Out.WriteLine($"wrote {Path.Combine(dir, "TRUTH.json")}");
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{truth.Organization.Engineers} engineers in {truth.Organization.Teams} teams, {truth.Incidents.Total} incidents " +
                $"({truth.Incidents.Open} open), {truth.NoisiestAlertRules.Count} planted noisy alert rules, " +
                $"anomalous week {truth.AnomalousWeek.IsoWeek}, recurring problem on {truth.RecurringProblem.Service} ({truth.RecurringProblem.Occurrences}×)."));
            return InsightCli.Ok;
        });
        return command;
    }
}
