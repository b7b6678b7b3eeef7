namespace BeFree.Core.Messaging;

/// <summary>Audit action names of the messaging module. Details hold ids only: never numbers or text.</summary>
public static class MessagingAuditActions
{
    public const string TexterOptedOut = "texter.opted-out";
    public const string TexterOptedIn = "texter.opted-in";
    /// <summary>A member of staff opened a texter's attachment (fetched from Twilio).</summary>
    public const string MediaOpened = "message.media-opened";
}
