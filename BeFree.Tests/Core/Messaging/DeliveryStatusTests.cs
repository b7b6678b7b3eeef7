using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Outbound;

namespace BeFree.Tests.Core.Messaging;

public sealed class DeliveryStatusTests
{
    [Fact]
    public void Statuses_rank_queued_sending_sent_outcome_read()
    {
        Assert.True(DeliveryStatus.Rank(MessageStatus.Queued) < DeliveryStatus.Rank(MessageStatus.Sending));
        Assert.True(DeliveryStatus.Rank(MessageStatus.Sending) < DeliveryStatus.Rank(MessageStatus.Sent));
        Assert.True(DeliveryStatus.Rank(MessageStatus.Sent) < DeliveryStatus.Rank(MessageStatus.Delivered));
        Assert.Equal(DeliveryStatus.Rank(MessageStatus.Delivered), DeliveryStatus.Rank(MessageStatus.Undelivered));
        Assert.Equal(DeliveryStatus.Rank(MessageStatus.Delivered), DeliveryStatus.Rank(MessageStatus.Failed));
        Assert.True(DeliveryStatus.Rank(MessageStatus.Delivered) < DeliveryStatus.Rank(MessageStatus.Read));
    }

    [Theory]
    [InlineData(MessageStatus.Queued, MessageStatus.Sent, true)]
    [InlineData(MessageStatus.Sending, MessageStatus.Delivered, true)]
    [InlineData(MessageStatus.Sent, MessageStatus.Failed, true)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Read, true)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Sent, false)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Failed, false)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Undelivered, false)]
    [InlineData(MessageStatus.Failed, MessageStatus.Delivered, false)]
    [InlineData(MessageStatus.Sent, MessageStatus.Sent, false)]
    [InlineData(MessageStatus.Held, MessageStatus.Sent, true)]         // Twilio had a held text after all
    [InlineData(MessageStatus.Held, MessageStatus.Sending, false)]
    [InlineData(MessageStatus.Discarded, MessageStatus.Queued, false)]
    [InlineData(MessageStatus.Discarded, MessageStatus.Delivered, false)]
    [InlineData(MessageStatus.Read, MessageStatus.Delivered, false)]
    [InlineData(MessageStatus.Sent, MessageStatus.Queued, false)]
    public void A_status_only_moves_forward(MessageStatus from, MessageStatus to, bool expected)
        => Assert.Equal(expected, DeliveryStatus.CanMove(from, to));

    [Theory]
    [InlineData("queued", MessageStatus.Queued)]
    [InlineData("accepted", MessageStatus.Queued)]
    [InlineData("sending", MessageStatus.Sending)]
    [InlineData("SENT", MessageStatus.Sent)]
    [InlineData("delivered", MessageStatus.Delivered)]
    [InlineData("undelivered", MessageStatus.Undelivered)]
    [InlineData("failed", MessageStatus.Failed)]
    [InlineData("canceled", MessageStatus.Failed)]
    [InlineData("read", MessageStatus.Read)]
    public void Twilio_status_words_are_understood(string word, MessageStatus expected)
        => Assert.Equal(expected, DeliveryStatus.Parse(word));

    [Theory]
    [InlineData("received")]
    [InlineData("bogus")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_words_are_not_statuses(string? word)
        => Assert.Null(DeliveryStatus.Parse(word));
}
