using System.Text.Json;
using BeFree.Core.Conversations;
using BeFree.Core.Crm;
using BeFree.Core.Queue;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Crm;

public sealed class CrmWebhookTests : IAsyncLifetime
{
    private WorkspaceHost _host = null!;
    private CrmReceiver _receiver = null!;
    private string _admin = null!;
    private string _advocate = null!;
    private CrmDeliverer Deliverer => _host.Get<CrmDeliverer>();
    private CrmEndpoints Endpoints => _host.Get<CrmEndpoints>();

    public async Task InitializeAsync()
    {
        // The background loop stays off: each test runs the deliverer's passes itself.
        _host = await WorkspaceHost.StartAsync(new Dictionary<string, string?> { ["Crm:Enabled"] = "false" });
        _receiver = await CrmReceiver.StartAsync();
        _admin = await _host.CreateStaffAsync("Ada", [StaffRoles.Admin]);
        _advocate = await _host.CreateAdvocateAsync("Alex");
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _host.DisposeAsync();
    }

    private async Task<int> ClosedConversationAsync(string phone = "+15551234567")
    {
        var id = await _host.CreateConversationAsync("my boss has my passport", phone: phone);
        await _host.Get<QueueService>().ClaimAsync(_advocate, id);
        await _host.Get<ConversationService>().CloseAsync(_advocate, id, "Substantive case", "Referred to legal help; texter safe for now.");
        return id;
    }

    [Fact]
    public void The_signature_verifies_only_for_the_same_secret_body_and_a_fresh_timestamp()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var header = CrmSignature.Sign("s3cret-s3cret-s3cret-s3cret-s3cret", "{\"a\":1}", now);

