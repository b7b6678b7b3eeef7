using System.Text.RegularExpressions;
using System.Xml.Linq;
using BeFree.Tests.Browser.Support;

namespace BeFree.Tests.Web.Localization;

/// <summary>
/// No user-visible string is left untranslated: every English resource has its Spanish translation and the other way
/// round, and the .razor files of the localized folders write no words of their own (they say <c>@L["Key"]</c>).
/// </summary>
public sealed partial class UntranslatedTextTests
{
    /// <summary>Fully localized: a literal word here fails the build. Paths from the repository root.</summary>
    public static readonly IReadOnlyList<string> LocalizedFolders =
    [
        "BeFree.Web/Components/Layout",
        "BeFree.Web/Components/Pages/Inbox",
        "BeFree.Web/Components/Pages/Queue",
        "BeFree.Web/Components/Pages/Conversations",
        "BeFree.Web/Components/Pages/Admin",
        "BeFree.Web/Components/Shared",
        "BeFree.Web/Components/Pages/Search",
        "BeFree.Web/Components/Pages/Referrals",
        "BeFree.Web/Components/Pages/Directory",
        "BeFree.Web/Components/Pages/CannedResponses",
        "BeFree.Web/Components/Pages/Simulator",
        "BeFree.Web/Components/Pages/Escalations",
        "BeFree.Web/Components/Pages/Board",
        "BeFree.Web/Components/Pages/Reports",
        "BeFree.Web/Components/Account",
        "BeFree.Web/Components/Pages/Transcripts",
    ];

    /// <summary>
    /// English on purpose, inside localized folders: not scanned. The escalation packet is the official record sent
    /// to US law enforcement and NCMEC, so it reads in English whatever the staff member's language (decision 24).
    /// </summary>
    public static readonly IReadOnlyList<string> EnglishOnPurpose =
    [
        "BeFree.Web/Components/Pages/Escalations/PacketBody.razor",
    ];

    /// <summary>Single localized files in folders that are not (yet) localized as a whole.</summary>
    public static readonly IReadOnlyList<string> LocalizedFiles =
    [
        "BeFree.Web/Components/Routes.razor",
        "BeFree.Web/Components/Pages/Error.razor",
        "BeFree.Web/Components/Pages/NotFound.razor",
        "BeFree.Web/Components/Pages/Home.razor",
        "BeFree.Web/Components/App.razor",
    ];

    /// <summary>
    /// NOT yet localized: still English literals. Not checked, so not claimed. Empty now that every page is
    /// localized; a new folder goes here only while its words are on their way into resources, and moves up to
    /// <see cref="LocalizedFolders"/> once they are (the check then keeps it that way).
    /// </summary>
    public static readonly IReadOnlyList<string> NotYetLocalized = [];

    private static readonly string Root = AppUnderTest.RepositoryRoot();

    [Fact]
    public void The_localized_razor_files_write_no_words_of_their_own()
    {
        var files = LocalizedFolders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(Root, f), "*.razor", SearchOption.AllDirectories))
            .Concat(LocalizedFiles.Select(f => Path.Combine(Root, f)))
            .Where(f => !EnglishOnPurpose.Contains(Path.GetRelativePath(Root, f).Replace('\\', '/')))
            .ToList();
        Assert.True(files.Count > 10, "the localized folders hold the workstation's razor files");
        Assert.All(EnglishOnPurpose, f => Assert.True(File.Exists(Path.Combine(Root, f)), $"{f} is listed as English on purpose but does not exist"));

        var untranslated = files.SelectMany(f => RazorLiteralScanner.Scan(Path.GetRelativePath(Root, f), File.ReadAllText(f))).ToList();

        Assert.True(untranslated.Count == 0, "Words not from resources:\n" + string.Join("\n", untranslated));
    }

    [Fact]
    public void Every_folder_with_razor_files_is_either_localized_or_listed_as_not_yet()
    {
        var listed = LocalizedFolders.Concat(LocalizedFiles).Concat(NotYetLocalized).ToList();
        var unlisted = Directory.EnumerateFiles(Path.Combine(Root, "BeFree.Web", "Components"), "*.razor", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith("_Imports.razor", StringComparison.Ordinal))
            .Where(f => !listed.Any(l => f == l || f.StartsWith(l + "/", StringComparison.Ordinal)))
            .ToList();

        Assert.True(unlisted.Count == 0, "Place these in LocalizedFolders or NotYetLocalized:\n" + string.Join("\n", unlisted));
    }

    public static TheoryData<string> EnglishResources()
    {
        var data = new TheoryData<string>();
        foreach (var project in new[] { "BeFree.Web", "BeFree.Core" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, project), "*.resx", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                         .Where(f => !f.EndsWith(".es.resx", StringComparison.Ordinal)))
            {
                data.Add(Path.GetRelativePath(Root, file));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EnglishResources))]
    public void Every_English_text_has_its_Spanish_translation_and_back(string englishFile)
    {
        var spanishFile = Path.ChangeExtension(Path.Combine(Root, englishFile), ".es.resx");
        Assert.True(File.Exists(spanishFile), $"{englishFile} has no Spanish file beside it");
        var english = Read(Path.Combine(Root, englishFile));
        var spanish = Read(spanishFile);

        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{englishFile}: {e.Key} is empty"));
        Assert.Empty(spanish.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{spanishFile}: {e.Key} is empty"));
        Assert.Empty(english.Keys.Except(spanish.Keys).Select(k => $"{k} has no Spanish translation"));
        Assert.Empty(spanish.Keys.Except(english.Keys).Select(k => $"{k} is translated but has no English text"));
        // "{0} waiting" / "{0} en espera": a translation fills in the same values.
        foreach (var (key, text) in english)
        {
            Assert.True(Placeholders(text).SetEquals(Placeholders(spanish[key])), $"{key}: '{text}' and '{spanish[key]}' take different values");
        }
    }

    private static Dictionary<string, string> Read(string resx)
        => XDocument.Load(resx).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
