using CsvHelper;

namespace BeFree.Tests.Core.Reports;

/// <summary>Reads RFC 4180 CSV back into cells with CsvHelper, so tests check what a spreadsheet would see.</summary>
public static class CsvReader
{
    // Strict: a stray or unclosed quote, or a row whose cell count differs from the header's, is an
    // error rather than something the reader quietly recovers from. Empty lines are rows too.
    private static readonly CsvReaderOptions Strict = new()
    {
        Mode = CsvMode.Rfc4180,
        HasHeader = false,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        SkipEmptyLines = false,
    };

    public static List<List<string>> Parse(string csv)
    {
        Assert.True(csv.EndsWith("\r\n", StringComparison.Ordinal), "The CSV does not end with CRLF.");
        using var reader = CsvHelper.CsvReader.Create(new StringReader(csv), Strict);
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            rows.Add([.. reader.Current.ToArray()]);
        }
        return rows;
    }

    /// <summary>Rows after the header as column name → cell.</summary>
    public static List<Dictionary<string, string>> Records(string csv)
    {
        var rows = Parse(csv);
        var header = rows[0];
        return rows.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
