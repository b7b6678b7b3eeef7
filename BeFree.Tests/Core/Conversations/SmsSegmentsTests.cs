using BeFree.Core.Conversations;

namespace BeFree.Tests.Core.Conversations;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData("", 0, 0, SmsEncoding.Gsm7)]
    [InlineData("Are you safe to text?", 21, 1, SmsEncoding.Gsm7)]
    [InlineData("Cost: 5€", 8, 1, SmsEncoding.Gsm7)]
    [InlineData("We’re here", 10, 1, SmsEncoding.Ucs2)]
    [InlineData("Estás a salvo? 🙏", 16, 1, SmsEncoding.Ucs2)]
    public void Counts_characters_segments_and_encoding(string body, int characters, int segments, SmsEncoding encoding)
    {
        var length = SmsSegments.Measure(body);
        Assert.Equal((characters, segments, encoding), (length.Characters, length.Segments, length.Encoding));
    }

    [Fact]
    public void Gsm_messages_split_at_160_then_153_per_part()
    {
        Assert.Equal(1, SmsSegments.Measure(new string('a', 160)).Segments);
        Assert.Equal(0, SmsSegments.Measure(new string('a', 160)).CharactersLeftInSegment);
        Assert.Equal(2, SmsSegments.Measure(new string('a', 161)).Segments);
        Assert.Equal(2, SmsSegments.Measure(new string('a', 306)).Segments);
        Assert.Equal(3, SmsSegments.Measure(new string('a', 307)).Segments);
        // Extension characters take two units.
        Assert.Equal(2, SmsSegments.Measure(new string('a', 159) + "€").Segments);
    }

    [Fact]
    public void Unicode_messages_split_at_70_then_67_per_part()
    {
        Assert.Equal(1, SmsSegments.Measure(new string('ж', 70)).Segments);
        Assert.Equal(2, SmsSegments.Measure(new string('ж', 71)).Segments);
        Assert.Equal(3, SmsSegments.Measure(new string('ж', 135)).Segments);
    }
}
