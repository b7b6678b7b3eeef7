using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Staff;
using BeFree.Tests.Web.Twilio.Support;
using BeFree.Web.Components.Pages.Simulator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BeFree.Tests.Web.Twilio;

/// <summary>Simulated mode: the simulated Twilio and the training simulator's Core half.</summary>
public sealed partial class SimulatorTests(SimulatedTwilioFactory factory) : IClassFixture<SimulatedTwilioFactory>
{
    [Fact]
    public async Task Simulated_twilio_names_the_reply_and_reports_sent_then_delivered_through_the_status_path()
    {
        var conversationId = await factory.SeedConversationAsync(TwilioWebhook.NewPhoneNumber());
        using var changes = new ChangeRecorder(factory.Get<ConversationNotifier>());

        var id = await factory.Get<IOutboundQueue>().EnqueueAsync(conversationId, "We are here for you.", await factory.AdminIdAsync(), MessageOrigin.Advocate);

        var delivered = await factory.WaitForMessageAsync(id, m => m.Status == MessageStatus.Delivered, "the simulated reply is delivered");
        Assert.Matches(MessageSidPattern(), delivered.TwilioSid);
        Assert.Single(await changes.ForAsync(conversationId, ConversationChangeKind.MessageAdded));
        // Sending, accepted, sent, delivered.
        Assert.True((await changes.ForAsync(conversationId, ConversationChangeKind.MessageStatusChanged)).Count >= 3);
    }

    [Fact]
    public async Task A_simulator_text_is_a_signed_webhook_that_starts_a_training_conversation_and_shows_delivered_replies()
    {
        var simulator = factory.Get<TrainingSimulator>();
        var adminId = await factory.AdminIdAsync();
        var phone = TrainingSimulator.RandomPhoneNumber();
        Assert.StartsWith("+1555", phone);

        var webhook = await simulator.BuildTextAsync(adminId, new Uri("http://localhost/"), phone, "I think I am being watched 😟");
        Assert.Equal("http://localhost/twilio/sms", webhook.PostUrl);
        Assert.Contains(webhook.Form, p => p.Key == "NumMedia" && p.Value == "0");
        Assert.Contains(webhook.Form, p => p.Key == "AccountSid" && p.Value == TwilioWebFactory.AccountSid);
        Assert.True(TwilioSignature.IsValid(webhook.SignedUrl, webhook.Form, TwilioWebFactory.AuthToken, webhook.Signature));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/sms") { Content = new FormUrlEncodedContent(webhook.Form) };
        request.Headers.Add(TwilioSignature.HeaderName, webhook.Signature);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().SendAsync(request)).StatusCode);

        int conversationId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Texter.PhoneNumber == phone);
            Assert.True(conversation.IsTraining);
            conversationId = conversation.Id;
        }

        var replyId = await factory.Get<IOutboundQueue>().EnqueueAsync(conversationId, "You are safe to talk here.", adminId, MessageOrigin.Advocate);
        await factory.WaitForMessageAsync(replyId, m => m.Status == MessageStatus.Delivered, "the reply reaches the fake phone");

        var thread = await simulator.ReadThreadAsync(adminId, phone);
        Assert.Contains(conversationId, thread.ConversationIds);
        Assert.Equal("I think I am being watched 😟", thread.Texts[0].Body);
        Assert.True(thread.Texts[0].FromTexter);
        Assert.Contains(thread.Texts, t => !t.FromTexter && t.Body == "You are safe to talk here.");
    }

    [Fact]
    public async Task The_simulator_never_shows_a_real_conversation()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var conversationId = await factory.SeedConversationAsync(phone);
        await factory.CreateClient().PostSignedAsync("/twilio/sms", TwilioWebhook.Inbound(phone, "a real text"));

        var thread = await factory.Get<TrainingSimulator>().ReadThreadAsync(await factory.AdminIdAsync(), phone);

        Assert.DoesNotContain(conversationId, thread.ConversationIds);
        Assert.Empty(thread.Texts);
    }

    [Fact]
    public async Task The_simulator_refuses_a_malformed_number_and_an_empty_text()
    {
        var simulator = factory.Get<TrainingSimulator>();
        var adminId = await factory.AdminIdAsync();
        await Assert.ThrowsAsync<SimulatorInputException>(() => simulator.BuildTextAsync(adminId, new Uri("http://localhost/"), "555-1234", "hi"));
        await Assert.ThrowsAsync<SimulatorInputException>(() => simulator.BuildTextAsync(adminId, new Uri("http://localhost/"), "+15551234567", " "));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => simulator.BuildTextAsync(null, new Uri("http://localhost/"), "+15551234567", "hi"));
    }

    [Fact]
    public async Task Outside_development_only_shift_leads_and_admins_may_use_the_simulator()
    {
        var advocateId = await CreateStaffAsync(StaffRoles.Advocate);
        var leadId = await CreateStaffAsync(StaffRoles.ShiftLead);
        var production = new TrainingSimulator(
            factory.Get<IDbContextFactory<BeFree.Core.Data.BeFreeDbContext>>(),
            factory.Get<IOptions<TwilioOptions>>(),
            new NamedEnvironment(Environments.Production));
        var development = factory.Get<TrainingSimulator>();

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => production.RequireAccessAsync(advocateId));
        await production.RequireAccessAsync(leadId);
        await production.RequireAccessAsync(await factory.AdminIdAsync());
        await development.RequireAccessAsync(advocateId);
    }

    [Theory]
    [InlineData("Production", StaffRoles.Advocate, false)]
    [InlineData("Production", StaffRoles.ShiftLead, true)]
    [InlineData("Production", StaffRoles.Admin, true)]
    [InlineData("Development", StaffRoles.Advocate, true)]
    public async Task The_simulator_page_policy_follows_role_and_environment(string environment, string role, bool allowed)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new NamedEnvironment(environment));
        services.AddAuthorization();
        services.AddTrainingSimulatorPage();
        await using var provider = services.BuildServiceProvider();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role)], "test"));

        var result = await provider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, SimulatorAccess.PolicyName);

        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public async Task The_simulator_page_is_not_served_to_anonymous_visitors()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/simulator");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    private async Task<string> CreateStaffAsync(string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@befree.test";
        var user = new StaffUser { UserName = email, Email = email, DisplayName = role, TwoFactorExempt = true, CreatedUtc = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, "violet-harbour-lantern-57")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    private sealed class NamedEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "BeFree.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [GeneratedRegex("^SM[0-9a-f]{32}$")]
    private static partial Regex MessageSidPattern();
}
