using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Audit;

/// <summary>A shift lead opening someone else's conversation by its plain URL leaves a trace; its holder does not.</summary>
public sealed class ConversationReadWebTests : IClassFixture<BeFreeWebFactory>
{
    private const string Password = "amber-willow-signal-73";
    private readonly BeFreeWebFactory _factory;

    public ConversationReadWebTests(BeFreeWebFactory factory) => _factory = factory;

    private async Task<(string Id, HttpClient Client)> SignedInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@befree.test";
        var id = await StaffWebSession.CreateReadyAccountAsync(_factory, email, Password, role);
        return (id, await StaffWebSession.SignInAsync(_factory, email, Password));
    }

    private async Task<int> ConversationHeldByAsync(string staffId, string body)
    {
        await using var db = await _factory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var conversation = new Conversation
        {
            Texter = new Texter { PhoneNumber = $"+1555{Random.Shared.Next(1_000_000, 9_999_999)}", FirstSeenUtc = now },
            Status = ConversationStatus.Assigned,
            AssignedToId = staffId,
            CreatedUtc = now,
            QueuedUtc = now,
            ClaimedUtc = now,
            LastMessageUtc = now,
        };
        conversation.Messages.Add(new Message
        {
            Direction = MessageDirection.Inbound, Origin = MessageOrigin.Texter, Body = body, CreatedUtc = now,
            Status = MessageStatus.Received, StatusUpdatedUtc = now, TwilioSid = "SM" + Guid.NewGuid().ToString("N"),
        });
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    private async Task<List<AuditEntry>> ReadsAsync(int conversationId)
    {
        var subject = conversationId.ToString();
        await using var db = await _factory.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.ConversationRead && a.SubjectId == subject).ToListAsync();
    }

    [Fact]
    public async Task A_lead_opening_someone_elses_conversation_by_url_is_recorded_once_and_its_holder_is_not()
    {
        var (advocateId, advocate) = await SignedInAsync(StaffRoles.Advocate);
        var (leadId, lead) = await SignedInAsync(StaffRoles.ShiftLead);
        var body = "they keep my documents " + Guid.NewGuid().ToString("N")[..8];
        var conversation = await ConversationHeldByAsync(advocateId, body);

        Assert.Contains(body, await advocate.GetStringAsync($"/conversations/{conversation}"));
        Assert.Empty(await ReadsAsync(conversation));

        Assert.Contains(body, await lead.GetStringAsync($"/conversations/{conversation}"));
        Assert.Contains(body, await lead.GetStringAsync($"/conversations/{conversation}"));

        var read = Assert.Single(await ReadsAsync(conversation));
        Assert.Equal(leadId, read.ActorId);
        Assert.Equal("surface=conversation", read.Details);
    }

    [Fact]
    public async Task The_audit_page_offers_the_integrity_check()
    {
        var (_, admin) = await SignedInAsync(StaffRoles.Admin);

        var html = await admin.GetStringAsync("/admin/audit");

        Assert.Contains("data-testid=\"audit-chain\"", html);
        Assert.Contains("Verify the chain", html);
    }
}
