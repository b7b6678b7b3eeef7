using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Twilio;

namespace BeFree.Tests.Core.Conversations;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("Necesito ayuda, mi patrón tiene mi pasaporte")]
    [InlineData("necesito ayuda mi patron tiene mi pasaporte")]
    [InlineData("Hola")]
    [InlineData("¿Pueden ayudarme?")]
    [InlineData("AYUDA")]
    [InlineData("no me dejan salir de la casa")]
    [InlineData("tengo miedo")]
    [InlineData("Buenas noches, estoy en peligro")]
    public void Spanish_texts_are_Spanish(string text)
        => Assert.Equal(ConversationLanguage.Spanish, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("I need help, my boss has my passport")]
    [InlineData("hi")]
    [InlineData("HELP")]
    [InlineData("they wont let me leave the house")]
    [InlineData("Is this BeFree?")]
    public void English_texts_are_English(string text)
        => Assert.Equal(ConversationLanguage.English, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("")]
    [InlineData("ok")]
    [InlineData("911")]
    [InlineData("INFO")]
    [InlineData("🙏")]
    [InlineData("no")]
    public void Texts_that_do_not_tell_give_no_language(string text)
        => Assert.Null(LanguageDetector.Detect(text));

    [Fact]
    public void Folding_lowers_and_strips_accents()
        => Assert.Equal(["patron", "ano", "nino", "que"], TextFolding.Words("Patrón, AÑO… ¿niño? qué"));

    [Theory]
    [InlineData("AYUDA", InboundKeyword.Help)]
    [InlineData("ayuda!", InboundKeyword.Help)]
    [InlineData("PARAR", InboundKeyword.OptOut)]
    [InlineData("Cancelar", InboundKeyword.OptOut)]
    [InlineData("COMENZAR", InboundKeyword.OptIn)]
    [InlineData("necesito ayuda", InboundKeyword.None)]
    [InlineData("no puedo parar de llorar", InboundKeyword.None)]
    public void Spanish_keywords_count_only_as_a_whole_message(string body, InboundKeyword expected)
        => Assert.Equal(expected, InboundKeywords.Parse(body));

    [Fact]
    public void Automatic_texts_come_in_the_conversations_language_falling_back_to_English()
    {
        var settings = new TwilioOptions { FirstContactReply = "Welcome", SpanishFirstContactReply = "Bienvenida", InfoReply = "Info", SpanishInfoReply = "" };
        Assert.Equal("Welcome", settings.AutomaticText(AutomaticTextKind.FirstContact, ConversationLanguage.English));
        Assert.Equal("Bienvenida", settings.AutomaticText(AutomaticTextKind.FirstContact, ConversationLanguage.Spanish));
        // No Spanish text configured: the English one.
        Assert.Equal("Info", settings.AutomaticText(AutomaticTextKind.Info, ConversationLanguage.Spanish));
        // The English text switched off switches the kind off in every language.
        settings.FirstContactReply = "";
        Assert.Null(settings.AutomaticText(AutomaticTextKind.FirstContact, ConversationLanguage.Spanish));
    }

    [Fact]
    public void The_first_text_that_tells_settles_the_language_and_keywords_are_answered_in_theirs()
    {
        var conversation = new Conversation();
        Assert.False(InboundThreading.ApplyLanguage(conversation, null));
        Assert.False(conversation.LanguageSettled);
        Assert.True(InboundThreading.ApplyLanguage(conversation, ConversationLanguage.Spanish));
        Assert.False(InboundThreading.ApplyLanguage(conversation, ConversationLanguage.English));
        Assert.Equal(ConversationLanguage.Spanish, conversation.Language);

        var english = new Conversation { Language = ConversationLanguage.English, LanguageSettled = true };
        Assert.Equal(ConversationLanguage.Spanish, InboundThreading.ReplyLanguage(english, InboundKeyword.Help, ConversationLanguage.Spanish));
        Assert.Equal(ConversationLanguage.English, InboundThreading.ReplyLanguage(english, InboundKeyword.Help, null));
        Assert.Equal(ConversationLanguage.English, InboundThreading.ReplyLanguage(english, InboundKeyword.None, ConversationLanguage.Spanish));
    }

    [Fact]
    public void Spanish_replies_are_chosen_for_a_Spanish_conversation()
    {
        var settings = new TwilioOptions();
        var replies = InboundThreading.AutomaticReplies(settings, InboundKeyword.Help, OptOutChange.None, isNewConversation: true, optedOut: false,
            ConversationLanguage.Spanish);
        Assert.Equal([settings.SpanishFirstContactReply, settings.SpanishInfoReply], replies.Select(r => r.Body));
        var optOut = Assert.Single(InboundThreading.AutomaticReplies(settings, InboundKeyword.OptOut, OptOutChange.OptedOut, false, true,
            ConversationLanguage.Spanish));
        Assert.Equal(settings.SpanishOptOutReply, optOut.Body);
        Assert.True(optOut.IsOptOutConfirmation);
    }
}
