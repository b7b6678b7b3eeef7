using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;

namespace BeFree.Tests.Core.Conversations;

/// <summary>The conversation's language: set by the advocate (audited), shown and filtered in lists, and on canned responses.</summary>
public sealed class ConversationLanguageTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _advocate = "";
    private string _other = "";
    private string _lead = "";

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync();
        _advocate = await _host.CreateAdvocateAsync("Ava");
        _other = await _host.CreateAdvocateAsync("Otto");
        _lead = await _host.CreateLeadAsync("Lena");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ConversationLanguageService Languages => _host.Get<ConversationLanguageService>();

    [Fact]
    public async Task The_holder_changes_the_language_audited_and_the_detector_no_longer_does()
    {
        var id = await _host.CreateConversationAsync("hi", assignedTo: _advocate);

        await Languages.SetAsync(_advocate, id, ConversationLanguage.Spanish);

        var conversation = await _host.ConversationAsync(id);
        Assert.Equal(ConversationLanguage.Spanish, conversation.Language);
        Assert.True(conversation.LanguageSettled);
        Assert.Contains("language=Spanish", Assert.Single(await _host.AuditAsync(TexterAuditActions.LanguageSet)).Details);
        await _host.TextFromTexterAsync(id, "I need help, they took my passport");
        Assert.Equal(ConversationLanguage.Spanish, (await _host.ConversationAsync(id)).Language);
        // The same choice again changes nothing and records nothing.
        await Languages.SetAsync(_advocate, id, ConversationLanguage.Spanish);
        Assert.Single(await _host.AuditAsync(TexterAuditActions.LanguageSet));
    }

    [Fact]
    public async Task Another_advocate_cannot_change_it_but_a_lead_can()
    {
        var id = await _host.CreateConversationAsync("hi", assignedTo: _advocate);

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Languages.SetAsync(_other, id, ConversationLanguage.Spanish));
        Assert.Equal(ConversationLanguage.English, (await _host.ConversationAsync(id)).Language);
        await Languages.SetAsync(_lead, id, ConversationLanguage.Spanish);
        Assert.Equal(ConversationLanguage.Spanish, (await _host.ConversationAsync(id)).Language);
    }

    [Fact]
    public async Task Queue_and_my_conversations_show_and_filter_the_language()
    {
        var english = await _host.CreateConversationAsync("hi");
        var spanish = await _host.CreateConversationAsync("hola");
        await Languages.SetAsync(_lead, spanish, ConversationLanguage.Spanish);
        var queue = _host.Get<QueueService>();

        var all = await queue.ListAsync(_advocate);
        Assert.Equal(ConversationLanguage.Spanish, all.Single(i => i.ConversationId == spanish).Language);
        Assert.Equal(ConversationLanguage.English, all.Single(i => i.ConversationId == english).Language);
        Assert.Equal([spanish], (await queue.ListAsync(_advocate, language: ConversationLanguage.Spanish)).Select(i => i.ConversationId));

        Assert.True((await queue.ClaimAsync(_advocate, spanish)).Succeeded);
        Assert.True((await queue.ClaimAsync(_advocate, english)).Succeeded);
        var mine = _host.Get<ConversationService>();
        Assert.Equal([spanish], (await mine.ListMineAsync(_advocate, language: ConversationLanguage.Spanish)).Select(i => i.ConversationId));
        Assert.Equal(2, (await mine.ListMineAsync(_advocate)).Count);
    }

    [Fact]
    public async Task Canned_responses_have_a_language_to_filter_by()
    {
        var canned = _host.Get<CannedResponses>();
        var id = await canned.CreateAsync(_lead, new CannedResponseInput("¿Está a salvo?", "¿Está a salvo para hablar ahora?", 0, ConversationLanguage.Spanish));

        var spanish = await canned.ListAsync(_advocate, language: ConversationLanguage.Spanish);
        Assert.Equal([id], spanish.Select(c => c.Id));
        Assert.Equal(ConversationLanguage.Spanish, spanish[0].Language);
        Assert.DoesNotContain(await canned.ListAsync(_advocate, language: ConversationLanguage.English), c => c.Id == id);

        await canned.UpdateAsync(_lead, id, new CannedResponseInput("¿Está a salvo?", "Are you safe?", 0, ConversationLanguage.English));
        Assert.Contains(await canned.ListAsync(_advocate, language: ConversationLanguage.English), c => c.Id == id);
        await Assert.ThrowsAsync<ConversationActionException>(() =>
            canned.CreateAsync(_lead, new CannedResponseInput("x", "y", 0, (ConversationLanguage)7)));
    }
}
