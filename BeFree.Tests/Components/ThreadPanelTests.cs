using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Outbound;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Conversations;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Components;

/// <summary>
/// A held reply in the thread, on the real Core: it says why it is held, and its holder can send it
/// again or discard it; anyone else sees it without the buttons.
/// </summary>
public sealed class ThreadPanelTests : WorkspaceComponentTests
{
    private string _advocate = null!;
    private int _conversation;
    private long _held;

    protected override async Task ArrangeAsync()
    {
        _advocate = await Host.CreateAdvocateAsync("Avery Advocate");
        _conversation = await Host.CreateConversationAsync("I need help", assignedTo: _advocate);
        await using var db = await Host.DbAsync();
        var now = Host.Clock.GetUtcNow().UtcDateTime;
        var message = new Message
        {
            ConversationId = _conversation, Direction = MessageDirection.Outbound, Origin = MessageOrigin.Advocate, SentById = _advocate,
            Body = "Are you safe to talk?", Status = MessageStatus.Held, HeldBecause = MessageHold.SendOutcomeUnknown,
            ErrorMessage = OutboundMessages.OutcomeUnknownReason, SendAttempts = 1, CreatedUtc = now, StatusUpdatedUtc = now,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        _held = message.Id;
    }

    private async Task<IRenderedComponent<ThreadPanel>> RenderAsync(string actorId)
    {
        var detail = await Host.Get<ConversationService>().GetDetailAsync(actorId, _conversation);
        return Render<ThreadPanel>(p => p.Add(x => x.ActorId, actorId).Add(x => x.Detail, detail));
    }

    private async Task<Message> HeldMessageAsync()
    {
        await using var db = await Host.DbAsync();
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == _held);
    }

    [Fact]
    public async Task A_held_reply_says_twilio_may_have_sent_it_and_the_holder_can_discard_it()
    {
        var panel = await RenderAsync(_advocate);

        Assert.Equal("Held", panel.Find($"[data-testid=message-status-{_held}]").TextContent);
        Assert.Contains("Twilio may or may not have sent this", panel.Find($"[data-testid=message-error-{_held}]").TextContent);
        await panel.Find($"[data-testid=held-discard-{_held}]").ClickAsync(new MouseEventArgs());

        var discarded = await HeldMessageAsync();
        Assert.Equal(MessageStatus.Discarded, discarded.Status);
        Assert.Contains("Avery Advocate", discarded.ErrorMessage);
    }

    [Fact]
    public async Task The_holder_can_send_a_held_reply_again()
    {
        var panel = await RenderAsync(_advocate);

        await panel.Find($"[data-testid=held-send-again-{_held}]").ClickAsync(new MouseEventArgs());

        var resent = await HeldMessageAsync();
        Assert.NotEqual(MessageStatus.Held, resent.Status);
        Assert.True(resent.SafeToResend);
    }

    [Fact]
    public async Task Someone_who_does_not_hold_the_conversation_sees_no_buttons()
    {
        var lead = await Host.CreateLeadAsync("Lee Lead");

        var panel = await RenderAsync(lead);

        Assert.Equal("Held", panel.Find($"[data-testid=message-status-{_held}]").TextContent);
        Assert.Empty(panel.FindAll($"[data-testid=held-actions-{_held}]"));
    }

    [Fact]
    public async Task Each_text_is_dated_in_the_hotlines_time_and_each_reply_says_its_delivery_in_words()
    {
        await using (var db = await Host.DbAsync())
        {
            var now = Host.Clock.GetUtcNow().UtcDateTime;
            db.Messages.Add(new Message
            {
                ConversationId = _conversation, Direction = MessageDirection.Outbound, Origin = MessageOrigin.Advocate, SentById = _advocate,
                Body = "Text when it is safe.", Status = MessageStatus.Undelivered, ErrorMessage = "Unreachable handset",
                CreatedUtc = now, StatusUpdatedUtc = now,
            });
            await db.SaveChangesAsync();
        }

        var panel = await RenderAsync(_advocate);

        var time = Host.Get<BeFree.Core.Time.HotlineTime>();
        var detail = await Host.Get<ConversationService>().GetDetailAsync(_advocate, _conversation);
        foreach (var message in detail.Messages)
        {
            Assert.Equal(time.Format(message.CreatedUtc), panel.Find($"[data-testid=message-{message.Id}] time").TextContent);
        }
        var undelivered = detail.Messages.Single(m => m.Status == MessageStatus.Undelivered);
        Assert.Equal("Not delivered", panel.Find($"[data-testid=message-status-{undelivered.Id}]").TextContent);
        Assert.Contains("Unreachable handset", panel.Find($"[data-testid=message-error-{undelivered.Id}]").TextContent);
        // New texts are announced politely to screen readers.
        Assert.Equal("polite", panel.Find("[data-testid=thread]").GetAttribute("aria-live"));
    }
}
