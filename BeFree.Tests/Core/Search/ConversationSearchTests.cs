using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Risk;
using BeFree.Core.Search;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Search;

public sealed class ConversationSearchTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private string _lead = null!;
    private string _advocate = null!;
    private int _passport;
    private int _percent;
    private ConversationSearch Search => _host.Get<ConversationSearch>();

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync(new Dictionary<string, string?> { ["Crm:Enabled"] = "false" });
        _lead = await _host.CreateLeadAsync("Lee");
        _advocate = await _host.CreateAdvocateAsync("Alex");
        _passport = await _host.CreateConversationAsync("My BOSS took my Passport", phone: "+15550001234", risk: RiskLevel.High);
        _percent = await _host.CreateConversationAsync("he takes 100% of my pay_check", phone: "+15550009876");
        await _host.CreateConversationAsync("training text passport", phone: "+15550005555", training: true);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<IReadOnlyList<int>> FindAsync(ConversationSearchQuery query)
        => (await Search.SearchAsync(_lead, query)).Results.Select(r => r.ConversationId).ToList();

    [Fact]
    public async Task Words_match_any_case_and_like_wildcards_match_only_themselves()
    {
        Assert.Equal([_passport], await FindAsync(new(Words: "passport")));
        Assert.Equal([_percent], await FindAsync(new(Words: "100%")));
        Assert.Equal([_percent], await FindAsync(new(Words: "pay_check")));
        Assert.Empty(await FindAsync(new(Words: "pay_c%k")));
        Assert.Equal([_percent], await FindAsync(new(Words: "%")));
        Assert.Equal("a\\%b\\_c\\\\", ConversationSearch.EscapeLike("a%b_c\\"));
    }

    [Fact]
    public async Task Reference_number_ending_risk_and_dates_narrow_the_results()
    {
        Assert.Equal([_passport], await FindAsync(new(Reference: $"BEFREE-{_passport}")));
        Assert.Equal([_percent], await FindAsync(new(NumberEnding: "9876")));
        Assert.Equal([_passport], await FindAsync(new(Risk: RiskLevel.High)));
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        Assert.Empty(await FindAsync(new(FromUtc: now.AddMinutes(1))));
        Assert.Equal(2, (await FindAsync(new(FromUtc: now.AddMinutes(-1), ToUtc: now.AddMinutes(1)))).Count);
        Assert.Equal(3, (await FindAsync(new(IncludeTraining: true))).Count);
        await Assert.ThrowsAsync<ConversationActionException>(() => FindAsync(new(NumberEnding: "12a")));
    }

    [Fact]
    public async Task A_disposition_finds_closed_conversations()
    {
        await _host.Get<QueueService>().ClaimAsync(_advocate, _passport);
        await _host.Get<ConversationService>().CloseAsync(_advocate, _passport, "Substantive case", "ok");

        Assert.Equal([_passport], await FindAsync(new(Disposition: "Substantive case")));
    }

    [Fact]
    public async Task Only_leads_and_admins_search_and_each_search_is_audited_without_the_words_or_digits()
    {
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Search.SearchAsync(_advocate, new(Words: "passport")));

        await Search.SearchAsync(_lead, new(Words: "passport", NumberEnding: "1234", Risk: RiskLevel.High));

        var entry = Assert.Single(await _host.AuditAsync(SearchAuditActions.ConversationsSearched));
        Assert.Contains("words=given", entry.Details);
        Assert.Contains("risk=High", entry.Details);
        Assert.DoesNotContain("passport", entry.Details);
        Assert.DoesNotContain("1234", entry.Details);
    }

    [Fact]
    public async Task Language_finds_the_conversations_in_that_language_and_is_audited()
    {
        var spanish = await _host.CreateConversationAsync("Necesito ayuda, mi patrón tiene mi pasaporte", phone: "+15550004321");
        await using (var db = await _host.DbAsync())
        {
            await db.Conversations.Where(c => c.Id == spanish)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Language, ConversationLanguage.Spanish));
        }

        Assert.Equal([spanish], await FindAsync(new(Language: ConversationLanguage.Spanish)));
        Assert.Equal([_percent, _passport], await FindAsync(new(Language: ConversationLanguage.English)));
        Assert.Empty(await FindAsync(new(Language: ConversationLanguage.Spanish, Words: "passport")));
        var result = Assert.Single((await Search.SearchAsync(_lead, new(Words: "pasaporte"))).Results);
        Assert.Equal(ConversationLanguage.Spanish, result.Language);
        Assert.Contains(await _host.AuditAsync(SearchAuditActions.ConversationsSearched), e => e.Details?.Contains("language=Spanish") == true);
    }
}
