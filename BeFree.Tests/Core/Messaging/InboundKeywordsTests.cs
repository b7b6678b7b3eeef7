using BeFree.Core.Messaging.Inbound;

namespace BeFree.Tests.Core.Messaging;

public sealed class InboundKeywordsTests
{
    [Theory]
    [InlineData("STOP", InboundKeyword.OptOut)]
    [InlineData("stop", InboundKeyword.OptOut)]
    [InlineData("  Stop \n", InboundKeyword.OptOut)]
    [InlineData("STOPALL", InboundKeyword.OptOut)]
    [InlineData("unsubscribe", InboundKeyword.OptOut)]
    [InlineData("Cancel", InboundKeyword.OptOut)]
    [InlineData("END", InboundKeyword.OptOut)]
    [InlineData("quit", InboundKeyword.OptOut)]
    [InlineData("START", InboundKeyword.OptIn)]
    [InlineData("unstop", InboundKeyword.OptIn)]
    [InlineData("HELP", InboundKeyword.Help)]
    [InlineData("info ", InboundKeyword.Help)]
    public void Whole_message_keywords_are_recognised(string body, InboundKeyword expected)
        => Assert.Equal(expected, InboundKeywords.Parse(body));

    [Theory]
    [InlineData("please stop")]
    [InlineData("STOP!")]
    [InlineData("stop it")]
    [InlineData("I need help")]
    [InlineData("helpme")]
    [InlineData("S T O P")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_an_ordinary_text(string? body)
        => Assert.Equal(InboundKeyword.None, InboundKeywords.Parse(body));
}
