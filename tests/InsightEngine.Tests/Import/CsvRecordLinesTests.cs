using InsightEngine.Import.Csv;

namespace InsightEngine.Tests.Import;

public class CsvRecordLinesTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Record_start_lines_account_for_quoted_line_breaks_and_blank_lines(string nl)
    {
        using var dir = new TempDir();
        var text = string.Join(nl, "a,b", "1,\"x", "y\"", "", "2,z", "3,\"p", "q", "r\"", "4,w") + nl;
        var path = TestSupport.WriteFile(dir, "f.csv", text);
        var lines = CsvRecordLines.Find(path, [0, 1, 2, 3]);
        Assert.Equal(2, lines[0]);
        Assert.Equal(5, lines[1]);
        Assert.Equal(6, lines[2]);
        Assert.Equal(9, lines[3]);
    }
}
