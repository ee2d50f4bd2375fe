using InsightEngine.Generation;

namespace InsightEngine.Tests.Generation;

/// <summary>The committed sample-data/ is exactly what the generator writes with its defaults: it cannot drift.</summary>
public class SampleDataTests
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InsightEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException("InsightEngine.sln not found above the test binaries.");
    }

    [Fact]
    public void Committed_sample_data_equals_the_generator_defaults()
    {
        var committed = Path.Combine(RepositoryRoot(), "sample-data");
        using var fresh = new TempDir();
        SampleGenerator.Generate(new GeneratorOptions(), fresh.Path);
        foreach (var file in SampleGenerator.Files.Values.Append("TRUTH.json"))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(committed, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(fresh.Path, file))),
                $"sample-data/{file} differs from the generator's output: run 'insight generate --out sample-data' and commit it.");
        }
    }
}
