using Microsoft.AspNetCore.Components;
using BeFree.Core.Staff;
using BeFree.Web.Components.Shared;
using BeFree.Core.Time;
using BeFree.Core.Conversations;

namespace BeFree.Web.Components.Pages.Conversations;

public sealed partial class MyConversationsPage
{
    [Inject] public required ConversationService Conversations { get; set; }
    [Inject] public required ConversationNotifier Notifier { get; set; }
    [Inject] public required HotlineTime Time { get; set; }
    [CascadingParameter] public CurrentStaff Staff { get; set; } = CurrentStaff.Nobody;

    private IReadOnlyList<MyConversationItem> _items = [];
    private bool _loaded;
    private string? _error;
    private MyConversationsWatch? _watch;

    protected override bool ShouldFollow => _error is null;

    // Only changes that can touch this list: a new texter in the queue costs this page no read.
    protected override void Subscribe() => Follow(h => Notifier.Subscribe(h, Watch.Concerns));

    private MyConversationsWatch Watch => _watch ??= new MyConversationsWatch(Staff.Id);

    protected override async Task LoadAsync()
    {
        try
        {
            _items = await Conversations.ListMineAsync(Staff.Id);
            Watch.Shown(_items.Select(i => i.ConversationId));
            _error = null;
        }
        catch (StaffAuthorizationException ex)
        {
            StopFollowing();
            _error = ex.Message;
        }
        _loaded = true;
    }
}
