namespace BeFree.Core.Messaging;

/// <summary>Audit action names of the messaging module. Details hold ids only: never numbers or text.</summary>
public static class MessagingAuditActions
{
    public const string TexterOptedOut = "texter.opted-out";
    public const string TexterOptedIn = "texter.opted-in";
    /// <summary>A member of staff opened a texter's attachment (fetched from Twilio).</summary>
    public const string MediaOpened = "message.media-opened";
    /// <summary>The sender held an outbound text: its outcome at Twilio is unknown, or the safe-contact rules stop it now.</summary>
    public const string MessageHeld = "message.held";
    /// <summary>The holder sent a held text again.</summary>
    public const string HeldMessageResent = "message.held-resent";
    /// <summary>The holder discarded a held text: it is never sent.</summary>
    public const string HeldMessageDiscarded = "message.held-discarded";
}
