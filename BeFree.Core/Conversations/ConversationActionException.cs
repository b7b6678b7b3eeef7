namespace BeFree.Core.Conversations;

/// <summary>
/// A conversation action that cannot be done in the conversation's current state, or with the input
/// given. The message is safe to show the member of staff. (Lack of permission is a
/// <see cref="Staff.StaffAuthorizationException"/>.)
/// </summary>
public sealed class ConversationActionException(string message) : Exception(message);

/// <summary>
/// A reply the safe-contact rules refused. <see cref="LeadMayOverride"/> says whether a shift lead
/// could send it with a recorded reason (never for an opt-out).
/// </summary>
public sealed class ContactRefusedException(string message, bool leadMayOverride) : Exception(message)
{
    public bool LeadMayOverride { get; } = leadMayOverride;
}
