using System.Globalization;
using System.Resources;
using BeFree.Core.Conversations;
using BeFree.Core.Escalations;
using BeFree.Core.Risk;
using BeFree.Core.Staff;

namespace BeFree.Core;

/// <summary>
/// The words people read for every value the code keeps as an enum or a role name: pages, reports and exports print
/// these, never <c>PendingApproval</c> or <c>ShiftLead</c>, in the reader's language (English or Spanish resources).
/// A value added to an enum without a label in the resources shows as its code name split into words, so it is never
/// blank (a test lists every value).
/// </summary>
public static class DisplayNames
{
    // One resource per language (DisplayNames.resx, DisplayNames.es.resx), keyed "Enum_Value": the labels follow the
    // reader's CurrentUICulture, which the workstation sets from the person's language preference.
    private static readonly ResourceManager Labels = new("BeFree.Core.DisplayNames", typeof(DisplayNames).Assembly);

    public static string Of(RiskLevel risk) => Label(risk);

    public static string Of(EscalationStatus status) => Label(status);

    public static string Of(EscalationUrgency urgency) => Label(urgency);

    public static string Of(ConversationStatus status) => Label(status);

    /// <summary>Delivery status of a text, as an advocate reads it beside the message.</summary>
    public static string Of(MessageStatus status) => Label(status);

    public static string Of(ConversationNoteKind kind) => Label(kind);

    public static string Of(PresenceState state) => Label(state);

    public static string Of(RiskAssessmentKind kind) => Label(kind);

    /// <summary>The texter's language, named in the reader's language ("Spanish", "Español").</summary>
    public static string Of(ConversationLanguage language) => Label(language);

    /// <summary>A role name as stored (<see cref="StaffRoles"/>).</summary>
    public static string Role(string role)
        => Labels.GetString("Role_" + role, CultureInfo.CurrentUICulture) is { Length: > 0 } label ? label : Words(role);

    /// <summary>The resource key of a value's label, e.g. "RiskLevel_High" (the resources test lists every value).</summary>
    public static string KeyOf<T>(T value) where T : struct, Enum => typeof(T).Name + "_" + value;

    private static string Label<T>(T value) where T : struct, Enum
        => Labels.GetString(KeyOf(value), CultureInfo.CurrentUICulture) is { Length: > 0 } label ? label : Words(value);

    /// <summary>"PendingApproval" → "Pending approval": the fallback for a value without its own label.</summary>
    public static string Words<T>(T value) where T : notnull
    {
        var name = value.ToString() ?? "";
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                builder.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
