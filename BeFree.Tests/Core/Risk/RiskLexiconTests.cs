using BeFree.Core.Risk;

namespace BeFree.Tests.Core.Risk;

public sealed class RiskLexiconTests
{
    private static readonly RiskLexicon Lexicon = RiskLexicon.LoadEmbedded();

    [Fact]
    public void The_shipped_lexicon_loads_with_indicators_and_exclusions()
    {
        Assert.True(Lexicon.IndicatorCount >= 40, $"only {Lexicon.IndicatorCount} indicators");
        Assert.True(Lexicon.ExclusionCount >= 15, $"only {Lexicon.ExclusionCount} exclusions");
    }

    [Theory]
    // Documents taken
    [InlineData("they took my passport when we got here", RiskLevel.High, "took my passport")]
    [InlineData("THEY TOOK MY PASSPORT!!!", RiskLevel.High, "TOOK MY PASSPORT")]
    [InlineData("the boss has my ID and my papers", RiskLevel.High, "boss has my ID")]
    [InlineData("he won't give me back my passport", RiskLevel.High, "won't give me back my passport")]
    [InlineData("he won’t give me my passport", RiskLevel.High, "won’t give me my passport")]
    [InlineData("Manager is keeping all our documents in his office", RiskLevel.High, "Manager is keeping all our documents")]
    // Debt
    [InlineData("i owe them 8000 for the trip and it keeps going up", RiskLevel.High, "i owe them")]
    [InlineData("he says I owe for the room and food", RiskLevel.High, "says I owe")]
    [InlineData("we have to work off the debt before we can go", RiskLevel.High, "work off the debt")]
    // Cannot leave
    [InlineData("I can't leave the house, they watch me", RiskLevel.High, "can't leave")]
    [InlineData("i cant leave", RiskLevel.High, "cant leave")]
    [InlineData("i can not leave this place", RiskLevel.High, "can not leave")]
    [InlineData("I cannot leave until I pay", RiskLevel.High, "cannot leave until I pay")]
    [InlineData("they wont let us go outside", RiskLevel.High, "wont let us go outside")]
    // Locked in
    [InlineData("they lock us in at night", RiskLevel.High, "lock us in")]
    [InlineData("we are locked in the basement", RiskLevel.High, "we are locked in")]
    // Moved
    [InlineData("they keep moving us to a different city every week", RiskLevel.High, "moving us to a different")]
    [InlineData("tomorrow we are being moved to another state", RiskLevel.High, "being moved to another")]
    // Forced to work
    [InlineData("they make me work 16 hours and take all my money", RiskLevel.High, "make me work")]
    [InlineData("I was forced to have sex with men for money", RiskLevel.High, "forced to have sex")]
    [InlineData("he sells me to his friends", RiskLevel.High, "sells me")]
    // A minor
    [InlineData("im 15 and i dont know where i am", RiskLevel.High, "im 15")]
    [InlineData("I'm only 16 years old", RiskLevel.High, "I'm only 16 years old")]
    [InlineData("there is a 14 year old girl here with us", RiskLevel.High, "a 14 year old girl")]
    [InlineData("i am a minor", RiskLevel.High, "i am a minor")]
    [InlineData("im underage please help", RiskLevel.High, "im underage")]
    [InlineData("she's 17yo and they make her dance", RiskLevel.High, "she's 17yo")]
    // Imminent danger
    [InlineData("he is going to kill me", RiskLevel.Imminent, "is going to kill me")]
    [InlineData("hes gonna kill me if he finds this phone", RiskLevel.Imminent, "gonna kill me")]
    [InlineData("he has a gun", RiskLevel.Imminent, "has a gun")]
    [InlineData("the man pulled a knife on me", RiskLevel.Imminent, "pulled a knife")]
    [InlineData("he is hurting me now", RiskLevel.Imminent, "is hurting me")]
    [InlineData("please send police to the motel", RiskLevel.Imminent, "send police")]
    [InlineData("I'm in danger", RiskLevel.Imminent, "I'm in danger")]
    [InlineData("they are coming back for us tonight", RiskLevel.Imminent, "coming back for us")]
    [InlineData("i want to kill myself", RiskLevel.Imminent, "kill myself")]
    public void Realistic_texts_suggest_a_level_and_say_what_matched(string text, RiskLevel level, string matched)
    {
        var suggestion = Lexicon.Suggest(text);

        Assert.NotNull(suggestion);
        Assert.Equal(level, suggestion.Level);
        Assert.Equal(matched, suggestion.MatchedText);
        Assert.Equal($"suggested: {level} — matched '{matched}'", suggestion.Display);
    }

