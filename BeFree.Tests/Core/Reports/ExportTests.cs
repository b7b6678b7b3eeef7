using BeFree.Core.Audit;
using BeFree.Core.Escalations;
using BeFree.Core.Reports;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Core.Conversations;
using static BeFree.Tests.Core.Reports.ReportDataSet;

namespace BeFree.Tests.Core.Reports;

/// <summary>The CSV downloads: their columns, masking, the case export's mapping, who may export and the audit trail.</summary>
public sealed class ExportTests : IAsyncLifetime
{
    private static readonly ReportQuery July = new(Utc(7, 1, 0, 0), Utc(8, 1, 0, 0));
    private const string Summary = "=cmd|' /C calc'!A0, said \"they hold my ID\"\nreferred to shelter";

    private WorkspaceHost _host = null!;
    private string _lead = null!;
    private string _admin = null!;
    private int _imminent;
    private int _moderate;
    private int _open;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync(new Dictionary<string, string?> { ["Retention:Enabled"] = "false" });
        _lead = await _host.CreateLeadAsync("Lena Lead");
        _admin = await _host.CreateStaffAsync("Ada Admin", [StaffRoles.Admin]);
        var advocate = await _host.CreateAdvocateAsync("Avery Advocate");
        var data = new ReportDataSet(_host, advocate);
        var agencyA = await data.AgencyAsync("Agency A");
        var agencyB = await data.AgencyAsync("Agency B, Vice Unit");

