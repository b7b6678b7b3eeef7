using BeFree.Core.Audit;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Staff;

namespace BeFree.Tests.Web.Audit;

/// <summary>The audit log as the Admin page reads it, against the running app's own database.</summary>
public sealed class AuditLogQueryTests : IClassFixture<BeFreeWebFactory>
{
    private static readonly DateTime Noon = new(2031, 3, 14, 12, 0, 0, DateTimeKind.Utc);
    private readonly BeFreeWebFactory _factory;

    public AuditLogQueryTests(BeFreeWebFactory factory) => _factory = factory;

    private AuditLog AuditLog => _factory.Get<AuditLog>();

    /// <summary>Entries for one test only: a subject type nobody else uses marks them.</summary>
    private async Task<string> SeedAsync(params (int MinutesFromNoon, string Actor, string Action, string? SubjectId)[] rows)
    {
        var marker = Guid.NewGuid().ToString("N")[..12];
        await using var db = await _factory.CreateDbContextAsync();
        foreach (var row in rows)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                OccurredUtc = Noon.AddMinutes(row.MinutesFromNoon),
                ActorName = $"{row.Actor} {marker}",
                Action = row.Action,
                SubjectType = marker,
                SubjectId = row.SubjectId,
            });
        }
        await db.SaveChangesAsync();
        return marker;
    }

    private async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query)
    {
        var adminId = await StaffWebSession.BootstrapAdminIdAsync(_factory);
        return (await AuditLog.QueryAsync(adminId, query with { Take = 500 })).Entries;
    }

    [Fact]
    public async Task Actor_filter_matches_part_of_the_name_ignoring_case()
    {
        var marker = await SeedAsync((0, "Dana Whitfield", "staff.updated", null), (1, "Robin Ames", "staff.updated", null));

        var entries = await QueryAsync(new AuditQuery(Actor: $"  WHITF "));

        Assert.Contains(entries, e => e.ActorName == $"Dana Whitfield {marker}");
        Assert.DoesNotContain(entries, e => e.ActorName == $"Robin Ames {marker}");
    }

    [Fact]
    public async Task Action_filter_matches_from_the_start_ignoring_case()
    {
        var marker = await SeedAsync((0, "A", AuditActions.StaffCreated, null), (1, "A", AuditActions.SignInFailed, null),
            (2, "A", "conversation.staff.note", null));

        var staff = (await QueryAsync(new AuditQuery(Action: "STAFF."))).Where(e => e.SubjectType == marker).ToList();
        Assert.Equal([AuditActions.StaffCreated], staff.Select(e => e.Action));

        var exact = (await QueryAsync(new AuditQuery(Action: AuditActions.SignInFailed))).Where(e => e.SubjectType == marker);
        Assert.Equal([AuditActions.SignInFailed], exact.Select(e => e.Action));
    }

    [Fact]
    public async Task Subject_filter_matches_the_whole_id()
    {
        var subject = Guid.NewGuid().ToString();
        await SeedAsync((0, "A", "staff.updated", subject), (1, "A", "staff.updated", subject + "0"));

        var entries = await QueryAsync(new AuditQuery(SubjectId: $" {subject} "));

        Assert.Single(entries);
        Assert.Equal(subject, entries[0].SubjectId);
    }

    [Fact]
    public async Task Date_range_includes_from_excludes_before_and_reads_unmarked_times_as_utc()
    {
        var marker = await SeedAsync((-61, "Early", "staff.updated", null), (-60, "From", "staff.updated", null),
            (59, "Inside", "staff.updated", null), (60, "Before", "staff.updated", null));

        // What a datetime-local input gives: no kind. It must mean UTC whatever the server's zone.
        var from = DateTime.SpecifyKind(Noon.AddHours(-1), DateTimeKind.Unspecified);
        var to = DateTime.SpecifyKind(Noon.AddHours(1), DateTimeKind.Unspecified);
        var entries = (await QueryAsync(new AuditQuery(FromUtc: from, ToUtc: to))).Where(e => e.SubjectType == marker).ToList();

        Assert.Equal([$"Inside {marker}", $"From {marker}"], entries.Select(e => e.ActorName));
        Assert.All(entries, e => Assert.Equal(DateTimeKind.Utc, e.OccurredUtc.Kind));
    }

    [Fact]
    public async Task Pages_come_newest_first_with_the_total_count()
    {
        var rows = Enumerable.Range(0, 7).Select(i => (i, $"Pager{i}", "staff.updated", (string?)null)).ToArray();
        var marker = await SeedAsync(rows);
        var adminId = await StaffWebSession.BootstrapAdminIdAsync(_factory);
        var filter = new AuditQuery(Actor: marker);

        var first = await AuditLog.QueryAsync(adminId, filter with { Skip = 0, Take = 3 });
        var third = await AuditLog.QueryAsync(adminId, filter with { Skip = 6, Take = 3 });
        var negative = await AuditLog.QueryAsync(adminId, filter with { Skip = -5, Take = 0 });

        Assert.Equal(7, first.TotalCount);
        Assert.Equal([$"Pager6 {marker}", $"Pager5 {marker}", $"Pager4 {marker}"], first.Entries.Select(e => e.ActorName));
        Assert.Equal([$"Pager0 {marker}"], third.Entries.Select(e => e.ActorName));
        Assert.Equal([$"Pager6 {marker}"], negative.Entries.Select(e => e.ActorName));
    }

    [Fact]
    public async Task Only_an_admin_may_read_the_log()
    {
        var email = $"reader-{Guid.NewGuid():N}@befree.test";
        var leadId = await StaffWebSession.CreateReadyAccountAsync(_factory, email, "thistle-copper-morning-64", StaffRoles.ShiftLead);

        await Assert.ThrowsAsync<StaffAuthorizationException>(() => AuditLog.QueryAsync(leadId, new AuditQuery()));
        await Assert.ThrowsAsync<StaffAuthorizationException>(() => AuditLog.QueryAsync("", new AuditQuery()));
    }

    [Fact]
    public async Task A_sign_in_over_http_shows_up_in_the_log_without_the_email()
    {
        var email = $"visible-{Guid.NewGuid():N}@befree.test";
        var id = await StaffWebSession.CreateReadyAccountAsync(_factory, email, "orchard-signal-pebble-19", StaffRoles.Advocate);

        await StaffWebSession.SignInAsync(_factory, email, "orchard-signal-pebble-19");

        var entries = await QueryAsync(new AuditQuery(Action: "signin.", SubjectId: id));
        var entry = Assert.Single(entries);
        Assert.Equal(AuditActions.SignInSucceeded, entry.Action);
        Assert.Equal(id, entry.ActorId);
        Assert.DoesNotContain("@", entry.Details ?? "");
    }
}
