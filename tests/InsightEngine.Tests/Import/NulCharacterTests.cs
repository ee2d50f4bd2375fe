using System.Text.Json.Nodes;
using InsightEngine.Import;

namespace InsightEngine.Tests.Import;

/// <summary>JSON as people really write it: strings holding U+0000 (never cut short: a reject), bare top-level arrays.</summary>
public sealed class NulCharacterTests
{
    [Fact]
    public void Records_whose_strings_hold_a_nul_are_rejected_with_the_value_not_truncated_or_merged()
    {
        using var dir = new TempDir();
        var dump = JsonNode.Parse(File.ReadAllText(TestSupport.Fixture("pagerduty/incidents-api.json")))!;
        var incidents = dump["incidents"]!.AsArray();
        incidents[0]!["id"] = "A\u0000one";
        incidents[1]!["id"] = "A\u0000two";
        incidents[2]!["title"] = "Checkout\u0000 down";
        var path = TestSupport.WriteFile(dir, "incidents.json", dump.ToJsonString());
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(path);

        // The fixture's fourth incident is a reject of its own (PagerDutyJsonTests): all four are left out.
        Assert.Equal((4L, 0L, 4L), (r.Read, r.Inserted, r.Rejected));
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM incidents WHERE external_id LIKE 'A%' OR contains(title, chr(0))"));
        var rejects = store.Query("SELECT raw_value, reason FROM import_rejects WHERE contains(reason, 'NUL') ORDER BY line",
            x => (Raw: x.GetString(0), Reason: x.GetString(1)));
        Assert.Equal(["A\\u0000one", "A\\u0000two", "Checkout\\u0000 down"], rejects.Select(x => x.Raw));
        Assert.All(rejects, x => Assert.Contains("NUL character", x.Reason));
    }

    [Fact]
    public void A_bare_top_level_array_of_records_reads_like_the_wrapped_dump()
    {
        using var dir = new TempDir();
        var dump = JsonNode.Parse(File.ReadAllText(TestSupport.Fixture("pagerduty/incidents-api.json")))!;
        var bare = TestSupport.WriteFile(dir, "incidents.json", dump["incidents"]!.ToJsonString());
        using var wrapped = TestSupport.MemoryStore();
        var expected = new Importer(wrapped).ImportFile(TestSupport.Fixture("pagerduty/incidents-api.json"));
        using var store = TestSupport.MemoryStore();
        var r = new Importer(store).ImportFile(bare);

        Assert.Equal((expected.Format, expected.Read, expected.Inserted, expected.Rejected), (r.Format, r.Read, r.Inserted, r.Rejected));
        Assert.Equal(TestSupport.Dump(wrapped, "incidents", "external_id", "first_batch_id, last_batch_id"),
            TestSupport.Dump(store, "incidents", "external_id", "first_batch_id, last_batch_id"));
    }
}
