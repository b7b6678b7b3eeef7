using System.Text.RegularExpressions;
using System.Xml.Linq;
using BeFree.Tests.Browser.Support;

namespace BeFree.Tests.Core.Localization;

/// <summary>
/// Core's messages for people come from its per-folder resources (decision 25): a source scan finds English words
/// written straight into a user-facing exception, a claim result or a field name, and every key Core reads exists in
/// its English resource (the Spanish pairing is <c>UntranslatedTextTests</c>' theory over every .resx). Failures name file:line.
/// </summary>
public sealed partial class CoreMessageScanTests
{
    private static readonly string Root = AppUnderTest.RepositoryRoot();

    /// <summary>Where a message for people is built: the exceptions pages show, claim results, and the helpers that word them.</summary>
    private static readonly string[] MessageSinks =
    [
        "new StaffRuleException(", "new StaffAuthorizationException(", "new ConversationActionException(", "new ContactRefusedException(",
        "new EscalationRuleException(", "new OutboundRefusedException(", "new ReportQueryException(", "new SimulatorInputException(",
        "new MediaUnavailableException(", "new ClaimResult(", "throw Fail(", "throw fail(", "TypedText.Require(", "TypedText.Optional(",
        "RequireHolderAsync(", "LoadHeldAsync(db", "RequireStatus(escalation", "missing.Add(", "warnings.Add(",
    ];

    public static IEnumerable<string> CoreSources()
        => Directory.EnumerateFiles(Path.Combine(Root, "BeFree.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void No_message_for_people_is_written_as_English_words_in_Core()
    {
        var found = new List<string>();
        foreach (var file in CoreSources())
        {
            var source = File.ReadAllText(file);
            foreach (var sink in MessageSinks)
            {
                for (var at = source.IndexOf(sink, StringComparison.Ordinal); at >= 0; at = source.IndexOf(sink, at + 1, StringComparison.Ordinal))
                {
                    var arguments = Arguments(source, at + sink.Length);
                    foreach (var literal in WordLiterals(arguments))
                    {
                        found.Add($"{Relative(file)}:{LineOf(source, at)}: {sink} {literal}");
                    }
                }
            }
        }
        Assert.True(found.Count == 0, "Words for people belong in the folder's XMessages.resx and .es.resx:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_scan_finds_words_and_lets_resource_keys_pass()
    {
        Assert.Equal(["\"No such staff member.\""], WordLiterals("\"No such staff member.\")"));
        Assert.Equal(["$\"Claimed by {name}.\""], WordLiterals("$\"Claimed by {name}.\", name)"));
        Assert.Empty(WordLiterals("StaffMessages.Get(\"NoSuchStaff\"))"));
        Assert.Empty(WordLiterals("QueueMessages.Get(\"Claim_ByOther\", name), name)"));
        Assert.Equal(["\"Pick one, please\""], WordLiterals("x ? StaffMessages.Get(\"A\") : \"Pick one, please\")"));
    }

    [Fact]
    public void Every_key_Core_reads_is_in_its_English_resource()
    {
        var resources = Directory.EnumerateFiles(Path.Combine(Root, "BeFree.Core"), "*Messages.resx", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), Keys);
        Assert.Contains("ConversationMessages", resources.Keys);
        var missing = new List<string>();
        var used = 0;
        foreach (var file in CoreSources())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var (resource, key) in KeysUsed(lines[i]))
                {
                    used++;
                    if (!resources.TryGetValue(resource, out var keys) || !keys.Contains(key))
                    {
                        missing.Add($"{Relative(file)}:{i + 1}: {resource} has no key '{key}'");
                    }
                }
            }
        }
        Assert.True(used > 200, $"The scan found only {used} keys: has the accessor changed shape?");
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    /// <summary>Keys read straight (<c>XMessages.Get("Key"</c>), and the two ways keys travel to be worded later.</summary>
    private static IEnumerable<(string Resource, string Key)> KeysUsed(string line)
    {
        foreach (Match m in DirectKey().Matches(line))
        {
            yield return (m.Groups["class"].Value, m.Groups["key"].Value);
        }
        foreach (Match m in ContactReasonKey().Matches(line))
        {
            yield return ("ConversationMessages", m.Groups["key"].Value);
        }
        foreach (Match m in AlertKey().Matches(line))
        {
            yield return ("RiskMessages", m.Groups["key"].Value);
        }
    }

    private static HashSet<string> Keys(string resx)
        => XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    /// <summary>The text of a call's arguments: up to the parenthesis that closes it, skipping string contents.</summary>
    private static string Arguments(string source, int start)
    {
        var depth = 1;
        var inString = false;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return source[start..i];
            }
        }
        return source[start..];
    }

    /// <summary>String literals that read as words (a space between letters, or a sentence's full stop), not keys or separators.</summary>
    internal static IReadOnlyList<string> WordLiterals(string arguments)
        => StringLiteral().Matches(arguments).Select(m => m.Value)
            .Where(literal =>
            {
                var body = literal.TrimStart('$', '@').Trim('"');
                return Words().IsMatch(body) || (body.EndsWith('.') && body.Any(char.IsLetter));
            })
            .ToList();

    private static int LineOf(string source, int index) => source.AsSpan(0, index).Count('\n') + 1;

    private static string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');

    [GeneratedRegex(@"(?<class>\w+Messages)\.(?:Get|English)\(\s*""(?<key>\w+)""")]
    private static partial Regex DirectKey();

    [GeneratedRegex(@"new ContactReason\(\s*""(?<key>\w+)""")]
    private static partial Regex ContactReasonKey();

    [GeneratedRegex(@"""(?<key>Alert_\w+)""")]
    private static partial Regex AlertKey();

    [GeneratedRegex(@"\$?@?""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    /// <summary>Two runs of letters with a space between them: "Choose a role", not "Claim_ByOther" or ", ".</summary>
    [GeneratedRegex(@"[A-Za-z]{2,}\S*\s+\S*[A-Za-z]{2,}")]
    private static partial Regex Words();
}
