namespace BeFree.Core.Messaging.TwilioCopies;

/// <summary>Audit action names for Twilio's copies. Details hold ids only: never numbers, text or media.</summary>
public static class TwilioCopyAuditActions
{
    /// <summary>One attachment of a text was deleted at Twilio (or Twilio no longer had it).</summary>
    public const string MediaDeleted = "twilio.media-deleted";
    /// <summary>A text was deleted at Twilio (or Twilio no longer had it).</summary>
    public const string MessageDeleted = "twilio.message-deleted";
    /// <summary>An admin asked for a failing deletion to be tried again.</summary>
    public const string DeletionRetried = "twilio.deletion-retried";
}
