namespace BeFree.Core.Conversations;

/// <summary>The languages BeFree answers texters in. Stored as a number: append, never reorder.</summary>
public enum ConversationLanguage
{
    English = 0,
    Spanish = 1,
}

public static class ConversationLanguages
{
    /// <summary>The short mark shown on queue rows and lists ("EN", "ES").</summary>
    public static string Code(this ConversationLanguage language) => language switch
    {
        ConversationLanguage.Spanish => "ES",
        _ => "EN",
    };

    public static string DisplayName(this ConversationLanguage language) => language switch
    {
        ConversationLanguage.Spanish => "Spanish",
        _ => "English",
    };
}
