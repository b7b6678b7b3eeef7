namespace BeFree.Core.Conversations;

/// <summary>Audit action names for blocking texters and a conversation's language. Details hold ids and reasons only.</summary>
public static class TexterAuditActions
{
    public const string TexterBlocked = "texter.blocked";
    public const string TexterUnblocked = "texter.unblocked";
    public const string LanguageSet = "conversation.language-set";
}
