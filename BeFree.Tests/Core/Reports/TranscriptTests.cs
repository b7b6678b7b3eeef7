using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Reports;
using BeFree.Core.Retention;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;

namespace BeFree.Tests.Core.Reports;

public sealed class TranscriptTests
{
    [Fact]
    public async Task Admins_read_the_transcript_with_senders_and_erased_text_marked_and_each_view_is_audited()
    {
        await using var host = await WorkspaceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Retention:Enabled"] = "false",
            ["Retention:EraseBodiesAfterDays"] = "30",
        });
        var admin = await host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);
        var lead = await host.CreateLeadAsync("Lena Lead");
        var advocate = await host.CreateAdvocateAsync("Avery Advocate");
        var data = new ReportDataSet(host, advocate);
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var recent = await data.ConversationAsync(now.AddDays(-1), TimeSpan.FromMinutes(2), TimeSpan.FromHours(1), RiskLevel.High,
            "Substantive case", "referred", phone: "+15551112222", firstText: "he took my phone");
        var old = await data.ConversationAsync(now.AddDays(-60), TimeSpan.FromMinutes(2), TimeSpan.FromHours(1));
        await host.Get<RetentionService>().RunOnceAsync();
        var transcripts = host.Get<TranscriptService>();

        var transcript = await transcripts.GetAsync(admin, recent);
        Assert.Equal($"BEFREE-{recent}", transcript.Reference);
        Assert.Equal("+1 ••• ••• 2222", transcript.MaskedNumber);
        Assert.Equal(["Texter", "BeFree (automatic)", "Avery Advocate", "Avery Advocate"], transcript.Lines.Select(l => l.From));
        Assert.Equal("he took my phone", transcript.Lines[0].Body);
        Assert.Equal("Ada Admin", transcript.PrintedBy);

        var erased = await transcripts.GetAsync(admin, old);
        Assert.All(erased.Lines, l => Assert.True(l.BodyErased));

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => transcripts.GetAsync(lead, recent));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => transcripts.GetAsync(advocate, recent));
        await Assert.ThrowsAsync<ConversationActionException>(() => transcripts.GetAsync(admin, 987654));

        var audit = await host.AuditAsync(AuditActions.TranscriptViewed);
        Assert.Equal([recent.ToString(), old.ToString()], audit.Select(a => a.SubjectId));
        Assert.All(audit, a => Assert.Equal(admin, a.ActorId));
    }
}
