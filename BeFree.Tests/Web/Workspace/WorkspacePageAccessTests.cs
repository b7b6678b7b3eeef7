using System.Net;
using BeFree.Core.Conversations;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using BeFree.Tests.Web.Staff;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BeFree.Tests.Web.Workspace;

/// <summary>The workspace pages over HTTP: sign-in required, and a conversation shown only to who may read it.</summary>
public sealed class WorkspacePageAccessTests(SimulatedTwilioFactory factory) : IClassFixture<SimulatedTwilioFactory>
{
    [Theory]
    [InlineData("/queue")]
    [InlineData("/conversations")]
    [InlineData("/conversations/1")]
    public async Task Workspace_pages_send_an_anonymous_visitor_to_sign_in(string path)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_advocate_opening_another_advocates_conversation_sees_the_refusal_not_the_thread()
    {
        const string password = "amber-ridge-falcon-63";
        var holderId = await StaffWebSession.CreateReadyAccountAsync(factory, "holder@befree.test", password, StaffRoles.Advocate);
        await StaffWebSession.CreateReadyAccountAsync(factory, "other@befree.test", password, StaffRoles.Advocate);
        var webhook = await factory.CreateClient().PostSignedAsync("/twilio/sms",
            TwilioWebhook.Inbound(TwilioWebhook.NewPhoneNumber(), "my cousin keeps my papers"));
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        var queue = factory.Get<QueueService>();
        var waiting = (await queue.ListAsync(holderId)).Single(i => i.Preview.Contains("my cousin keeps my papers"));
        Assert.True((await queue.ClaimAsync(holderId, waiting.ConversationId)).Succeeded);

        using var holder = await StaffWebSession.SignInAsync(factory, "holder@befree.test", password);
        var holderPage = await holder.GetStringAsync($"/conversations/{waiting.ConversationId}");
        Assert.Contains("my cousin keeps my papers", holderPage);
        Assert.Contains("data-testid=\"thread\"", holderPage);

        using var other = await StaffWebSession.SignInAsync(factory, "other@befree.test", password);
        var otherPage = await other.GetStringAsync($"/conversations/{waiting.ConversationId}");
        Assert.Contains("data-testid=\"conversation-refused\"", otherPage);
        Assert.DoesNotContain("my cousin keeps my papers", otherPage);
        Assert.DoesNotContain("data-testid=\"thread\"", otherPage);
    }

    [Fact]
    public async Task The_queue_lists_a_waiting_text_with_its_masked_number_and_claim_button()
    {
        const string password = "amber-ridge-falcon-63";
        await StaffWebSession.CreateReadyAccountAsync(factory, "queue@befree.test", password, StaffRoles.Advocate);
        var phone = TwilioWebhook.NewPhoneNumber();
        await factory.CreateClient().PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(phone, "hello from the queue test"));

        using var advocate = await StaffWebSession.SignInAsync(factory, "queue@befree.test", password);
        var page = WebUtility.HtmlDecode(await advocate.GetStringAsync("/queue"));

        Assert.Contains("hello from the queue test", page);
        Assert.Contains(PhoneMasking.Mask(phone), page);
        Assert.DoesNotContain(phone, page);
        Assert.Contains("data-testid=\"claim-", page);
    }
}
