using System.IO.Compression;
using System.Text;
using InsightEngine.Import;
using InsightEngine.Import.Containers;

namespace InsightEngine.Tests.Import;

/// <summary>Exports as users receive them: zipped, gzipped, or as an Excel workbook; each export inside imported as a file of its own.</summary>
public sealed class ContainerTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Path(string name) => System.IO.Path.Combine(dir.Path, name);

    [Fact]
    public void A_zip_imports_every_export_inside_as_its_own_file_and_passes_over_the_rest()
    {
        var zip = Path("download.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(TestSupport.Fixture("pagerduty/analytics-incidents.csv"), "pagerduty/incidents.csv");
            archive.CreateEntryFromFile(TestSupport.Fixture("opsgenie/alerts-api.json"), "opsgenie/alerts.json");
            archive.CreateEntry("docs/");
            using (var w = new StreamWriter(archive.CreateEntry("README.txt").Open())) w.Write("not an export");
            using (var w = new StreamWriter(archive.CreateEntry("__MACOSX/._incidents.csv").Open())) w.Write("resource fork");
            using (var w = new StreamWriter(archive.CreateEntry("broken.csv").Open())) w.Write("garbage,data\n1,2\n");
        }
        var before = TempFolders();
        using var store = TestSupport.MemoryStore();

        var outcomes = new Importer(store).ImportEach(zip);

        Assert.Equal([$"{zip}/broken.csv", $"{zip}/opsgenie/alerts.json", $"{zip}/pagerduty/incidents.csv"], outcomes.Select(o => o.File));
        Assert.Contains("no known format matches this header", outcomes[0].Failure!.Message);
        Assert.StartsWith($"{zip}/broken.csv:", outcomes[0].Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(outcomes[2].Result!.File, $"{zip}/pagerduty/incidents.csv");
        Assert.Equal(5, store.Scalar<long>("SELECT count(*) FROM incidents"));
        Assert.Equal(outcomes[1].Result!.Inserted, store.Scalar<long>("SELECT count(*) FROM alerts"));
        NoNewTempFolders(before);   // extracted copies removed

        // Again: nothing counted twice.
        Assert.All(new Importer(store).ImportEach(zip).Where(o => o.Result is not null), o => Assert.Equal(o.Result!.Read, o.Result.Unchanged + o.Result.Rejected));
    }

    [Fact]
    public void An_entry_named_outside_the_archive_is_extracted_inside_our_own_folder()
    {
        var zip = Path("evil.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            archive.CreateEntryFromFile(TestSupport.Fixture("pagerduty/analytics-incidents.csv"), "../../escaped.csv");
        using var store = TestSupport.MemoryStore();

        var outcome = Assert.Single(new Importer(store).ImportEach(zip));

        Assert.Equal(5, outcome.Result!.Inserted);
        Assert.False(File.Exists(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "..", "escaped.csv")));
        Assert.False(File.Exists(System.IO.Path.Combine(dir.Path, "..", "..", "escaped.csv")));
    }

    [Fact]
    public void A_gzipped_export_imports_under_its_inner_name()
    {
        var gz = Path("incidents.csv.gz");
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        using (var input = File.OpenRead(TestSupport.Fixture("servicenow/list-windows1252.csv")))
            input.CopyTo(output);
        using var store = TestSupport.MemoryStore();

        var outcome = Assert.Single(new Importer(store).ImportEach(gz, new ImportOptions { TimeZone = "UTC" }));

        Assert.Equal($"{gz}/incidents.csv", outcome.File);
        Assert.Equal("Windows-1252", outcome.Result!.Encoding);   // the inner file is read like any other
        Assert.True(outcome.Result.Inserted > 0);
    }

    [Fact]
    public void Damaged_empty_and_oversized_containers_are_refused_with_what_to_do()
    {
        var whole = Path("whole.zip");
        using (var archive = ZipFile.Open(whole, ZipArchiveMode.Create))
            archive.CreateEntryFromFile(TestSupport.Fixture("pagerduty/analytics-incidents.csv"), "incidents.csv");
        var bytes = File.ReadAllBytes(whole);
        var cut = Path("cut.zip");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var empty = Path("empty.zip");
        using (ZipFile.Open(empty, ZipArchiveMode.Create)) { }
        var truncatedGz = Path("cut.csv.gz");
        using (var output = new GZipStream(File.Create(Path("full.csv.gz")), CompressionLevel.Fastest))
            output.Write(File.ReadAllBytes(TestSupport.Fixture("pagerduty/analytics-incidents.csv")));
        var gzBytes = File.ReadAllBytes(Path("full.csv.gz"));
        File.WriteAllBytes(truncatedGz, gzBytes[..(gzBytes.Length - 12)]);
        using var store = TestSupport.MemoryStore();
        string Refusal(string file) => Assert.Single(new Importer(store).ImportEach(file)).Failure!.Message;

        Assert.Contains("damaged ZIP archive", Refusal(cut));
        Assert.Contains("no CSV or JSON export inside (it is empty)", Refusal(empty));
        Assert.Contains("gzip file cut short", Refusal(truncatedGz));
        var bomb = Assert.Throws<ImportException>(() => ExportContainer.Open(whole, whole, maxExpandedBytes: 100));
        Assert.Contains("expands to more than 100 bytes", bomb.Message);
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM incidents"));
    }

    [Fact]
    public void An_excel_workbook_imports_its_first_sheet_with_dates_text_and_numbers_as_excel_holds_them()
    {
        var xlsx = Path("incidents.xlsx");
        Workbook.Write(xlsx, "Page 1",
        [
            ["number", "short_description", "priority", "state", "opened_at", "resolved_at"],
            ["INC0040001", "Kühlung ausgefallen – RZ", "1 - Critical", "Resolved", 46084.375, 46084.4375],   // 2026-03-03 09:00 → 10:30
            [],                                                                                                // a blank row
            ["INC0040002", "=HYPERLINK(\"x\")", "3 - Moderate", "New", "2026-03-04 09:00:00", null],
        ]);
        using var store = TestSupport.MemoryStore();

        var outcome = Assert.Single(new Importer(store).ImportEach(xlsx, new ImportOptions { TimeZone = "Europe/Berlin" }));

        Assert.Equal($"{xlsx}/Page_1", outcome.File);
        Assert.Equal("servicenow-incidents-csv", outcome.Result!.Format);
        Assert.Equal(2, outcome.Result.Inserted);
        Assert.Equal(
            ["INC0040001|Kühlung ausgefallen – RZ|2026-03-03 08:00:00|2026-03-03 09:30:00", "INC0040002|=HYPERLINK(\"x\")|2026-03-04 08:00:00|"],
            store.Query("SELECT external_id || '|' || title || '|' || strftime(created_at, '%Y-%m-%d %H:%M:%S') || '|' || coalesce(strftime(resolved_at, '%Y-%m-%d %H:%M:%S'), '') FROM incidents ORDER BY 1",
                r => r.GetString(0)));
    }

    [Fact]
    public void A_workbook_that_is_not_one_is_refused()
    {
        var fake = Path("fake.xlsx");
        using (var archive = ZipFile.Open(fake, ZipArchiveMode.Create))
            using (var w = new StreamWriter(archive.CreateEntry("xl/workbook.xml").Open())) w.Write("<not-a-workbook");
        using var store = TestSupport.MemoryStore();
        Assert.Contains("Excel workbook that cannot be read", Assert.Single(new Importer(store).ImportEach(fake)).Failure!.Message);
    }

    /// <summary>
    /// Every extraction folder made since <paramref name="before"/> is gone. Other test classes import in parallel and
    /// make their own for a moment, so a new folder must vanish within a generous bound; a leaked one never does.
    /// </summary>
    private static void NoNewTempFolders(List<string> before)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (TempFolders().Except(before, StringComparer.Ordinal).ToList() is { Count: > 0 } left)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"extraction folders left behind: {string.Join(", ", left)}");
            Thread.Sleep(50);
        }
    }

    private static List<string> TempFolders() =>
        Directory.GetDirectories(System.IO.Path.GetTempPath(), "insight-import-*").Order(StringComparer.Ordinal).ToList();

    /// <summary>A minimal .xlsx as Excel writes one: shared strings, numbers, and date cells (a serial number in a date style).</summary>
    private static class Workbook
    {
        public static void Write(string path, string sheet, object?[][] rows)
        {
            var strings = new List<string>();
            var cells = new StringBuilder();
            for (var r = 0; r < rows.Length; r++)
            {
                cells.Append($"<row r=\"{r + 1}\">");
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var at = $"{(char)('A' + c)}{r + 1}";
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case string s:
                            strings.Add(s);
                            cells.Append($"<c r=\"{at}\" t=\"s\"><v>{strings.Count - 1}</v></c>");
                            break;
                        case double d:
                            cells.Append($"<c r=\"{at}\" s=\"1\"><v>{d.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v></c>");
                            break;
                    }
                }
                cells.Append("</row>");
            }
            const string Ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
            void Part(string name, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml);
            }
            Part("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" +
                "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>");
            Part("_rels/.rels", $"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{Rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Part("xl/workbook.xml", $"<workbook xmlns=\"{Ns}\" xmlns:r=\"{Rel}\"><sheets><sheet name=\"{sheet}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{Rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                $"<Relationship Id=\"rId2\" Type=\"{Rel}/sharedStrings\" Target=\"sharedStrings.xml\"/>" +
                $"<Relationship Id=\"rId3\" Type=\"{Rel}/styles\" Target=\"styles.xml\"/></Relationships>");
            Part("xl/styles.xml", $"<styleSheet xmlns=\"{Ns}\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"22\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>");
            Part("xl/sharedStrings.xml", $"<sst xmlns=\"{Ns}\" count=\"{strings.Count}\">" +
                string.Concat(strings.Select(s => $"<si><t>{System.Security.SecurityElement.Escape(s)}</t></si>")) + "</sst>");
            Part("xl/worksheets/sheet1.xml", $"<worksheet xmlns=\"{Ns}\"><sheetData>{cells}</sheetData></worksheet>");
        }
    }
}