        Assert.Matches("^t=1800000000,v1=[0-9a-f]{64}$", header);
        Assert.True(CrmSignature.Verify("s3cret-s3cret-s3cret-s3cret-s3cret", header, "{\"a\":1}", now.AddMinutes(4)));
        Assert.False(CrmSignature.Verify("s3cret-s3cret-s3cret-s3cret-s3cret", header, "{\"a\":2}", now));
        Assert.False(CrmSignature.Verify("another-secret-another-secret-xx", header, "{\"a\":1}", now));
        Assert.False(CrmSignature.Verify("s3cret-s3cret-s3cret-s3cret-s3cret", header, "{\"a\":1}", now.AddMinutes(6)));
        Assert.False(CrmSignature.Verify("s3cret-s3cret-s3cret-s3cret-s3cret", "t=1800000000", "{\"a\":1}", now));
    }

    [Fact]
    public async Task Endpoints_are_for_admins_with_https_or_a_local_receiver_and_the_secret_is_stored_encrypted()
    {
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Endpoints.CreateAsync(_advocate, new("CRM", _receiver.Url, false, false)));
        await Assert.ThrowsAsync<StaffRuleException>(() => Endpoints.CreateAsync(_admin, new("CRM", "http://crm.example.org/hook", false, false)));
        await Assert.ThrowsAsync<StaffRuleException>(() => Endpoints.CreateAsync(_admin, new("CRM", _receiver.Url, false, false), "short"));

        var issued = await Endpoints.CreateAsync(_admin, new("CRM", _receiver.Url, false, false));

        Assert.StartsWith("whsec_", issued.Secret);
        await using var db = await _host.DbAsync();
        var stored = await db.CrmEndpoints.SingleAsync();
        Assert.DoesNotContain(issued.Secret, stored.ProtectedSecret);
        Assert.Single(await _host.AuditAsync(CrmAuditActions.EndpointCreated));
    }

    [Fact]
    public async Task A_closed_conversation_reaches_the_crm_signed_without_text_or_full_number_by_default()
    {
        var issued = await Endpoints.CreateAsync(_admin, new("CRM", _receiver.Url, false, false));
        var id = await ClosedConversationAsync();

        var run = await Deliverer.RunOnceAsync();

        Assert.Equal(1, run.Delivered);
        var (body, signature, eventId) = Assert.Single(_receiver.Received);
        Assert.True(CrmSignature.Verify(issued.Secret, signature, body, _host.Clock.GetUtcNow()));
        using var json = JsonDocument.Parse(body);
        Assert.Equal("conversation.closed", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(eventId, json.RootElement.GetProperty("id").GetString());
        var conversation = json.RootElement.GetProperty("conversation");
        Assert.Equal($"BEFREE-{id}", conversation.GetProperty("reference").GetString());
        Assert.Equal("Substantive case", conversation.GetProperty("disposition").GetString());
        Assert.False(conversation.TryGetProperty("phoneNumber", out _));
        Assert.False(conversation.TryGetProperty("summary", out _));
        Assert.DoesNotContain("5551234567", body);
        Assert.Contains("4567", conversation.GetProperty("maskedNumber").GetString());
    }

    [Fact]
    public async Task An_endpoint_that_allows_it_gets_the_summary_and_the_full_number()
    {
        await Endpoints.CreateAsync(_admin, new("CRM", _receiver.Url, IncludeText: true, IncludeFullNumber: true));
        await ClosedConversationAsync();

        await Deliverer.RunOnceAsync();

        var (body, _, _) = Assert.Single(_receiver.Received);
        var conversation = JsonDocument.Parse(body).RootElement.GetProperty("conversation");
        Assert.Equal("+15551234567", conversation.GetProperty("phoneNumber").GetString());
        Assert.Equal("Referred to legal help; texter safe for now.", conversation.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task A_failure_is_retried_after_the_backoff_and_then_delivered()
    {
        await Endpoints.CreateAsync(_admin, new("CRM", _receiver.Url, false, false));
        await ClosedConversationAsync();
        _receiver.Script.Enqueue(500);

        Assert.Equal(1, (await Deliverer.RunOnceAsync()).Retrying);
        Assert.Equal(0, (await Deliverer.RunOnceAsync()).Delivered); // not due yet
        _host.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await Deliverer.RunOnceAsync()).Delivered);

        Assert.Equal(2, _receiver.Received.Count);
        var log = Assert.Single(await Endpoints.DeliveriesAsync(_admin));
        Assert.Equal(CrmDeliveryStatus.Delivered, log.Status);
        Assert.Equal(2, log.Attempts);
    }

    [Fact]
    public async Task After_the_last_attempt_it_is_failed_and_an_admin_replays_it()
    {
        await Endpoints.CreateAsync(_admin, new("CRM", _receiver.Url, false, false));
        await ClosedConversationAsync();
        var options = _host.Get<Microsoft.Extensions.Options.IOptions<CrmOptions>>().Value;
        for (var i = 0; i < options.MaxAttempts; i++)
        {
            _receiver.Script.Enqueue(503);
        }
        for (var i = 0; i < options.MaxAttempts; i++)
        {
            await Deliverer.RunOnceAsync();
            _host.Clock.Advance(TimeSpan.FromHours(6));
        }
        var failed = Assert.Single(await Endpoints.DeliveriesAsync(_admin, CrmDeliveryStatus.Failed));
        Assert.Equal(503, failed.LastStatusCode);
        Assert.Single(await _host.AuditAsync(CrmAuditActions.DeliveryFailed));
        Assert.Equal(0, (await Deliverer.RunOnceAsync()).Delivered);

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => Endpoints.ReplayAsync(_advocate, failed.Id));
        await Endpoints.ReplayAsync(_admin, failed.Id);
        Assert.Equal(1, (await Deliverer.RunOnceAsync()).Delivered);

        Assert.Equal(options.MaxAttempts + 1, _receiver.Received.Count);
        Assert.Single(_receiver.Received.Select(r => r.EventId).Distinct());
        Assert.Single(await _host.AuditAsync(CrmAuditActions.DeliveryReplayed));
    }

    [Fact]
    public async Task Two_servers_delivering_at_once_post_each_event_once()
    {
        await Endpoints.CreateAsync(_admin, new("CRM", _receiver.Url, false, false));
        for (var i = 0; i < 5; i++)
        {
            await ClosedConversationAsync($"+1555000000{i}");
        }

        var runs = await Task.WhenAll(Deliverer.RunOnceAsync(), Deliverer.RunOnceAsync());

        Assert.Equal(5, runs.Sum(r => r.FannedOut));
        Assert.Equal(5, runs.Sum(r => r.Delivered) + (await Deliverer.RunOnceAsync()).Delivered);
        Assert.Equal(5, _receiver.Received.Count);
        Assert.Equal(5, _receiver.Received.Select(r => r.EventId).Distinct().Count());
    }

    /// <summary>Every property a payload holds is declared in docs/crm-webhook.schema.json, and every required one is present.</summary>
    private static void AssertMatchesSchema(JsonElement value, JsonElement schema, string path)
    {
        var declared = schema.GetProperty("properties");
        foreach (var property in value.EnumerateObject())
        {
            Assert.True(declared.TryGetProperty(property.Name, out var inner), $"{path}.{property.Name} is not in the schema");
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                AssertMatchesSchema(property.Value, inner, $"{path}.{property.Name}");
            }
            else if (inner.TryGetProperty("enum", out var allowed))
            {
                Assert.Contains(allowed.EnumerateArray(), a => a.ToString() == property.Value.ToString());
            }
        }
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray())
            {
                Assert.True(value.TryGetProperty(name.GetString()!, out _), $"{path}.{name} is required");
            }
        }
    }

    [Fact]
    public async Task Payloads_of_every_kind_follow_the_documented_schema()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder!.FullName, "BeFree.sln"))) folder = folder.Parent;
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder.FullName, "docs", "crm-webhook.schema.json")));
        await Endpoints.CreateAsync(_admin, new("CRM", _receiver.Url, IncludeText: true, IncludeFullNumber: true));
        var lead = await _host.CreateLeadAsync("Lee");
        var id = await _host.CreateConversationAsync("help", phone: "+15557654321");
        await _host.Get<QueueService>().ClaimAsync(_advocate, id);
        var escalations = _host.Get<BeFree.Core.Escalations.EscalationService>();
        await using (var db = await _host.DbAsync())
        {
            var tipline = await db.LawEnforcementContacts.Where(c => c.SeedKey == BeFree.Core.Escalations.LawEnforcementDirectorySeed.CyberTiplineKey).Select(c => c.Id).SingleAsync();
            var escalationId = await escalations.CreateDraftAsync(_advocate, id, new(tipline, BeFree.Core.Escalations.EscalationReason.ExploitationOfMinor,
                BeFree.Core.Escalations.EscalationUrgency.Urgent, "A 15-year-old is asked to meet.", BeFree.Core.Escalations.ReportBasis.MandatoryReportMinor, null, null,
                new(true, BeFree.Core.Escalations.CyberTiplineCategory.OnlineEnticement, DateTime.UtcNow)));
            await escalations.SubmitAsync(_advocate, escalationId);
            await escalations.ApproveAsync(lead, escalationId);
            await escalations.MarkSentAsync(_advocate, escalationId);
            await escalations.AcknowledgeAsync(_advocate, escalationId, "CT-123");
        }
        var service = await _host.Get<BeFree.Core.Referrals.ReferralDirectory>().CreateAsync(lead, new("Legal Aid Society", "Ana",
            BeFree.Core.Referrals.ServiceKind.LegalAid, true, null, null, ["en"], "800-555-0100", null, null));
        await _host.Get<BeFree.Core.Referrals.ReferralSender>().SendAsync(_advocate, id, service, "You can call Ana at 800-555-0100.");
        await _host.Get<ConversationService>().CloseAsync(_advocate, id, "Substantive case", "Safe.");
        await _host.TextFromTexterAsync(id, "STOP");

        Assert.Equal(6, (await Deliverer.RunOnceAsync()).Delivered);

        Assert.Equal(CrmEventTypes.All.Order(), _receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()!).Order());
        foreach (var (body, _, _) in _receiver.Received)
        {
            AssertMatchesSchema(JsonDocument.Parse(body).RootElement, schema.RootElement, "$");
        }
        Assert.Contains(_receiver.Received, r => r.Body.Contains("\"cyberTiplineCategory\":\"OnlineEnticement\""));
    }

    [Fact]
    public async Task Case_events_are_written_to_the_outbox_with_the_change_itself()
    {
        var id = await ClosedConversationAsync();
        await _host.TextFromTexterAsync(id, "STOP");

        await using var db = await _host.DbAsync();
        var types = await db.CrmEvents.Where(e => e.ConversationId == id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
        Assert.Equal([CrmEventTypes.ConversationClosed, CrmEventTypes.TexterOptedOut], types);
    }
}
