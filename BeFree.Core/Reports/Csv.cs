using System.Text;

namespace BeFree.Core.Reports;

/// <summary>A CSV download: its file name and text.</summary>
public sealed record CsvFile(string FileName, string Content, int RowCount);

/// <summary>
/// RFC 4180 CSV: comma-separated, CRLF line ends, a cell quoted when it holds a comma, quote, CR or
/// LF (quotes doubled). A cell that a spreadsheet would read as a formula (starting with = + - @,
/// tab or CR) gets a leading apostrophe, so text from a texter or an advocate cannot run as one.
/// </summary>
public static class Csv
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && FormulaStarts.Contains(text[0]))
        {
            text = "'" + text;
        }
        return text.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var csv = new StringBuilder();
        AppendLine(csv, header);
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new ArgumentException($"A row has {row.Count} cells; the header has {header.Count}.", nameof(rows));
            }
            AppendLine(csv, row);
        }
        return csv.ToString();
    }

    private static void AppendLine(StringBuilder csv, IReadOnlyList<string?> cells)
    {
        csv.AppendJoin(',', cells.Select(Cell));
        csv.Append("\r\n");
    }
}
