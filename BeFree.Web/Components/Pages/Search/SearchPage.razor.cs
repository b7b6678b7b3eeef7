using System.Security.Claims;
using BeFree.Core.Conversations;
using BeFree.Core.Risk;
using BeFree.Core.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BeFree.Web.Components.Pages.Search;

/// <summary>Search for shift leads and admins; Core checks the role and audits each search.</summary>
public partial class SearchPage
{
    [Inject] public required ConversationSearch Search { get; set; }

    [Inject] public required ConversationService Conversations { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string _actorId = "";
    private string _reference = "";
    private string _ending = "";
    private DateTime? _from;
    private DateTime? _to;
    private string _disposition = "";
    private RiskLevel? _risk;
    private string _words = "";
    private bool _training;
    private ConversationSearchPage? _page;

    protected override async Task OnInitializedAsync()
        => _actorId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private Task SearchAsync() => RunAsync(async () => _page = await Search.SearchAsync(_actorId, new ConversationSearchQuery(
        _reference, _ending,
        _from is { } f ? DateTime.SpecifyKind(f.Date, DateTimeKind.Utc) : null,
        _to is { } t ? DateTime.SpecifyKind(t.Date.AddDays(1), DateTimeKind.Utc) : null,
        _disposition, _risk, null, _words, _training)));
}
