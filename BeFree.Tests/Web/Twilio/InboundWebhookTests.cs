using System.Net;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

public sealed class InboundWebhookTests(SimulatedTwilioFactory factory) : IClassFixture<SimulatedTwilioFactory>
{
    private const string SmsPath = "/twilio/sms";

    private async Task<Message?> StoredAsync(string messageSid)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Messages.AsNoTracking().Include(m => m.Conversation).ThenInclude(c => c.Texter).Include(m => m.Media)
            .SingleOrDefaultAsync(m => m.TwilioSid == messageSid);
    }

    private async Task<bool> AnythingStoredForAsync(string phoneNumber)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Texters.AnyAsync(t => t.PhoneNumber == phoneNumber);
    }

    [Fact]
    public async Task A_signed_text_is_stored_in_a_new_queued_conversation_and_answered_with_empty_twiml()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var sid = TwilioWebhook.NewMessageSid();
        using var changes = new ChangeRecorder(factory.Get<ConversationNotifier>());

        var response = await factory.CreateClient().PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "Is this BeFree?", sid));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Response></Response>", await response.Content.ReadAsStringAsync());
        var message = await StoredAsync(sid);
        Assert.NotNull(message);
        Assert.Equal(MessageDirection.Inbound, message.Direction);
        Assert.Equal(MessageStatus.Received, message.Status);
        Assert.Equal("Is this BeFree?", message.Body);
        Assert.Equal(phone, message.Conversation.Texter.PhoneNumber);
        Assert.Equal(ConversationStatus.Queued, message.Conversation.Status);
        Assert.False(message.Conversation.IsTraining);
        Assert.Single(await changes.ForAsync(message.ConversationId, ConversationChangeKind.Created));
    }

    [Theory]
    [InlineData("no-header")]
    [InlineData("wrong-token")]
    [InlineData("signed-for-another-path")]
    [InlineData("signed-for-https")]
    [InlineData("body-altered-after-signing")]
    public async Task A_missing_or_wrong_signature_gets_403_and_nothing_is_stored(string attack)
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var form = TwilioWebhook.Inbound(phone, "hello");
        var signedUrl = TwilioWebhook.TestServerBase + SmsPath;
        var token = TwilioWebFactory.AuthToken;
        switch (attack)
        {
            case "wrong-token": token = "not-the-configured-token"; break;
            case "signed-for-another-path": signedUrl = TwilioWebhook.TestServerBase + "/twilio/status"; break;
            case "signed-for-https": signedUrl = "https://localhost" + SmsPath; break;
        }
        using var request = TwilioWebhook.Signed(SmsPath, form, token, signedUrl);
        if (attack == "no-header")
        {
            request.Headers.Remove(TwilioSignature.HeaderName);
        }
        if (attack == "body-altered-after-signing")
        {
            form[form.FindIndex(p => p.Key == "Body")] = new("Body", "hello there");
            request.Content = new FormUrlEncodedContent(form);
        }

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await AnythingStoredForAsync(phone));
    }

    [Theory]
    [InlineData("MessageSid")]
    [InlineData("From")]
    [InlineData("To")]
    public async Task A_missing_required_field_gets_400_and_nothing_is_stored(string field)
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var form = TwilioWebhook.Inbound(phone, "hello");
        form.RemoveAll(p => p.Key == field);

        var response = await factory.CreateClient().PostSignedAsync(SmsPath, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync());
        Assert.False(await AnythingStoredForAsync(phone));
    }

    [Fact]
    public async Task A_body_over_1600_characters_gets_400_and_nothing_is_stored()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var response = await factory.CreateClient().PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, new string('x', 1601)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await AnythingStoredForAsync(phone));
    }

    [Fact]
    public async Task A_form_over_64_KB_gets_400_and_nothing_is_stored_even_when_signed()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var form = TwilioWebhook.Inbound(phone, "hello", null, ("Padding", new string('p', 65 * 1024)));
        var response = await factory.CreateClient().PostSignedAsync(SmsPath, form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await AnythingStoredForAsync(phone));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_gets_400()
    {
        var response = await factory.CreateClient().PostAsync(SmsPath, new StringContent("""{"From":"+15550000000"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_same_webhook_posted_three_times_at_once_is_stored_once_and_announced_once()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var sid = TwilioWebhook.NewMessageSid();
        var form = TwilioWebhook.Inbound(phone, "they took my passport", sid);
        using var changes = new ChangeRecorder(factory.Get<ConversationNotifier>());
        var client = factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostSignedAsync(SmsPath, form)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = await factory.CreateDbContextAsync();
        var stored = await db.Messages.Where(m => m.TwilioSid == sid).ToListAsync();
        var message = Assert.Single(stored);
        Assert.Single(await db.Conversations.Where(c => c.Texter.PhoneNumber == phone).ToListAsync());
        Assert.Single(await changes.ForAsync(message.ConversationId, ConversationChangeKind.Created, ConversationChangeKind.MessageAdded));
        // And once more, later: still one.
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(SmsPath, form)).StatusCode);
        Assert.Equal(1, await db.Messages.CountAsync(m => m.TwilioSid == sid));
        Assert.Single(await changes.ForAsync(message.ConversationId, ConversationChangeKind.Created, ConversationChangeKind.MessageAdded));
    }

    [Fact]
    public async Task Many_texts_at_once_from_a_new_number_open_one_conversation_with_one_acknowledgement()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var forms = Enumerable.Range(1, 12).Select(i => TwilioWebhook.Inbound(phone, $"text {i}")).ToList();
        forms.Add(forms[0]);
        forms.Add(forms[5]);
        using var changes = new ChangeRecorder(factory.Get<ConversationNotifier>());
        var client = factory.CreateClient();

        var responses = await Task.WhenAll(forms.Select(f => client.PostSignedAsync(SmsPath, f)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = await factory.CreateDbContextAsync();
        var conversation = await db.Conversations.Include(c => c.Messages).SingleAsync(c => c.Texter.PhoneNumber == phone);
        var inbound = conversation.Messages.Where(m => m.Direction == MessageDirection.Inbound).ToList();
        Assert.Equal(12, inbound.Count);
        Assert.Equal(12, inbound.Select(m => m.Body).Distinct().Count());
        var ack = Assert.Single(conversation.Messages, m => m.Origin == MessageOrigin.Automatic);
        Assert.True(ack.Id > inbound.Min(m => m.Id));
        Assert.Single(await changes.ForAsync(conversation.Id, ConversationChangeKind.Created));
        Assert.Equal(11, (await changes.ForAsync(conversation.Id, ConversationChangeKind.MessageAdded)).Count);
    }

    [Fact]
    public async Task Texts_from_many_numbers_at_once_each_get_their_own_conversation()
    {
        var phones = Enumerable.Range(0, 10).Select(_ => TwilioWebhook.NewPhoneNumber()).ToList();
        var client = factory.CreateClient();

        var responses = await Task.WhenAll(phones.Select(p => client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(p, "hello from " + p))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = await factory.CreateDbContextAsync();
        foreach (var phone in phones)
        {
            var conversation = await db.Conversations.Include(c => c.Messages).SingleAsync(c => c.Texter.PhoneNumber == phone);
            var text = Assert.Single(conversation.Messages, m => m.Direction == MessageDirection.Inbound);
            Assert.Equal("hello from " + phone, text.Body);
            Assert.True(Assert.Single(conversation.Messages, m => m.Origin == MessageOrigin.Automatic).Id > text.Id);
        }
    }

    [Fact]
    public async Task A_repeat_of_a_stored_text_arriving_with_new_ones_is_ignored_and_the_new_ones_are_stored()
    {
        var client = factory.CreateClient();
        var repeated = TwilioWebhook.Inbound(TwilioWebhook.NewPhoneNumber(), "first delivery");
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(SmsPath, repeated)).StatusCode);
        var fresh = Enumerable.Range(0, 8).Select(i => TwilioWebhook.Inbound(TwilioWebhook.NewPhoneNumber(), $"new {i}")).ToList();

        var responses = await Task.WhenAll(fresh.Prepend(repeated).Select(f => client.PostSignedAsync(SmsPath, f)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = await factory.CreateDbContextAsync();
        var repeatedSid = repeated.Single(p => p.Key == "MessageSid").Value;
        Assert.Equal(1, await db.Messages.CountAsync(m => m.TwilioSid == repeatedSid));
        foreach (var form in fresh)
        {
            var sid = form.Single(p => p.Key == "MessageSid").Value;
            Assert.Equal(1, await db.Messages.CountAsync(m => m.TwilioSid == sid));
        }
    }

    [Fact]
    public async Task Unicode_and_emoji_are_stored_exactly()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var sid = TwilioWebhook.NewMessageSid();
        const string body = "Ayuda 🙏🏽 — no puedo salir. 帮帮我 👨‍👩‍👧 ñ";
        await factory.CreateClient().PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, body, sid));
        Assert.Equal(body, (await StoredAsync(sid))!.Body);
    }

    [Fact]
    public async Task Mms_media_and_carrier_location_hints_are_recorded()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var sid = TwilioWebhook.NewMessageSid();
        var form = TwilioWebhook.Inbound(phone, "", sid,
            ("NumMedia", "2"),
            ("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME0"), ("MediaContentType0", "image/jpeg"),
            ("MediaUrl1", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"), ("MediaContentType1", "video/mp4"),
            ("FromCity", "HOUSTON"), ("FromState", "TX"), ("FromZip", "77002"), ("FromCountry", "US"));

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostSignedAsync(SmsPath, form)).StatusCode);

        var message = (await StoredAsync(sid))!;
        Assert.Equal(2, message.NumMedia);
        Assert.Equal(["image/jpeg", "video/mp4"], message.Media.OrderBy(m => m.Index).Select(m => m.ContentType));
        Assert.EndsWith("/ME1", message.Media.Single(m => m.Index == 1).Url);
        Assert.Equal("HOUSTON", message.Conversation.FromCity);
        Assert.Equal("TX", message.Conversation.FromState);
        Assert.Equal("77002", message.Conversation.FromZip);
    }

    [Fact]
    public async Task Texts_from_a_number_with_an_open_conversation_are_appended_and_count_as_unread_when_assigned()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var conversationId = await factory.SeedConversationAsync(phone, ConversationStatus.Assigned, await factory.AdminIdAsync());
        var client = factory.CreateClient();
        using var changes = new ChangeRecorder(factory.Get<ConversationNotifier>());

        await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "one"));
        await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "two"));

        await using var db = await factory.CreateDbContextAsync();
        var conversation = await db.Conversations.Include(c => c.Messages).SingleAsync(c => c.Texter.PhoneNumber == phone);
        Assert.Equal(conversationId, conversation.Id);
        Assert.Equal(ConversationStatus.Assigned, conversation.Status);
        Assert.Equal(2, conversation.UnreadCount);
        Assert.Equal(["one", "two"], conversation.Messages.Where(m => m.Direction == MessageDirection.Inbound).OrderBy(m => m.Id).Select(m => m.Body));
        // Not a new conversation: no first-contact acknowledgement.
        Assert.DoesNotContain(conversation.Messages, m => m.Origin == MessageOrigin.Automatic);
        Assert.Equal(2, (await changes.ForAsync(conversationId, ConversationChangeKind.MessageAdded)).Count);
    }

    [Fact]
    public async Task A_text_from_a_texter_whose_conversation_was_closed_reopens_it_to_the_queue_as_returning()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var conversationId = await factory.SeedConversationAsync(phone, ConversationStatus.Closed, await factory.AdminIdAsync());
        var before = DateTime.UtcNow;

        await factory.CreateClient().PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "I'm back"));

        await using var db = await factory.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Texter.PhoneNumber == phone);
        Assert.Equal(conversationId, conversation.Id);
        Assert.Equal(ConversationStatus.Queued, conversation.Status);
        Assert.Null(conversation.AssignedToId);
        Assert.True(conversation.IsReturning);
        Assert.True(conversation.QueuedUtc >= before.AddSeconds(-1));
    }

    [Fact]
    public async Task The_first_text_of_a_new_conversation_gets_the_acknowledgement_once()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var client = factory.CreateClient();
        await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "hello"));
        await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "are you there"));

        await using var db = await factory.CreateDbContextAsync();
        var automatic = await db.Messages.Where(m => m.Conversation.Texter.PhoneNumber == phone && m.Origin == MessageOrigin.Automatic).ToListAsync();
        var ack = Assert.Single(automatic);
        Assert.StartsWith("You reached BeFree.", ack.Body);
        var firstInbound = await db.Messages.Where(m => m.Conversation.Texter.PhoneNumber == phone && m.Direction == MessageDirection.Inbound).MinAsync(m => m.Id);
        Assert.True(ack.Id > firstInbound, "The acknowledgement follows the text it answers.");
    }

    [Fact]
    public async Task Help_gets_the_info_text()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        await factory.SeedConversationAsync(phone);
        await factory.CreateClient().PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, " help "));

        await using var db = await factory.CreateDbContextAsync();
        var reply = await db.Messages.SingleAsync(m => m.Conversation.Texter.PhoneNumber == phone && m.Origin == MessageOrigin.Automatic);
        Assert.Contains("1-888-373-7888", reply.Body);
    }

    [Fact]
    public async Task Stop_opts_out_confirms_once_alerts_and_refuses_outbound_until_start()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var conversationId = await factory.SeedConversationAsync(phone);
        var client = factory.CreateClient();
        var outbound = factory.Get<IOutboundQueue>();
        var adminId = await factory.AdminIdAsync();
        using var changes = new ChangeRecorder(factory.Get<ConversationNotifier>());

        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "Stop"))).StatusCode);
        await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "STOP"));

        await using (var db = await factory.CreateDbContextAsync())
        {
            var conversation = await db.Conversations.Include(c => c.Texter).SingleAsync(c => c.Id == conversationId);
            Assert.True(conversation.Texter.IsOptedOut);
            Assert.NotNull(conversation.Texter.OptedOutUtc);
            Assert.True(conversation.OptOutAlert);
            var confirmation = await db.Messages.SingleAsync(m => m.ConversationId == conversationId && m.Origin == MessageOrigin.Automatic);
            Assert.True(confirmation.IsOptOutConfirmation);
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == MessagingAuditActions.TexterOptedOut && a.SubjectId == conversation.TexterId.ToString());
            Assert.DoesNotContain(phone, audit.Details);
            Assert.DoesNotContain(phone[1..], audit.Details);
        }
        Assert.Single(await changes.ForAsync(conversationId, ConversationChangeKind.OptOutChanged));
        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => outbound.EnqueueAsync(conversationId, "Are you safe?", adminId, MessageOrigin.Advocate));
        Assert.Contains("STOP", refused.Message);

        // The confirmation itself still goes out.
        await factory.WaitUntilAsync(db => db.Messages.AnyAsync(m => m.ConversationId == conversationId && m.IsOptOutConfirmation && m.Status == MessageStatus.Delivered),
            "the STOP confirmation is delivered");

        await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(phone, "start"));

        await using (var db = await factory.CreateDbContextAsync())
        {
            var conversation = await db.Conversations.Include(c => c.Texter).SingleAsync(c => c.Id == conversationId);
            Assert.False(conversation.Texter.IsOptedOut);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == MessagingAuditActions.TexterOptedIn && a.SubjectId == conversation.TexterId.ToString()));
            Assert.Equal(2, await db.Messages.CountAsync(m => m.ConversationId == conversationId && m.Origin == MessageOrigin.Automatic));
        }
        var id = await outbound.EnqueueAsync(conversationId, "Are you safe?", adminId, MessageOrigin.Advocate);
        Assert.True(id > 0);
    }

    [Fact]
    public async Task Stop_with_punctuation_opts_out_but_stop_in_a_sentence_is_a_text_for_the_advocate()
    {
        var sentencePhone = TwilioWebhook.NewPhoneNumber();
        var sentenceConversation = await factory.SeedConversationAsync(sentencePhone);
        var stopPhone = TwilioWebhook.NewPhoneNumber();
        var stopConversation = await factory.SeedConversationAsync(stopPhone);
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(sentencePhone, "please stop calling me"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(SmsPath, TwilioWebhook.Inbound(stopPhone, "Stop!"))).StatusCode);

        await using var db = await factory.CreateDbContextAsync();
        var sentence = await db.Conversations.AsNoTracking().Include(c => c.Texter).SingleAsync(c => c.Id == sentenceConversation);
        Assert.False(sentence.Texter.IsOptedOut);
        Assert.False(sentence.OptOutAlert);
        Assert.True(await db.Messages.AnyAsync(m => m.ConversationId == sentenceConversation && m.Body == "please stop calling me"));
        Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == sentenceConversation && m.IsOptOutConfirmation));

        var stopped = await db.Conversations.AsNoTracking().Include(c => c.Texter).SingleAsync(c => c.Id == stopConversation);
        Assert.True(stopped.Texter.IsOptedOut);
        Assert.True(stopped.OptOutAlert);
        Assert.True(await db.Messages.AnyAsync(m => m.ConversationId == stopConversation && m.IsOptOutConfirmation));
    }

    [Fact]
    public async Task A_queued_reply_is_not_sent_to_a_texter_who_opted_out_before_it_went()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var conversationId = await factory.SeedConversationAsync(phone);
        long messageId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var texter = await db.Texters.SingleAsync(t => t.PhoneNumber == phone);
            texter.IsOptedOut = true;
            var message = new Message
            {
                ConversationId = conversationId,
                Direction = MessageDirection.Outbound,
                Origin = MessageOrigin.Advocate,
                Body = "queued before STOP",
                Status = MessageStatus.Queued,
                CreatedUtc = DateTime.UtcNow,
                StatusUpdatedUtc = DateTime.UtcNow,
            };
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            messageId = message.Id;
        }
        factory.WakeSender();

        var failed = await factory.WaitForMessageAsync(messageId, m => m.Status == MessageStatus.Failed, "the reply is refused");
        Assert.Null(failed.TwilioSid);
        Assert.Contains("STOP", failed.ErrorMessage);
    }

    [Fact]
    public async Task Empty_or_overlong_replies_are_refused()
    {
        var conversationId = await factory.SeedConversationAsync(TwilioWebhook.NewPhoneNumber());
        var outbound = factory.Get<IOutboundQueue>();
        await Assert.ThrowsAsync<OutboundRefusedException>(() => outbound.EnqueueAsync(conversationId, "  ", null, MessageOrigin.Advocate));
        await Assert.ThrowsAsync<OutboundRefusedException>(() => outbound.EnqueueAsync(conversationId, new string('a', 1601), null, MessageOrigin.Advocate));
        await Assert.ThrowsAsync<OutboundRefusedException>(() => outbound.EnqueueAsync(int.MaxValue, "hello", null, MessageOrigin.Advocate));
    }
}
