using BeFree.Core;
using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;

namespace BeFree.Tests.Core;

/// <summary>People read words, never code names such as PendingApproval or ShiftLead.</summary>
public sealed class DisplayNamesTests
{
    private static void AllHumanLabels<T>(Func<T, string> label) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            var text = label(value);
            Assert.False(string.IsNullOrWhiteSpace(text), $"{typeof(T).Name}.{value} has no label");
            // A label of two or more words never keeps the code's joined capitals.
            Assert.DoesNotMatch("[a-z][A-Z]", text);
        }
    }

    [Fact]
    public void Every_value_shown_to_people_has_a_human_label()
    {
        AllHumanLabels<RiskLevel>(DisplayNames.Of);
        AllHumanLabels<EscalationStatus>(DisplayNames.Of);
        AllHumanLabels<EscalationUrgency>(DisplayNames.Of);
        AllHumanLabels<ConversationStatus>(DisplayNames.Of);
        AllHumanLabels<MessageStatus>(DisplayNames.Of);
        AllHumanLabels<ConversationNoteKind>(DisplayNames.Of);
        AllHumanLabels<PresenceState>(DisplayNames.Of);
        AllHumanLabels<RiskAssessmentKind>(DisplayNames.Of);
    }

    [Fact]
    public void The_labels_people_asked_about_read_as_words()
    {
        Assert.Equal("Awaiting approval", DisplayNames.Of(EscalationStatus.PendingApproval));
        Assert.Equal("Not assessed", DisplayNames.Of(RiskLevel.Unknown));
        Assert.Equal("Shift lead", DisplayNames.Role(StaffRoles.ShiftLead));
        Assert.Equal("Not delivered", DisplayNames.Of(MessageStatus.Undelivered));
        Assert.Equal("Waiting in the queue", DisplayNames.Of(ConversationStatus.Queued));
        Assert.Equal("Some new value", DisplayNames.Words("SomeNewValue"));
    }
}
