using BeFree.Core.Reports;

namespace BeFree.Tests.Core.Reports;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")]
    [InlineData("line one\r\nline two", "\"line one\r\nline two\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1 555", "'+1 555")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("a=b", "a=b")]
    public void Cells_are_quoted_and_neutralised(string? value, string expected)
        => Assert.Equal(expected, Csv.Cell(value));

    [Fact]
    public void Lines_end_with_crlf_and_rows_must_match_the_header()
    {
        Assert.Equal("A,B\r\n1,\"x,y\"\r\n", Csv.Write(["A", "B"], [["1", "x,y"]]));
        Assert.Throws<ArgumentException>(() => Csv.Write(["A", "B"], [["1"]]));
    }

    [Fact]
    public void An_independent_reader_gets_every_cell_back_with_formulas_neutralised()
    {
        string?[] awkward = ["a,b", "say \"hi\"", "line one\r\nline two", "=1+1", "-2", "", null, "a=b"];
        var csv = Csv.Write(["A", "B", "C", "D", "E", "F", "G", "H"], [awkward]);

        var rows = CsvReader.Parse(csv);

        Assert.Equal(2, rows.Count);
        Assert.Equal(["a,b", "say \"hi\"", "line one\r\nline two", "'=1+1", "'-2", "", "", "a=b"], rows[1]);
    }
}
