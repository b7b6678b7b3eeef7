using System.Text.RegularExpressions;
using System.Xml.Linq;
using BeFree.Core.Referrals;
using BeFree.Core.Escalations;
using BeFree.Core.Staff;
using BeFree.Tests.Browser.Support;
using BeFree.Web.Components.Layout;
using BeFree.Web.Components.Pages.Inbox;

namespace BeFree.Tests.Web.Localization;

/// <summary>Every key the localized code asks for is in its folder's resources: a missing key would show its name.</summary>
public sealed partial class ResourceKeyTests
{
    private static readonly string Root = AppUnderTest.RepositoryRoot();

    /// <summary>Each localized folder and the resource its components read (IStringLocalizer&lt;T&gt; from the folder's _Imports).</summary>
    public static TheoryData<string, string> FolderResources() => new()
    {
        { "BeFree.Web/Components/Layout", "BeFree.Web/Components/Layout/LayoutText.resx" },
        { "BeFree.Web/Components/Pages/Inbox", "BeFree.Web/Components/Pages/Inbox/InboxText.resx" },
        { "BeFree.Web/Components/Pages/Queue", "BeFree.Web/Components/Pages/Queue/QueueText.resx" },
        { "BeFree.Web/Components/Pages/Conversations", "BeFree.Web/Components/Pages/Conversations/ConversationsText.resx" },
        { "BeFree.Web/Components/Shared", "BeFree.Web/Components/Shared/SharedText.resx" },
        { "BeFree.Web/Components/Pages/Escalations", "BeFree.Web/Components/Pages/Escalations/EscalationText.resx" },
        { "BeFree.Web/Components/Pages/Board", "BeFree.Web/Components/Pages/Board/BoardText.resx" },
        { "BeFree.Web/Components/Pages/Reports", "BeFree.Web/Components/Pages/Reports/ReportsText.resx" },
        { "BeFree.Web/Components/Pages/Admin", "BeFree.Web/Components/Pages/Admin/AdminText.resx" },
        { "BeFree.Web/Components/Account/Pages", "BeFree.Web/Components/Account/AccountText.resx" },
        { "BeFree.Web/Components/Account/Pages/Manage", "BeFree.Web/Components/Account/AccountText.resx" },
        { "BeFree.Web/Components/Account/Shared", "BeFree.Web/Components/Account/AccountText.resx" },
        { "BeFree.Web/Components/Account", "BeFree.Web/Components/Account/AccountText.resx" },
        { "BeFree.Web/Components/Pages/Transcripts", "BeFree.Web/Components/Pages/Transcripts/TranscriptsText.resx" },
        { "BeFree.Web/Components/Pages/Search", "BeFree.Web/Components/Pages/Search/SearchText.resx" },
        { "BeFree.Web/Components/Pages/Referrals", "BeFree.Web/Components/Pages/Referrals/ReferralsText.resx" },
        { "BeFree.Web/Components/Pages/Directory", "BeFree.Web/Components/Pages/Directory/DirectoryText.resx" },
        { "BeFree.Web/Components/Pages/CannedResponses", "BeFree.Web/Components/Pages/CannedResponses/CannedResponsesText.resx" },
        { "BeFree.Web/Components/Pages/Simulator", "BeFree.Web/Components/Pages/Simulator/SimulatorPageText.resx" },
    };

