using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Twilio;
using BeFree.Core.Risk;

namespace BeFree.Tests.Core.Messaging;

/// <summary>The inbound text's decisions, without a database: which conversation, keywords, risk, automatic replies.</summary>
public sealed class InboundThreadingTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 15, 0, 0, DateTimeKind.Utc);

    private static TwilioOptions Settings(string? firstContact = "Welcome", string? info = "Info", string? optOut = "Bye", string? optIn = "Back")
        => new() { FirstContactReply = firstContact, InfoReply = info, OptOutReply = optOut, OptInReply = optIn };

    private static InboundSms Sms(string body = "hello", bool training = false, string? city = "HOUSTON")
        => new("SM1", null, "+15550000001", "233733", body, [], city, "TX", "77002", "US", training);

    private static Conversation InStatus(int id, ConversationStatus status) => new() { Id = id, Status = status };

    [Fact]
    public void A_text_joins_the_open_conversation_over_a_later_closed_one()
    {
        var open = InStatus(3, ConversationStatus.Assigned);
        var joined = InboundThreading.ConversationToJoin([InStatus(1, ConversationStatus.Closed), open, InStatus(7, ConversationStatus.Closed)]);
        Assert.Same(open, joined);
        Assert.False(InboundThreading.Reopens(open));
    }

    [Fact]
    public void Without_an_open_conversation_a_text_reopens_the_latest_closed_one()
    {
        var latest = InStatus(7, ConversationStatus.Closed);
        var joined = InboundThreading.ConversationToJoin([InStatus(1, ConversationStatus.Closed), latest, InStatus(4, ConversationStatus.Closed)]);
        Assert.Same(latest, joined);
        Assert.True(InboundThreading.Reopens(latest));
    }

    [Fact]
    public void A_first_contact_has_no_conversation_and_starts_one_in_the_queue()
    {
        Assert.Null(InboundThreading.ConversationToJoin([]));
        var texter = new Texter { PhoneNumber = "+15550000001" };
        var started = InboundThreading.StartConversation(texter, isTraining: false, Now);
        Assert.Equal(ConversationStatus.Queued, started.Status);
        Assert.Same(texter, started.Texter);
        Assert.Equal(Now, started.QueuedUtc);
    }

    [Theory]
    [InlineData(true, TwilioMode.Simulated, true)]
    [InlineData(true, TwilioMode.Live, false)]
    [InlineData(false, TwilioMode.Simulated, false)]
    public void Only_the_simulator_makes_training_conversations(bool requested, TwilioMode mode, bool training)
        => Assert.Equal(training, InboundThreading.IsTraining(Sms(training: requested), new TwilioOptions { Mode = mode }));

    [Theory]
    [InlineData(ConversationStatus.Assigned, 1)]
    [InlineData(ConversationStatus.Queued, 0)]
    public void A_text_is_unread_only_for_an_assigned_advocate_and_where_from_is_kept_once_known(ConversationStatus status, int unread)
    {
        var conversation = new Conversation { Status = status, FromCity = "DALLAS" };
        InboundThreading.CountText(conversation, Sms(city: "HOUSTON"), Now);
        Assert.Equal(unread, conversation.UnreadCount);
        Assert.Equal(Now, conversation.LastMessageUtc);
        Assert.Equal("DALLAS", conversation.FromCity);
        Assert.Equal("TX", conversation.FromState);
    }

    [Fact]
    public void Stop_opts_out_once_and_start_opts_back_in()
    {
        var texter = new Texter();
        var conversation = new Conversation();
        Assert.Equal(OptOutChange.OptedOut, InboundThreading.ApplyKeyword(InboundKeyword.OptOut, texter, conversation, Now));
        Assert.True(texter.IsOptedOut);
        Assert.True(conversation.OptOutAlert);
        Assert.Equal(OptOutChange.None, InboundThreading.ApplyKeyword(InboundKeyword.OptOut, texter, conversation, Now));
        Assert.Equal(OptOutChange.OptedIn, InboundThreading.ApplyKeyword(InboundKeyword.OptIn, texter, conversation, Now));
        Assert.False(texter.IsOptedOut);
        Assert.Null(texter.OptedOutUtc);
        Assert.Equal(OptOutChange.None, InboundThreading.ApplyKeyword(InboundKeyword.OptIn, texter, conversation, Now));
    }

    [Fact]
    public void A_first_contact_gets_the_welcome_and_help_adds_the_info_text()
    {
        Assert.Equal(["Welcome"], InboundThreading.AutomaticReplies(Settings(), InboundKeyword.None, OptOutChange.None, true, false).Select(r => r.Body));
        Assert.Equal(["Welcome", "Info"], InboundThreading.AutomaticReplies(Settings(), InboundKeyword.Help, OptOutChange.None, true, false).Select(r => r.Body));
        Assert.Empty(InboundThreading.AutomaticReplies(Settings(), InboundKeyword.None, OptOutChange.None, false, false));
        Assert.Empty(InboundThreading.AutomaticReplies(Settings(firstContact: " "), InboundKeyword.None, OptOutChange.None, true, false));
    }

    [Fact]
    public void An_opted_out_texter_gets_only_the_stop_confirmation_and_a_repeated_stop_gets_nothing()
    {
        var confirmation = Assert.Single(InboundThreading.AutomaticReplies(Settings(), InboundKeyword.OptOut, OptOutChange.OptedOut, true, true));
        Assert.Equal(new AutomaticReply("Bye", true), confirmation);
        Assert.Empty(InboundThreading.AutomaticReplies(Settings(), InboundKeyword.OptOut, OptOutChange.None, false, true));
        Assert.Empty(InboundThreading.AutomaticReplies(Settings(), InboundKeyword.Help, OptOutChange.None, true, true));
        Assert.Equal(["Back"], InboundThreading.AutomaticReplies(Settings(), InboundKeyword.OptIn, OptOutChange.OptedIn, false, false).Select(r => r.Body));
    }

    [Fact]
    public void A_suggestion_raises_the_suggested_risk_only_above_what_is_known()
    {
        var conversation = new Conversation { Status = ConversationStatus.Assigned, Risk = RiskLevel.Moderate };
        Assert.Null(InboundThreading.RaiseSuggestedRisk(conversation, new RiskSuggestion(RiskLevel.Low, "x", "c")));
        Assert.Null(conversation.SuggestedRisk);
        Assert.NotNull(InboundThreading.RaiseSuggestedRisk(conversation, new RiskSuggestion(RiskLevel.High, "passport", "c")));
        Assert.Equal(RiskLevel.High, conversation.SuggestedRisk);
        Assert.Null(InboundThreading.RaiseSuggestedRisk(conversation, new RiskSuggestion(RiskLevel.High, "again", "c")));
    }

    [Theory]
    [InlineData(true, true, true, ConversationChangeKind.Created)]
    [InlineData(false, true, true, ConversationChangeKind.OptOutChanged)]
    [InlineData(false, false, true, ConversationChangeKind.Reopened)]
    [InlineData(false, false, false, ConversationChangeKind.MessageAdded)]
    public void Open_screens_hear_the_biggest_change(bool isNew, bool optedOut, bool reopened, ConversationChangeKind kind)
        => Assert.Equal(kind, InboundThreading.ChangeKind(isNew, optedOut ? OptOutChange.OptedOut : OptOutChange.None, reopened));
}
