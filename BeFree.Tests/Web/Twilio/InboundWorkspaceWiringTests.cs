using System.Net;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

/// <summary>The inbound webhook drives the workspace rules: lexicon suggestions and reopening returning texters.</summary>
public sealed class InboundWorkspaceWiringTests(SimulatedTwilioFactory factory) : IClassFixture<SimulatedTwilioFactory>
{
    [Fact]
    public async Task A_text_matching_the_lexicon_raises_the_suggested_risk_and_an_ordinary_one_does_not()
    {
        var client = factory.CreateClient();
        var worried = TwilioWebhook.NewPhoneNumber();
        var calm = TwilioWebhook.NewPhoneNumber();
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(worried, "please help they took my passport"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(calm, "what are your opening hours"))).StatusCode);

        await using var db = await factory.CreateDbContextAsync();
        var suggested = await db.Conversations.AsNoTracking().SingleAsync(c => c.Texter.PhoneNumber == worried);
        Assert.Equal(RiskLevel.High, suggested.SuggestedRisk);
        Assert.Contains("passport", suggested.SuggestedRiskReason);
        var plain = await db.Conversations.AsNoTracking().SingleAsync(c => c.Texter.PhoneNumber == calm);
        Assert.Null(plain.SuggestedRisk);
    }

    [Fact]
    public async Task A_returning_texter_goes_back_to_their_advocate_when_on_shift_and_to_the_queue_otherwise()
    {
        var advocate = await StaffTestData.CreateStaffAsync(factory.Services, $"returning-{Guid.NewGuid():N}@befree.test", "Rae Advocate", [StaffRoles.Advocate]);
        var client = factory.CreateClient();

        var onShiftPhone = TwilioWebhook.NewPhoneNumber();
        var onShift = await factory.SeedConversationAsync(onShiftPhone, ConversationStatus.Closed, advocate.Id);
        var offShiftPhone = TwilioWebhook.NewPhoneNumber();
        var offShift = await factory.SeedConversationAsync(offShiftPhone, ConversationStatus.Closed, advocate.Id);

        using (factory.Get<StaffPresenceRegistry>().Register(advocate.Id))
        {
            await client.PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(onShiftPhone, "it's me again"));
        }
        await client.PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(offShiftPhone, "it's me again"));

        await using var db = await factory.CreateDbContextAsync();
        var backToAdvocate = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == onShift);
        Assert.Equal((ConversationStatus.Assigned, advocate.Id, true, 1), (backToAdvocate.Status, backToAdvocate.AssignedToId, backToAdvocate.IsReturning, backToAdvocate.UnreadCount));
        var toQueue = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == offShift);
        Assert.Equal((ConversationStatus.Queued, (string?)null, true), (toQueue.Status, toQueue.AssignedToId, toQueue.IsReturning));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.ConversationReopened
            && (a.SubjectId == onShift.ToString() || a.SubjectId == offShift.ToString())));
        // One conversation per texter: the thread continues where it left off.
        Assert.Equal(1, await db.Conversations.CountAsync(c => c.Texter.PhoneNumber == onShiftPhone));
    }
}
