using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Staff;

namespace BeFree.Web.Components.Pages.Conversations;

/// <summary>
/// What a screen showing one conversation reads, in one place for the conversation page and the inbox: the
/// conversation, its escalations, and, when it is no longer this person's, who has it now and why (a handover is
/// part of the work, shown as a notice, never as an error). Core's refusals are kept as text, never thrown.
/// </summary>
public sealed class ConversationWorkspace(ConversationService conversations, EscalationService escalations)
{
    // Changes come in bursts (a text, then its status): one read at a time keeps the newest on screen.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The conversation read last, or null (none open, or refused).</summary>
    public ConversationDetail? Detail { get; private set; }

    public IReadOnlyList<EscalationListItem> Escalations { get; private set; } = [];

    /// <summary>Why Core refused to show it (no access, disabled account), or null.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Taken over or transferred away: who has it now and why, or null.</summary>
    public HandoverNotice? Handover { get; private set; }

    /// <summary>The conversation these values belong to (null: none open).</summary>
    public int? ConversationId { get; private set; }

    /// <summary>Forgets the last conversation (another one is about to open, or none).</summary>
    public void Clear(int? conversationId = null)
    {
        ConversationId = conversationId;
        Detail = null;
        Escalations = [];
        Refusal = null;
        Handover = null;
    }

    /// <summary>
    /// Reads the conversation for <paramref name="actorId"/>. When <paramref name="markRead"/> (a live screen) and the
    /// holder is looking at it, whatever arrived is marked read.
    /// </summary>
    public async Task LoadAsync(string actorId, int? conversationId, bool markRead)
    {
        if (conversationId is not { } id)
        {
            Clear();
            return;
        }
        await _gate.WaitAsync();
        try
        {
            ConversationId = id;
            Detail = await conversations.GetDetailAsync(actorId, id);
            Escalations = await escalations.ListForConversationAsync(actorId, id);
            Refusal = null;
            // A lead may still read a conversation taken from them: say so above the thread.
            Handover = Detail.IsMine ? null : await conversations.GetHandoverNoticeAsync(actorId, id);
        }
        catch (Exception e) when (e is StaffAuthorizationException or ConversationActionException)
        {
            Detail = null;
            Escalations = [];
            Refusal = e.Message;
            // Taken over or transferred away while open (or followed from an old link): say who has it and why.
            Handover = await HandoverOrNullAsync(actorId, id);
        }
        finally
        {
            _gate.Release();
        }
        if (markRead && Detail is { IsMine: true, UnreadCount: > 0 } && Detail.ConversationId == id)
        {
            // Outside the gate: marking read publishes a change, and the screen's own handler re-reads through it.
            await conversations.MarkReadAsync(actorId, id);
        }
    }

    /// <summary>The handover notice, or none when the account itself is refused (disabled): the refusal says that.</summary>
    private async Task<HandoverNotice?> HandoverOrNullAsync(string actorId, int conversationId)
    {
        try
        {
            return await conversations.GetHandoverNoticeAsync(actorId, conversationId);
        }
        catch (StaffAuthorizationException)
        {
            return null;
        }
    }

    /// <summary>How the header names the conversation's state, in the reader's language.</summary>
    public static string StatusText(ConversationDetail? detail) => detail switch
    {
        null => "",
        { Status: ConversationStatus.Closed } => ConversationsText.Get("Status_Closed"),
        { Status: ConversationStatus.Queued } => ConversationsText.Get("Status_Queued"),
        { IsMine: true } => ConversationsText.Get("Status_Yours"),
        _ => ConversationsText.Get("Status_HeldBy", detail.AssignedToName ?? ""),
    };
}