    [Fact]
    public void The_highest_level_wins_when_a_text_has_several_indicators()
    {
        var suggestion = Lexicon.Suggest("They took my passport. Now he has a gun and says he will kill me.");

        Assert.Equal(RiskLevel.Imminent, suggestion!.Level);
        Assert.Equal("has a gun", suggestion.MatchedText);
    }

    [Theory]
    [InlineData("I need a passport photo booth appointment, do you have my passport photos?")]
    [InlineData("I can't leave a review on your website")]
    [InlineData("just killing time before my bus")]
    [InlineData("my minor in college is psychology")]
    [InlineData("my mom is gonna kill me lol")]
    [InlineData("this homework is going to kill me")]
    [InlineData("my feet are killing me after that shift")]
    [InlineData("my little sister keeps beating me at chess")]
    [InlineData("bought a hot glue gun for the kids' craft project")]
    [InlineData("I'm 15 minutes away from the clinic")]
    [InlineData("there is a minor issue with my order")]
    [InlineData("I always keep my passport in a safe")]
    [InlineData("we're moving to a new house next month")]
    [InlineData("I'm getting moved to the night shift at work")]
    [InlineData("I owe you one for helping my friend")]
    [InlineData("you're killing it")]
    [InlineData("my parents won't let me go to the party")]
    [InlineData("the vending machine took my money again")]
    [InlineData("he sold me a used car last year")]
    [InlineData("I'm locked in on this project at work")]
    [InlineData("I'm dying of laughter")]
    [InlineData("I can't go out tonight, I have homework")]
    [InlineData("what are your hours? I have a question about volunteering")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void False_friends_and_ordinary_texts_suggest_nothing(string? text)
    {
        var suggestion = Lexicon.Suggest(text);
        Assert.True(suggestion is null, $"'{text}' suggested {suggestion?.Display}");
    }

    [Fact]
    public void A_false_friend_only_cancels_the_words_it_overlaps()
    {
        var suggestion = Lexicon.Suggest("I need a passport photo, but they took my passport last week");

        Assert.Equal(RiskLevel.High, suggestion!.Level);
        Assert.Equal("took my passport", suggestion.MatchedText);
    }

    [Fact]
    public void A_small_lexicon_parses_choices_optional_words_and_wildcards()
    {
        var lexicon = RiskLexicon.Parse("""
            # a comment
            High | test | (took|has taken) (all |) my (passport|id)
            Moderate | test | owes * money
            Exclude | test | passport photo
            """);

        Assert.Equal("has taken all my ID", lexicon.Suggest("He has taken all my ID.")!.MatchedText);
        Assert.Equal("took my passport", lexicon.Suggest("she took my passport")!.MatchedText);
        Assert.Null(lexicon.Suggest("she took my passport photo"));
        Assert.Null(lexicon.Suggest("mistook my passport")); // whole words only
        Assert.Equal(RiskLevel.Moderate, lexicon.Suggest("he owes them money")!.Level);
        Assert.Null(lexicon.Suggest("he owes money"));
    }

    [Theory]
    [InlineData("High | no pattern")]
    [InlineData("Severe | x | took my passport")]
    [InlineData("High | x | (took|stole my passport")]
    [InlineData("High | x | (a|(b|c))")]
    [InlineData("High | x | ?!")]
    public void A_malformed_line_is_reported_with_its_number(string line)
    {
        var error = Assert.Throws<FormatException>(() => RiskLexicon.Parse("# header\n" + line));
        Assert.StartsWith("risk lexicon line 2:", error.Message);
    }
}
