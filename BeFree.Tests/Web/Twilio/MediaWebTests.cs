using System.Net;
using System.Text;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging;
using BeFree.Core.Staff;
using BeFree.Tests.Web.Staff;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Twilio;

/// <summary>
/// A texter's attachments, opened from the thread: fetched from (fake) Twilio with its password, for
/// those who may read the conversation. Copying and deleting at Twilio is off here, so every open
/// takes the fetch path (TwilioCopyWebTests cover the copies).
/// </summary>
public sealed class MediaWebTests : LiveTwilioTests
{
    protected override void Configure(TwilioWebFactory factory) => factory.Settings["Twilio:DeleteAfterIngest"] = "false";

    private const string Password = "amber-thistle-harbour-39";
    private static readonly byte[] Picture = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5];

    private async Task<(string Id, HttpClient Client)> AdvocateAsync()
    {
        var email = $"advocate-{Guid.NewGuid():N}@befree.test";
        var id = await StaffWebSession.CreateReadyAccountAsync(Factory, email, Password, StaffRoles.Advocate);
        return (id, await StaffWebSession.SignInAsync(Factory, email, Password));
    }

    /// <summary>An MMS from the texter of a conversation <paramref name="holderId"/> holds; returns the conversation and the message.</summary>
    private Task<(int ConversationId, long MessageId)> MmsAsync(string holderId, params (string Url, string ContentType)[] media)
        => MmsAsync(holderId, TwilioWebhook.NewMessageSid(), media);

    /// <summary>Twilio's media URLs name their text: <paramref name="media"/> builds them for the text's SID.</summary>
    private Task<(int ConversationId, long MessageId)> MmsAsync(string holderId, Func<string, (string Url, string ContentType)[]> media)
    {
        var sid = TwilioWebhook.NewMessageSid();
        return MmsAsync(holderId, sid, media(sid));
    }

    private async Task<(int ConversationId, long MessageId)> MmsAsync(string holderId, string sid, (string Url, string ContentType)[] media)
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var conversationId = await Factory.SeedConversationAsync(phone, ConversationStatus.Assigned, holderId);
        var extra = new List<(string, string)> { ("NumMedia", media.Length.ToString()) };
        for (var i = 0; i < media.Length; i++)
        {
            extra.Add(($"MediaUrl{i}", media[i].Url));
            extra.Add(($"MediaContentType{i}", media[i].ContentType));
        }
        var response = await Factory.CreateClient().PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(phone, "this is where I am", sid, [.. extra]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await Factory.CreateDbContextAsync();
        return (conversationId, await db.Messages.Where(m => m.TwilioSid == sid).Select(m => m.Id).SingleAsync());
    }

    private async Task<int> OpenedAuditCountAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(a => a.Action == MessagingAuditActions.MediaOpened);
    }

    [Fact]
    public async Task The_holder_opens_a_picture_fetched_withTwilios_password_and_it_is_audited()
    {
        var (holderId, holder) = await AdvocateAsync();
        var (conversationId, messageId) = await MmsAsync(holderId, sid => [(Twilio.AddMedia(Picture, "image/jpeg", sid), "image/jpeg")]);

        var thread = (await Factory.Get<ConversationService>().GetDetailAsync(holderId, conversationId)).Messages.Single(m => m.Id == messageId);
        Assert.Equal([new ThreadMedia(0, "image/jpeg", Erased: false)], thread.Media);

        var response = await holder.GetAsync($"/media/{messageId}/0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Picture, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        // Twilio's URL got the account's password; the store it redirected to did not.
        Assert.Equal(TwilioWebFactory.BasicAuthorization, Twilio.MediaRequests[0].Authorization);
        Assert.StartsWith("/media-store/", Twilio.MediaRequests[1].Path);
        Assert.Equal("", Twilio.MediaRequests[1].Authorization);

        await using var db = await Factory.CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == MessagingAuditActions.MediaOpened);
        Assert.Equal(holderId, audit.ActorId);
        Assert.Equal(messageId.ToString(), audit.SubjectId);
        Assert.Equal($"conversation={conversationId}; attachment=0; type=image/jpeg", audit.Details);
    }

    [Fact]
    public async Task Another_advocate_and_an_anonymous_visitor_get_nothing_andTwilio_is_not_asked()
    {
        var (holderId, _) = await AdvocateAsync();
        var (_, other) = await AdvocateAsync();
        var (_, messageId) = await MmsAsync(holderId, sid => [(Twilio.AddMedia(Picture, "image/jpeg", sid), "image/jpeg")]);

        var refused = await other.GetAsync($"/media/{messageId}/0");
        var anonymous = await Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync($"/media/{messageId}/0");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("assigned to you", await refused.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location?.ToString() ?? "");
        Assert.Empty(Twilio.MediaRequests);
        Assert.Equal(0, await OpenedAuditCountAsync());
    }

    [Fact]
    public async Task Anything_but_a_plain_picture_downloads_instead_of_opening_in_the_browser()
    {
        var (holderId, holder) = await AdvocateAsync();
        var page = Encoding.UTF8.GetBytes("<script>alert(1)</script>");
        var (_, messageId) = await MmsAsync(holderId, sid => [(Twilio.AddMedia(page, "text/html", sid), "text/html")]);

        var response = await holder.GetAsync($"/media/{messageId}/0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"befree-{messageId}-0", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task An_address_offTwilios_host_is_never_fetched_and_an_erased_or_missing_attachment_says_so()
    {
        var (holderId, holder) = await AdvocateAsync();
        var (_, messageId) = await MmsAsync(holderId, sid =>
        [
            ("http://169.254.169.254/latest/meta-data", "image/jpeg"),
            (Twilio.AddMedia(Picture, "image/png", sid), "image/png"),
            (Twilio.BaseUrl + $"/2010-04-01/Accounts/{TwilioWebFactory.AccountSid}/Messages/{sid}/Media/ME{new string('0', 32)}", "image/png"),
        ]);
        await using (var db = await Factory.CreateDbContextAsync())
        {
            await db.MessageMedia.Where(m => m.MessageId == messageId && m.Index == 1).ExecuteUpdateAsync(s => s.SetProperty(m => m.Url, ""));
        }

        var offHost = await holder.GetAsync($"/media/{messageId}/0");
        var erased = await holder.GetAsync($"/media/{messageId}/1");
        var gone = await holder.GetAsync($"/media/{messageId}/2");
        var noSuch = await holder.GetAsync($"/media/{messageId}/7");

        Assert.Equal(HttpStatusCode.BadGateway, offHost.StatusCode);
        Assert.Contains("not Twilio's", await offHost.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, erased.StatusCode);
        Assert.Contains("retention", await erased.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("Twilio no longer has", await gone.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, noSuch.StatusCode);
        // Only the missing one reached Twilio; nothing was opened, so nothing is audited.
        Assert.Single(Twilio.MediaRequests);
        Assert.Equal(0, await OpenedAuditCountAsync());
    }

    [Fact]
    public async Task With_the_simulatedTwilio_nothing_is_fetched_and_the_advocate_is_told_why()
    {
        await using var simulated = new SimulatedTwilioFactory();
        var email = $"advocate-{Guid.NewGuid():N}@befree.test";
        var holderId = await StaffWebSession.CreateReadyAccountAsync(simulated, email, Password, StaffRoles.Advocate);
        var holder = await StaffWebSession.SignInAsync(simulated, email, Password);
        var phone = TwilioWebhook.NewPhoneNumber();
        await simulated.SeedConversationAsync(phone, ConversationStatus.Assigned, holderId);
        var sid = TwilioWebhook.NewMessageSid();
        await simulated.CreateClient().PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(phone, "", sid,
            ("NumMedia", "1"), ("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"), ("MediaContentType0", "image/jpeg")));
        await using var db = await simulated.CreateDbContextAsync();
        var messageId = await db.Messages.Where(m => m.TwilioSid == sid).Select(m => m.Id).SingleAsync();

        var response = await holder.GetAsync($"/media/{messageId}/0");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("simulated Twilio", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_accounts_or_another_texts_media_on_Twilios_host_is_never_fetched()
    {
        var (holderId, holder) = await AdvocateAsync();
        var otherAccount = "AC" + new string('f', 32);
        var (_, messageId) = await MmsAsync(holderId, sid =>
        [
            (Twilio.AddMedia(Picture, "image/jpeg", sid).Replace(TwilioWebFactory.AccountSid, otherAccount), "image/jpeg"),
            (Twilio.AddMedia(Picture, "image/jpeg", TwilioWebhook.NewMessageSid()), "image/jpeg"),
        ]);

        var otherAccounts = await holder.GetAsync($"/media/{messageId}/0");
        var otherTexts = await holder.GetAsync($"/media/{messageId}/1");

        Assert.Equal(HttpStatusCode.BadGateway, otherAccounts.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, otherTexts.StatusCode);
        Assert.Empty(Twilio.MediaRequests);
        Assert.Equal(0, await OpenedAuditCountAsync());
    }

    [Fact]
    public async Task A_redirect_to_a_host_off_the_media_list_is_refused_and_nothing_is_fetched_from_it()
    {
        var (holderId, holder) = await AdvocateAsync();
        // The same fake server under another name: a different host, so not on the list.
        var elsewhere = Twilio.BaseUrl.Replace("127.0.0.1", "localhost");
        var (_, messageId) = await MmsAsync(holderId, sid => [(Twilio.AddMediaStoredAt(Picture, "image/jpeg", sid, elsewhere), "image/jpeg")]);

        var response = await holder.GetAsync($"/media/{messageId}/0");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("not one of its media stores", await response.Content.ReadAsStringAsync());
        // Twilio's URL was asked (and answered with the redirect); the store it named was not.
        var asked = Assert.Single(Twilio.MediaRequests);
        Assert.Contains("/Media/", asked.Path);
        Assert.Equal(0, await OpenedAuditCountAsync());
    }
}
