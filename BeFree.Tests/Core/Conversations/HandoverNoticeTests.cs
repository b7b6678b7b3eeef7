using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Tests.Components.Localization;

namespace BeFree.Tests.Core.Conversations;

/// <summary>The advocate who loses a conversation is told who has it now and why.</summary>
public sealed class HandoverNoticeTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _advocate = null!;
    private string _other = null!;
    private string _lead = null!;
    private int _conversation;
    private ConversationService Conversations => _host.Get<ConversationService>();

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _advocate = await _host.CreateAdvocateAsync("Alex Advocate");
        _other = await _host.CreateAdvocateAsync("Sam Spanish");
        _lead = await _host.CreateLeadAsync("Lee Lead");
        _conversation = await _host.CreateConversationAsync("help");
        Assert.True((await _host.Get<QueueService>().ClaimAsync(_advocate, _conversation)).Succeeded);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_holder_has_no_notice()
        => Assert.Null(await Conversations.GetHandoverNoticeAsync(_advocate, _conversation));

    [Fact]
    public async Task A_take_over_says_who_and_why()
    {
        await Conversations.TakeOverAsync(_lead, _conversation, "texter reports immediate danger");

        var notice = await Conversations.GetHandoverNoticeAsync(_advocate, _conversation);

        Assert.NotNull(notice);
        Assert.Equal("Taken over by Lee Lead: texter reports immediate danger", notice.Message);
        Assert.Equal("Lee Lead", notice.NowHeldBy);
        // The lead now holds it: nothing to tell them, and nothing to tell someone it never concerned.
        Assert.Null(await Conversations.GetHandoverNoticeAsync(_lead, _conversation));
        Assert.Null(await Conversations.GetHandoverNoticeAsync(_other, _conversation));
    }

    [Fact]
    public async Task A_transfer_and_a_reassignment_say_to_whom()
    {
        await Conversations.TransferAsync(_advocate, _conversation, _other, "She prefers Spanish.");
        Assert.Equal("Transferred to Sam Spanish.", (await Conversations.GetHandoverNoticeAsync(_advocate, _conversation))?.Message);

        await Conversations.ReassignAsync(_lead, _conversation, _advocate, "Sam is going off shift");
        Assert.Null(await Conversations.GetHandoverNoticeAsync(_advocate, _conversation));
        Assert.Equal("Reassigned to Alex Advocate by Lee Lead: Sam is going off shift",
            (await Conversations.GetHandoverNoticeAsync(_other, _conversation))?.Message);
    }

    [Fact]
    public async Task Claiming_it_again_later_ends_the_notice()
    {
        await Conversations.TakeOverAsync(_lead, _conversation, "supervision");
        await Conversations.ReleaseAsync(_lead, _conversation);
        Assert.NotNull(await Conversations.GetHandoverNoticeAsync(_advocate, _conversation));

        Assert.True((await _host.Get<QueueService>().ClaimAsync(_advocate, _conversation)).Succeeded);
        await Conversations.ReleaseAsync(_advocate, _conversation);

        Assert.Null(await Conversations.GetHandoverNoticeAsync(_advocate, _conversation));
    }

    [Fact]
    public async Task Handover_notes_read_in_each_readers_language_around_the_persons_own_words()
    {
        await Conversations.TransferAsync(_advocate, _conversation, _other, "She prefers Spanish.");
        await Conversations.ReassignAsync(_lead, _conversation, _advocate, "Sam is going off shift");
        await Conversations.TakeOverAsync(_lead, _conversation, "texter reports immediate danger");

        var english = (await Conversations.GetDetailAsync(_lead, _conversation)).Notes.Select(n => n.Body).ToList();
        List<string> spanish;
        using (new CultureScope("es-US"))
        {
            spanish = (await Conversations.GetDetailAsync(_lead, _conversation)).Notes.Select(n => n.Body).ToList();
        }

        Assert.Equal([
            "Transferred from Alex Advocate to Sam Spanish: She prefers Spanish.",
            "Transferred from Sam Spanish to Alex Advocate by Lee Lead: Sam is going off shift",
            "Taken over by Lee Lead from Alex Advocate: texter reports immediate danger"], english);
        Assert.Equal([
            "Transferida de Alex Advocate a Sam Spanish: She prefers Spanish.",
            "Lee Lead la transfirió de Sam Spanish a Alex Advocate: Sam is going off shift",
            "Lee Lead tomó el control (la tenía Alex Advocate): texter reports immediate danger"], spanish);
        // What is stored is the person's words alone, with who held it before and after.
        await using var db = await _host.DbAsync();
        var stored = db.ConversationNotes.Where(n => n.ConversationId == _conversation).OrderBy(n => n.Id).ToList();
        Assert.Equal(["She prefers Spanish.", "Sam is going off shift", "texter reports immediate danger"], stored.Select(n => n.Body));
        Assert.Equal([(_advocate, _other), (_other, _advocate), (_advocate, null)], stored.Select(n => (n.FromStaffId, n.ToStaffId)));
    }

    [Fact]
    public async Task A_handover_note_stored_as_one_English_sentence_reads_as_stored_and_still_gives_its_reason()
    {
        // As a take-over was stored before the holders were kept apart.
        await Conversations.TakeOverAsync(_lead, _conversation, "placeholder");
        await using (var db = await _host.DbAsync())
        {
            var note = db.ConversationNotes.Single(n => n.ConversationId == _conversation);
            (note.Body, note.FromStaffId) = ("Taken over by Lee Lead from Alex Advocate: texter reports immediate danger", null);
            await db.SaveChangesAsync();
        }

        using var spanish = new CultureScope("es-US");
        Assert.Equal("Taken over by Lee Lead from Alex Advocate: texter reports immediate danger",
            Assert.Single((await Conversations.GetDetailAsync(_lead, _conversation)).Notes).Body);
        Assert.Equal("Lee Lead tomó el control: texter reports immediate danger", (await Conversations.GetHandoverNoticeAsync(_advocate, _conversation))?.Message);
    }
}
