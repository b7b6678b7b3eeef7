using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Conversations;

/// <summary>Blocking a texter: leads only, audited, texts still stored but never queued, undoable.</summary>
public sealed class TexterBlockingTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _lead = "";
    private string _advocate = "";

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _lead = await _host.CreateLeadAsync("Lena Lead");
        _advocate = await _host.CreateAdvocateAsync("Ava Advocate");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private TexterBlocking Blocking => _host.Get<TexterBlocking>();

    private async Task<int> MessageCountAsync(int conversationId)
    {
        await using var db = await _host.DbAsync();
        return await db.Messages.CountAsync(m => m.ConversationId == conversationId);
    }

    [Fact]
    public async Task A_lead_blocks_a_texter_the_open_conversation_closes_and_later_texts_are_stored_but_never_queued()
    {
        var id = await _host.CreateConversationAsync("prank text");

        await Blocking.BlockAsync(_lead, id, "Repeated prank texts");

        var blocked = await _host.ConversationAsync(id);
        Assert.True(blocked.Texter.IsBlocked);
        Assert.Equal("Repeated prank texts", blocked.Texter.BlockReason);
        Assert.Equal(_lead, blocked.Texter.BlockedById);
        Assert.Equal(ConversationStatus.Closed, blocked.Status);
        Assert.Equal(TexterBlocking.BlockedDisposition, blocked.Disposition);
        var entry = Assert.Single(await _host.AuditAsync(TexterAuditActions.TexterBlocked));
        Assert.Equal(blocked.TexterId.ToString(), entry.SubjectId);
        Assert.Contains("Repeated prank texts", entry.Details);
        Assert.Single(await _host.AuditAsync(BeFree.Core.Audit.AuditActions.ConversationClosed));

        var before = await MessageCountAsync(id);
        await _host.TextFromTexterAsync(id, "more nonsense");

        // Stored on the same conversation (readable by leads), which stays closed: no queue, no automatic reply.
        Assert.Equal(before + 1, await MessageCountAsync(id));
        Assert.Equal(ConversationStatus.Closed, (await _host.ConversationAsync(id)).Status);
        Assert.DoesNotContain(await _host.Get<QueueService>().ListAsync(_advocate), i => i.ConversationId == id);
        var view = await Blocking.GetAsync(_lead, id);
        Assert.True(view.IsBlocked);
        Assert.Equal("Lena Lead", view.BlockedByName);
    }

    [Fact]
    public async Task Blocking_twice_records_it_once()
    {
        var id = await _host.CreateConversationAsync();
        await Blocking.BlockAsync(_lead, id, "abuse");
        await Blocking.BlockAsync(_lead, id, "abuse again");
        Assert.Single(await _host.AuditAsync(TexterAuditActions.TexterBlocked));
        Assert.Equal("abuse", (await _host.ConversationAsync(id)).Texter.BlockReason);
    }

    [Fact]
    public async Task Unblocking_is_audited_and_the_next_text_reopens_the_conversation()
    {
        var id = await _host.CreateConversationAsync();
        await Blocking.BlockAsync(_lead, id, "prank");

        await Blocking.UnblockAsync(_lead, id, "Texter called the hotline, genuine");

        Assert.False((await _host.ConversationAsync(id)).Texter.IsBlocked);
        Assert.Contains("genuine", Assert.Single(await _host.AuditAsync(TexterAuditActions.TexterUnblocked)).Details);
        await _host.TextFromTexterAsync(id, "please, I really need help");
        Assert.NotEqual(ConversationStatus.Closed, (await _host.ConversationAsync(id)).Status);
    }

    [Fact]
    public async Task An_advocate_cannot_block_or_unblock_or_read_the_block()
    {
        var id = await _host.CreateConversationAsync(assignedTo: _advocate);

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Blocking.BlockAsync(_advocate, id, "I do not like them"));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Blocking.UnblockAsync(_advocate, id, "x"));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Blocking.GetAsync(_advocate, id));
        Assert.False((await _host.ConversationAsync(id)).Texter.IsBlocked);
        Assert.Empty(await _host.AuditAsync(TexterAuditActions.TexterBlocked));
    }

    [Fact]
    public async Task A_reason_is_required()
    {
        var id = await _host.CreateConversationAsync();
        await Assert.ThrowsAsync<ConversationActionException>(() => Blocking.BlockAsync(_lead, id, "  "));
        Assert.False((await _host.ConversationAsync(id)).Texter.IsBlocked);
    }
}
