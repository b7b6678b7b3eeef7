using System.Net;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Risk;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

/// <summary>A Spanish-speaking texter, end to end: the signed webhook, the conversation's language, and what the fake Twilio is asked to send.</summary>
public sealed class SpanishTextsWebTests : LiveTwilioTests
{
    private const string SmsPath = "/twilio/sms";
    private static readonly TwilioOptions Defaults = new();

    private async Task<Conversation> ConversationOfAsync(string phone)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Texter.PhoneNumber == phone);
    }

    private async Task WaitForBodiesSentToAsync(string phone, int count)
        => await Factory.WaitUntilAsync(_ => Task.FromResult(Twilio.RequestsTo(phone).Count >= count), $"{count} text(s) sent to the texter");

    [Fact]
    public async Task A_texter_writing_in_Spanish_gets_the_Spanish_acknowledgement_and_a_documents_suggestion()
    {
        var phone = TwilioWebhook.NewPhoneNumber();

        var response = await Factory.CreateClient().PostSignedAsync(SmsPath,
            TwilioWebhook.Inbound(phone, "Necesito ayuda, mi patrón tiene mi pasaporte"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitForBodiesSentToAsync(phone, 1);
        var sent = Assert.Single(Twilio.RequestsTo(phone));
        Assert.Equal(Defaults.SpanishFirstContactReply, sent.Body);
        var conversation = await ConversationOfAsync(phone);
        Assert.Equal(ConversationLanguage.Spanish, conversation.Language);
        Assert.Equal(ConversationStatus.Queued, conversation.Status);
        Assert.Equal(RiskLevel.High, conversation.SuggestedRisk);
        Assert.Contains("tiene mi pasaporte", conversation.SuggestedRiskReason);
    }

    [Fact]
    public async Task An_English_texter_still_gets_the_English_acknowledgement()
    {
        var phone = TwilioWebhook.NewPhoneNumber();

        await Factory.CreateClient().PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "I need help, my boss has my passport"));

        await WaitForBodiesSentToAsync(phone, 1);
        Assert.Equal(Defaults.FirstContactReply, Assert.Single(Twilio.RequestsTo(phone)).Body);
        Assert.Equal(ConversationLanguage.English, (await ConversationOfAsync(phone)).Language);
    }

    [Fact]
    public async Task AYUDA_is_answered_like_HELP_in_Spanish()
    {
        var phone = TwilioWebhook.NewPhoneNumber();

        await Factory.CreateClient().PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "AYUDA"));

        await WaitForBodiesSentToAsync(phone, 2);
        // A conversation's texts go out one after another, in order.
        Assert.Equal(new[] { Defaults.SpanishFirstContactReply!, Defaults.SpanishInfoReply! }, Twilio.RequestsTo(phone).Select(r => r.Body).ToArray());
    }

    [Fact]
    public async Task PARAR_opts_out_with_the_Spanish_confirmation()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var client = Factory.CreateClient();
        await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "Hola, necesito hablar con alguien"));
        await WaitForBodiesSentToAsync(phone, 1);

        await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "PARAR"));

        await WaitForBodiesSentToAsync(phone, 2);
        Assert.Equal(Defaults.SpanishOptOutReply, Twilio.RequestsTo(phone)[1].Body);
        await using var db = await Factory.CreateDbContextAsync();
        Assert.True(await db.Texters.Where(t => t.PhoneNumber == phone).Select(t => t.IsOptedOut).SingleAsync());
    }
}
