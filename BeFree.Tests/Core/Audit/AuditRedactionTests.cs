using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Tests.Core.Conversations;

namespace BeFree.Tests.Core.Audit;

/// <summary>Phone numbers never reach the audit log, in any format; what code writes into details stays readable.</summary>
public sealed class AuditRedactionTests
{
    [Theory]
    [InlineData("call +1 (555) 123-4567 back", "call [number removed] back")]
    [InlineData("call (555) 123-4567", "call [number removed]")]
    [InlineData("number 555.123.4567.", "number [number removed].")]
    [InlineData("5551234567", "[number removed]")]
    [InlineData("texted from 555-123-4567, again", "texted from [number removed], again")]
    [InlineData("UK +44 20 7946 0958 then", "UK [number removed] then")]
    [InlineData("+447946095812", "[number removed]")]
    [InlineData("0044 20 7946 0958", "[number removed]")]
    [InlineData("Mexico +52 55 1234 5678", "Mexico [number removed]")]
    [InlineData("local 123-4567 only", "local [number removed] only")]
    [InlineData("tel:+15551234567", "tel:[number removed]")]
    [InlineData("555 123 4567 and 555/123/4567", "[number removed] and [number removed]")]
    [InlineData("reason=5551234567", "reason=[number removed]")]
    public void Phone_numbers_are_removed(string text, string expected)
        => Assert.Equal(expected, AuditRedaction.RemovePhoneNumbers(text));

    [Theory]
    [InlineData("cutoff=2026-06-15T15:00:00.0000000Z; conversations=3; messages=12; media=1")]
    [InlineData("from=2026-06-01; to=2026-06-30; training=no; rows=42")]
    [InlineData("from=3f2a1b9c-1234-5678-9abc-def012345678; to=12345678-1234-1234-1234-123456789012")]
    [InlineData("conversation=1234567; attachment=0; type=image/jpeg")]
    [InlineData("message=123456789")]
    [InlineData("met at 14:05 on 2026-12-02, room 12")]
    [InlineData("level=High; category=labor")]
    public void What_code_writes_is_left_alone(string details)
        => Assert.Equal(details, AuditRedaction.RemovePhoneNumbers(details));

    [Fact]
    public async Task The_audit_log_removes_them_from_every_entry_whoever_wrote_it()
    {
        await using var host = await WorkspaceHost.StartAsync();

        await host.Get<AuditLog>().WriteAsync(AuditActor.System, "test.redaction", "test", "1",
            "reason=texter gave +1 (555) 123-4567 and 555.987.6543; conversation=12");

        var entry = Assert.Single(await host.AuditAsync("test.redaction"));
        Assert.Equal("reason=texter gave [number removed] and [number removed]; conversation=12", entry.Details);
    }

    [Fact]
    public async Task A_take_over_reason_keeps_no_number()
    {
        await using var host = await WorkspaceHost.StartAsync();
        var owner = await host.CreateAdvocateAsync("Olivia Owner");
        var lead = await host.CreateLeadAsync("Lena Lead");
        var conversation = await host.CreateConversationAsync("help", assignedTo: owner);

        await host.Get<ConversationService>().TakeOverAsync(lead, conversation, "texter's sister rang from 555 010 9999");

        var entry = Assert.Single(await host.AuditAsync(AuditActions.ConversationTakenOver));
        // The details also hold staff ids (GUIDs), which may contain any digits: look for the number itself.
        Assert.DoesNotContain("010 9999", entry.Details);
        Assert.EndsWith("reason=texter's sister rang from [number removed]", entry.Details);
    }
}

/// <summary>The warnings shown under reason fields: names and street addresses, and numbers that will be removed.</summary>
public sealed class PersonalDetailWarningsTests
{
    [Theory]
    [InlineData("texter is staying at 1423 Elm Street with her cousin", "“1423 Elm Street” looks like a street address")]
    [InlineData("moved to 77 N Main St. last week", "“77 N Main St.” looks like a street address")]
    [InlineData("she is in apt 4B now", "“apt 4B” looks like a street address")]
    [InlineData("mail goes to PO Box 311", "“PO Box 311” looks like a street address")]
    [InlineData("spoke with Maria Lopez about a shelter", "“Maria Lopez” looks like a person's name")]
    [InlineData("Officer Daniels asked for the transcript", "“Daniels” looks like a person's name")]
    [InlineData("her employer is named Petrov", "“Petrov” looks like a person's name")]
    [InlineData("asked to call 555-123-4567", "This contains a phone number")]
    public void Warns_about_personal_details(string text, string expected)
        => Assert.Contains(PersonalDetailWarnings.Check(text), w => w.StartsWith(expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("texter in danger, stepping in")]
    [InlineData("Texter asked for a call back on Monday")]
    [InlineData("Escalated to Lake County Police Department after consent")]
    [InlineData("Supervision: second opinion on risk level")]
    [InlineData("Reviewed 3 messages on 2026-12-02")]
    [InlineData("meeting point is the bus station on Main Street")]
    public void Ordinary_reasons_raise_no_warning(string text)
        => Assert.Empty(PersonalDetailWarnings.Check(text));
}