        _imminent = await data.ConversationAsync(Utc(7, 2, 10, 0), TimeSpan.FromSeconds(90), TimeSpan.FromHours(2), RiskLevel.Imminent,
            "Substantive case", Summary, phone: "+15551234567", firstText: "=1+1 they took my passport");
        await data.EscalationAsync(_imminent, agencyB, EscalationStatus.Acknowledged, Utc(7, 2, 11, 0));
        await data.EscalationAsync(_imminent, agencyA, EscalationStatus.Sent, Utc(7, 2, 10, 30));
        await data.EscalationAsync(_imminent, agencyA, EscalationStatus.Draft);
        _moderate = await data.ConversationAsync(Utc(7, 3, 10, 0), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30), RiskLevel.Moderate,
            "Information only", "asked about hours", phone: "+15559876543");
        _open = await data.ConversationAsync(Utc(7, 4, 10, 0), TimeSpan.FromSeconds(30), null, RiskLevel.Low, phone: "+15550001111");
        // Never in a case export, even closed in range.
        await data.ConversationAsync(Utc(7, 5, 10, 0), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), RiskLevel.Low, "Information only",
            "training", training: true);
        // Created in June, closed on 1 July: in July's case export, not in July's conversation list.
        await data.ConversationAsync(Utc(6, 30, 23, 0), TimeSpan.FromSeconds(30), TimeSpan.FromHours(2), RiskLevel.Unknown, "Hang-up / no response");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ReportExports Exports => _host.Get<ReportExports>();

    [Fact]
    public async Task Case_export_maps_closed_conversations_to_salesforce_case_columns()
    {
        var file = await Exports.CaseCsvAsync(_lead, July, unmasked: false);

        Assert.Equal(
            ["Subject", "Description", "Status", "Priority", "Origin", "CreatedDate", "ClosedDate", "Disposition",
             "Escalation Agency", "Conversation Reference", "Texter Number", "Risk"],
            CsvReader.Parse(file.Content)[0]);
        var records = CsvReader.Records(file.Content);
        Assert.Equal(3, records.Count);
        Assert.Equal(3, file.RowCount);

        var imminent = records.Single(r => r["Conversation Reference"] == $"BEFREE-{_imminent}");
        Assert.Equal($"SMS conversation BEFREE-{_imminent}: Substantive case", imminent["Subject"]);
        Assert.Equal("'" + Summary, imminent["Description"]);
        Assert.Equal("Closed", imminent["Status"]);
        Assert.Equal("High", imminent["Priority"]);
        Assert.Equal("SMS", imminent["Origin"]);
        Assert.Equal("2026-07-02T10:00:00Z", imminent["CreatedDate"]);
        Assert.Equal("2026-07-02T12:00:00Z", imminent["ClosedDate"]);
        Assert.Equal("Substantive case", imminent["Disposition"]);
        // Agencies that received it, in the order it was sent; the draft does not count.
        Assert.Equal("Agency A; Agency B, Vice Unit", imminent["Escalation Agency"]);
        Assert.Equal("'+1 ••• ••• 4567", imminent["Texter Number"]);
        Assert.Equal("Imminent", imminent["Risk"]);

        var moderate = records.Single(r => r["Conversation Reference"] == $"BEFREE-{_moderate}");
        Assert.Equal("Medium", moderate["Priority"]);
        Assert.Equal("", moderate["Escalation Agency"]);
        Assert.DoesNotContain(records, r => r["Conversation Reference"] == $"BEFREE-{_open}");
        Assert.DoesNotContain(records, r => r["Description"] == "training");
        Assert.Contains(records, r => r["Disposition"] == "Hang-up / no response" && r["Priority"] == "Low");
        Assert.DoesNotContain("5551234567", file.Content);
        Assert.DoesNotContain("passport", file.Content);
    }

    [Theory]
    [InlineData(RiskLevel.Imminent, "High")]
    [InlineData(RiskLevel.High, "High")]
    [InlineData(RiskLevel.Moderate, "Medium")]
    [InlineData(RiskLevel.Low, "Low")]
    [InlineData(RiskLevel.Unknown, "Low")]
    public void Case_priority_follows_risk(RiskLevel risk, string priority) => Assert.Equal(priority, ReportExports.CasePriority(risk));

    [Fact]
    public async Task Only_an_admin_may_export_full_numbers_and_either_way_it_is_audited()
    {
        var refused = await Assert.ThrowsAsync<StaffAuthorizationException>(() => Exports.CaseCsvAsync(_lead, July, unmasked: true));
        Assert.Contains("Admin", refused.Message);

        var unmasked = await Exports.CaseCsvAsync(_admin, July, unmasked: true);
        Assert.Contains("'+15551234567", unmasked.Content);
        await Exports.CaseCsvAsync(_lead, July, unmasked: false);

        var entries = await _host.AuditAsync(AuditActions.CaseExported);
        Assert.Equal(2, entries.Count);
        Assert.Equal(_admin, entries[0].ActorId);
        Assert.Contains("numbers=unmasked", entries[0].Details);
        Assert.Contains("rows=3", entries[0].Details);
        Assert.Equal(_lead, entries[1].ActorId);
        Assert.Contains("numbers=masked", entries[1].Details);
        Assert.All(entries, e => Assert.DoesNotContain("555", e.Details));
    }

    [Fact]
    public async Task Conversation_list_has_no_message_text_and_masks_numbers()
    {
        var file = await Exports.ConversationListCsvAsync(_lead, July);

        Assert.Equal(ReportExports.ConversationListHeader, CsvReader.Parse(file.Content)[0]);
        var records = CsvReader.Records(file.Content);
        Assert.Equal([$"BEFREE-{_imminent}", $"BEFREE-{_moderate}", $"BEFREE-{_open}"], records.Select(r => r["Conversation Reference"]));
        var imminent = records[0];
        Assert.Equal("2026-07-02T10:00:00Z", imminent["Created (UTC)"]);
        Assert.Equal("Closed", imminent["Status"]);
        Assert.Equal("90", imminent["First Response (s)"]);
        Assert.Equal("7200", imminent["Time To Close (s)"]);
        Assert.Equal("3", imminent["Escalations"]);
        Assert.Equal("'+1 ••• ••• 4567", imminent["Texter Number"]);
        Assert.Equal("", records[2]["Closed (UTC)"]);
        Assert.Equal("", records[2]["Time To Close (s)"]);
        Assert.DoesNotContain("passport", file.Content);
        Assert.DoesNotContain("We are here", file.Content);
        Assert.DoesNotContain("they hold my ID", file.Content);
        Assert.DoesNotContain("5551234567", file.Content);
        Assert.Single(await _host.AuditAsync(AuditActions.ConversationListExported));
    }

    [Fact]
    public async Task Report_rows_hold_the_figures()
    {
        var file = await Exports.ReportCsvAsync(_lead, July);

        var rows = CsvReader.Parse(file.Content);
        Assert.Equal(["Section", "Item", "Value"], rows[0]);
        string Value(string section, string item) => rows.Single(r => r[0] == section && r[1] == item)[2];
        Assert.Equal("3", Value("Summary", "Conversations"));
        Assert.Equal("2", Value("Summary", "Closed"));
        Assert.Equal("1", Value("Summary", "Substantive cases"));
        // 30, 30, 90 seconds.
        Assert.Equal("30", Value("First response", "Median (s)"));
        Assert.Equal("78", Value("First response", "P90 (s)"));
        Assert.Equal("1", Value("Conversations per day", "2026-07-02"));
        Assert.Equal("0", Value("Conversations per day", "2026-07-31"));
        Assert.Equal("3", Value("Conversations per hour of day", "10"));
        Assert.Equal("1", Value("Escalations by agency", "Agency A"));
        Assert.Equal("1", Value("Escalations by agency", "Agency B, Vice Unit"));
        Assert.Equal("1", Value("Risk", "Imminent"));
        Assert.Equal("befree-report-2026-07-01-to-2026-07-31.csv", file.FileName);
        Assert.Single(await _host.AuditAsync(AuditActions.ReportExported));
    }
}
