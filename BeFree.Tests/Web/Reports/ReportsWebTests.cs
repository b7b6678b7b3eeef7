using System.Net;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Web.Reports;

/// <summary>The report page, CSV downloads, the transcript and the retention page over HTTP, as a browser asks for them.</summary>
public sealed class ReportsWebTests : IClassFixture<BeFreeWebFactory>, IAsyncLifetime
{
    private const string Password = "copper-lantern-meadow-74";
    private const string Phone = "+15557654321";
    private static readonly DateTime Yesterday = DateTime.UtcNow.Date.AddDays(-1).AddHours(10);

    private readonly BeFreeWebFactory _factory;
    private int _conversation;

    public ReportsWebTests(BeFreeWebFactory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        await StaffWebSession.BootstrapAdminIdAsync(_factory);
        await using var db = await _factory.CreateDbContextAsync();
        var existing = await db.Conversations.FirstOrDefaultAsync(c => c.Texter.PhoneNumber == Phone);
        if (existing is not null)
        {
            _conversation = existing.Id;
            return;
        }
        var conversation = new Conversation
        {
            Texter = new Texter { PhoneNumber = Phone, FirstSeenUtc = Yesterday },
            Status = ConversationStatus.Closed,
            CreatedUtc = Yesterday,
            QueuedUtc = Yesterday,
            LastMessageUtc = Yesterday,
            ClosedUtc = Yesterday.AddHours(1),
            Risk = RiskLevel.High,
            Disposition = "Substantive case",
            Summary = "+referred to shelter",
        };
        conversation.Messages.Add(new Message
        {
            Direction = MessageDirection.Inbound,
            Origin = MessageOrigin.Texter,
            Body = "my boss keeps my passport",
            CreatedUtc = Yesterday,
            Status = MessageStatus.Received,
            StatusUpdatedUtc = Yesterday,
            TwilioSid = "SM" + Guid.NewGuid().ToString("N"),
        });
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        _conversation = conversation.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Range => $"from={Yesterday:yyyy-MM-dd}&to={Yesterday:yyyy-MM-dd}";

    private async Task<HttpClient> SignInAsync(string role)
    {
        if (role == StaffRoles.Admin)
        {
            return await StaffWebSession.SignInAsync(_factory, TestAccounts.AdminEmail, TestAccounts.AdminPassword);
        }
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@befree.test";
        await StaffWebSession.CreateReadyAccountAsync(_factory, email, Password, role);
        return await StaffWebSession.SignInAsync(_factory, email, Password);
    }

    private async Task<int> AuditCountAsync(string action)
    {
        await using var db = await _factory.CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(a => a.Action == action);
    }

    [Theory]
    [InlineData("/exports/report.csv")]
    [InlineData("/exports/conversations.csv")]
    [InlineData("/exports/cases.csv")]
    [InlineData("/reports")]
    public async Task Anonymous_visitors_get_no_export(string path)
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync($"{path}?{Range}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/exports/report.csv")]
    [InlineData("/exports/conversations.csv")]
    [InlineData("/exports/cases.csv")]
    [InlineData("/reports")]
    public async Task Advocates_are_refused(string path)
    {
        var client = await SignInAsync(StaffRoles.Advocate);
        var before = await AuditCountAsync(AuditActions.CaseExported);

        var response = await client.GetAsync($"{path}?{Range}");

        Assert.Equal("/Account/AccessDenied", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("BEFREE-", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await AuditCountAsync(AuditActions.CaseExported));
    }

    [Fact]
    public async Task A_shift_lead_downloads_the_case_export_masked_and_not_unmasked()
    {
        var client = await SignInAsync(StaffRoles.ShiftLead);

        var response = await client.GetAsync($"/exports/cases.csv?{Range}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("Subject,Description,Status,Priority,Origin,CreatedDate,ClosedDate", text[1..], StringComparison.Ordinal);
        Assert.Contains($"BEFREE-{_conversation}", text);
        Assert.Contains("'+referred to shelter", text);
        Assert.Contains("'+1 ••• ••• 4321", text);
        Assert.DoesNotContain("5557654321", text);
        Assert.DoesNotContain("passport", text);

        var unmasked = await client.GetAsync($"/exports/cases.csv?{Range}&unmasked=true");
        Assert.Equal(HttpStatusCode.Forbidden, unmasked.StatusCode);
        Assert.Contains("Only an Admin", await unmasked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_admin_may_choose_full_numbers_in_the_case_export()
    {
        var client = await SignInAsync(StaffRoles.Admin);
        var before = await AuditCountAsync(AuditActions.CaseExported);

        var text = await client.GetStringAsync($"/exports/cases.csv?{Range}&unmasked=true");

        Assert.Contains("'+15557654321", text);
        Assert.Equal(before + 1, await AuditCountAsync(AuditActions.CaseExported));
    }

    [Theory]
    [InlineData("from=2026-07-01")]
    [InlineData("from=yesterday&to=2026-07-01")]
    [InlineData("from=2026-07-05&to=2026-07-01")]
    [InlineData("from=2020-01-01&to=2026-07-01")]
    public async Task Bad_ranges_get_a_clear_error(string query)
    {
        var client = await SignInAsync(StaffRoles.ShiftLead);
        var response = await client.GetAsync($"/exports/report.csv?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_reports_page_shows_the_figures_and_download_links_to_a_lead()
    {
        var client = await SignInAsync(StaffRoles.ShiftLead);

        var response = await client.GetAsync("/reports");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"report-summary\"", html);
        Assert.Contains("data-testid=\"chart-per-day\"", html);
        Assert.Contains("/exports/cases.csv?from=", html);
        // The unmasked choice is for Admins only.
        Assert.DoesNotContain("data-testid=\"cases-unmasked\"", html);
        Assert.DoesNotContain("data-testid=\"transcript-lookup\"", html);
    }

    [Fact]
    public async Task An_admin_prints_a_transcript_and_the_view_is_audited()
    {
        var client = await SignInAsync(StaffRoles.Admin);
        var before = await AuditCountAsync(AuditActions.TranscriptViewed);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/transcripts/{_conversation}"));

        Assert.Contains($"Transcript BEFREE-{_conversation}", html);
        Assert.Contains("my boss keeps my passport", html);
        Assert.Contains("+1 ••• ••• 4321", html);
        Assert.DoesNotContain("5557654321", html);
        Assert.Contains("@media print", html);
        Assert.Equal(before + 1, await AuditCountAsync(AuditActions.TranscriptViewed));

        var missing = await client.GetStringAsync("/transcripts/999999");
        Assert.Contains("This conversation does not exist.", missing);
    }

    [Theory]
    [InlineData(StaffRoles.ShiftLead, "/transcripts/1")]
    [InlineData(StaffRoles.ShiftLead, "/admin/retention")]
    [InlineData(StaffRoles.Advocate, "/transcripts/1")]
    public async Task Transcripts_and_retention_are_for_admins_only(string role, string path)
    {
        var client = await SignInAsync(role);
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("/Account/AccessDenied", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain("passport", html);
    }

    [Fact]
    public async Task The_retention_page_shows_the_policy()
    {
        var client = await SignInAsync(StaffRoles.Admin);
        var html = await client.GetStringAsync("/admin/retention");
        Assert.Contains("data-testid=\"retention-policy\"", html);
        Assert.Contains("365 days", html);
        Assert.Contains("every 6 hours", html);
    }
}