    [Theory]
    [MemberData(nameof(FolderResources))]
    public void Every_key_a_folder_asks_for_is_in_its_resource(string folder, string resource)
    {
        var keys = Keys(resource);
        var files = Directory.EnumerateFiles(Path.Combine(Root, folder), "*.*", SearchOption.TopDirectoryOnly)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal));
        var missing = new List<string>();
        foreach (var file in files)
        {
            var source = File.ReadAllText(file);
            foreach (Match use in Lookup().Matches(source).Concat(StaticLookup().Matches(source)))
            {
                if (!keys.Contains(use.Groups[1].Value))
                {
                    missing.Add($"{Path.GetFileName(file)}: {use.Groups[1].Value}");
                }
            }
        }
        Assert.True(missing.Count == 0, "Keys not in " + resource + ":\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_error_and_not_found_pages_keys_are_in_their_resource()
    {
        var keys = Keys("BeFree.Web/Components/Pages/PagesText.resx");
        foreach (var page in new[] { "Error.razor", "NotFound.razor", "Home.razor" })
        {
            var source = File.ReadAllText(Path.Combine(Root, "BeFree.Web/Components/Pages", page));
            Assert.All(Lookup().Matches(source), use => Assert.Contains(use.Groups[1].Value, keys));
        }
    }

    [Fact]
    public void Keys_built_from_tables_and_values_are_in_their_resources()
    {
        var layout = Keys("BeFree.Web/Components/Layout/LayoutText.resx");
        Assert.All(NavigationLinks.All, link => Assert.Contains("Nav_" + link.TextKey, layout));
        Assert.All(Enum.GetValues<ColorScheme>(), scheme => Assert.Contains("Scheme_" + scheme, layout));
        var inbox = Keys("BeFree.Web/Components/Pages/Inbox/InboxText.resx");
        Assert.All(InboxShortcuts.All, shortcut => Assert.Contains("Shortcut_" + shortcut.TextKey, inbox));
        var conversations = Keys("BeFree.Web/Components/Pages/Conversations/ConversationsText.resx");
        Assert.All(Enum.GetValues<ServiceKind>(), kind => Assert.Contains("ServiceKind_" + kind, conversations));
        Assert.All(ReferralDirectory.KnownLanguages, code => Assert.Contains("Referral_Language_" + code, conversations));
        var referrals = Keys("BeFree.Web/Components/Pages/Referrals/ReferralsText.resx");
        Assert.All(Enum.GetValues<ServiceKind>(), kind => Assert.Contains("ServiceKind_" + kind, referrals));
        Assert.All(ReferralDirectory.KnownLanguages, code => Assert.Contains("Language_" + code, referrals));
        // One and many are separate texts (languages differ there): both forms of each count.
        foreach (var count in new[] { "Reply_Characters", "Reply_Segments", "Thread_Attachments" })
        {
            Assert.Contains(count + "_One", conversations);
            Assert.Contains(count + "_Other", conversations);
        }
        var escalations = Keys("BeFree.Web/Components/Pages/Escalations/EscalationText.resx");
        Assert.All(Enum.GetValues<EscalationReason>(), reason => Assert.Contains("Reason_" + reason, escalations));
        Assert.All(Enum.GetValues<ReportBasis>(), basis => Assert.Contains("Basis_" + basis, escalations));
        Assert.All(Enum.GetValues<EscalationEventKind>(), kind => Assert.Contains("Event_" + kind, escalations));
        Assert.All(Enum.GetValues<EscalationStatus>(), status => Assert.Contains("StatusPhrase_" + status, escalations));
        Assert.All(CyberTipline.Categories, category => Assert.Contains("Category_" + category, escalations));
        Assert.Contains("ByActor", escalations);
        var account = Keys("BeFree.Web/Components/Account/AccountText.resx");
        Assert.Contains("TwoFactor_CodesLeft_One", account);
        Assert.Contains("TwoFactor_CodesLeft_Other", account);
        var board = Keys("BeFree.Web/Components/Pages/Board/BoardText.resx");
        Assert.All(new[] { "Target", "Target_Offline", "Target_AtLimit" }, key => Assert.Contains(key, board));
    }

    private static HashSet<string> Keys(string resource)
        => [.. XDocument.Load(Path.Combine(Root, resource)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    [GeneratedRegex(@"\bL\[""([A-Za-z0-9_]+)""\s*[\],]")]
    private static partial Regex Lookup();

    /// <summary>Static helpers' look-ups, e.g. <c>SharedText.Get("Key")</c>.</summary>
    [GeneratedRegex(@"\b[A-Z][A-Za-z]*Text\.Get\(""([A-Za-z0-9_]+)""\s*[\),]")]
    private static partial Regex StaticLookup();
}
