using InsightEngine.Import;
using InsightEngine.Import.Csv;

namespace InsightEngine.Tests.Import;

/// <summary>
/// The import plan is decided before anything runs and can be read without a store: what each column fills, which
/// columns order versions, and that nothing a file contains (its column names included) becomes SQL text.
/// </summary>
public sealed class ImportPlanTests
{
    private static ImportPlan ServiceNow(params string[] extra)
    {
        var header = CsvHeader.FromNames(["number", "short_description", "opened_at", "resolved_at", "priority", "state", "sys_mod_count", "sys_updated_on", .. extra]);
        var format = FormatDetector.Detect("incidents.csv", header);
        return ImportPlan.For(format, header, new ImportOptions());
    }

    [Fact]
    public void A_plan_says_what_each_column_fills_and_which_columns_order_versions()
    {
        var plan = ServiceNow();
        Assert.Equal("servicenow-incidents-csv", plan.Format.Id);
        Assert.Equal("incidents", plan.Table);
        Assert.Equal(["version", "updated_at"], plan.VersionColumns);
        Assert.Equal("number", plan.Bound.Single(b => b.Field.Name == "external_id").SourceColumn);
        Assert.Equal(("opened_at", "column"), plan.RecordableFields["created_at"]);
        Assert.False(plan.RecordableFields.ContainsKey("acknowledged_at"));   // the list export records no acknowledgement
        Assert.Contains("version", plan.CanonicalColumns);
    }

    [Fact]
    public void Column_names_from_the_file_reach_sql_only_as_parameters()
    {
        const string hostile = "x'); DROP TABLE incidents; --";
        var header = CsvHeader.FromNames(["number", "short_description", "opened_at", "resolved_at", "priority", "state", hostile]);
        using var dir = new TempDir();
        var mapping = TestSupport.WriteFile(dir, "hostile.yaml", """
            source: custom
            entity: incident
            columns:
              external_id: number
              title: "x'); DROP TABLE incidents; --"
              created_at: opened_at
            """);
        var format = new InsightEngine.Import.Mapping.MappedFormat(InsightEngine.Import.Mapping.MappingFile.Load(mapping));
        var plan = ImportPlan.For(format, header, new ImportOptions());
        Assert.Equal(hostile, plan.Bound.Single(b => b.Field.Name == "title").SourceColumn);
        foreach (var sql in new[] { plan.Rows("relation"), plan.RejectsSql(), plan.IssuesSql(), string.Join(", ", plan.CheckColumns()), plan.MacrosSql })
            Assert.DoesNotContain("DROP TABLE", sql, StringComparison.Ordinal);
        Assert.Contains(plan.RejectsParameters, p => (string?)p.Value == "number");
        Assert.All(plan.Bound.Where(b => b.SourceColumn.Length > 0), b => Assert.Matches(@"^(ie_null\()?(coalesce\()?c\d+", b.RawSql));
    }
}
