using System.Text;

namespace BeFree.Tests.Core.Reports;

/// <summary>Reads RFC 4180 CSV back into cells, so tests check what a spreadsheet would see.</summary>
public static class CsvReader
{
    public static List<List<string>> Parse(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(cell.ToString()); cell.Clear();
                rows.Add(row); row = [];
                i++;
            }
            else { cell.Append(c); }
        }
        Assert.False(quoted, "The CSV ends inside a quoted cell.");
        Assert.True(row.Count == 0 && cell.Length == 0, "The CSV does not end with CRLF.");
        return rows;
    }

    /// <summary>Rows after the header as column name → cell.</summary>
    public static List<Dictionary<string, string>> Records(string csv)
    {
        var rows = Parse(csv);
        var header = rows[0];
        Assert.All(rows, r => Assert.Equal(header.Count, r.Count));
        return rows.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
