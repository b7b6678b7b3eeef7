using BeFree.Core.Messaging.Inbound;

namespace BeFree.Tests.Core.Messaging;

public sealed class InboundSmsParseTests
{
    private static List<KeyValuePair<string, string>> Form(params (string Name, string Value)[] extra)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", "SM0123456789abcdef0123456789abcdef"),
            new("From", "+15551230001"),
            new("To", "233733"),
            new("Body", "hello"),
        };
        form.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return form;
    }

    [Theory]
    [InlineData("MessageSid")]
    [InlineData("From")]
    [InlineData("To")]
    public void A_missing_required_field_is_refused(string field)
    {
        var form = Form().Where(p => p.Key != field).ToList();
        var result = InboundSms.Parse(form);
        Assert.Null(result.Sms);
        Assert.Contains(field, result.Error);
    }

    [Fact]
    public void Emoji_count_as_one_character_each()
    {
        var exactly1600 = string.Concat(Enumerable.Repeat("🆘", 1600));
        var form = Form();
        Replace(form, "Body", exactly1600);
        Assert.Equal(exactly1600, InboundSms.Parse(form).Sms!.Body);

        var tooLong = Form();
        Replace(tooLong, "Body", new string('a', 1601));
        var result = InboundSms.Parse(tooLong);
        Assert.Null(result.Sms);
        Assert.Contains("1600", result.Error);
    }

    [Fact]
    public void Media_and_location_hints_are_read_and_unknown_parameters_ignored()
    {
        var sms = InboundSms.Parse(Form(
            ("NumMedia", "2"),
            ("MediaUrl0", "https://api.twilio.com/media/0"), ("MediaContentType0", "image/jpeg"),
            ("MediaUrl1", "https://api.twilio.com/media/1"), ("MediaContentType1", "image/png"),
            ("FromCity", "HOUSTON"), ("FromState", "TX"), ("SomethingNew", "x"))).Sms!;
        Assert.Equal(2, sms.Media.Count);
        Assert.Equal("image/png", sms.Media[1].ContentType);
        Assert.Equal("HOUSTON", sms.FromCity);
        Assert.Equal("TX", sms.FromState);
        Assert.False(sms.TrainingRequested);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-1")]
    [InlineData("11")]
    public void A_bad_media_count_is_refused(string numMedia)
        => Assert.Null(InboundSms.Parse(Form(("NumMedia", numMedia))).Sms);

    [Fact]
    public void A_promised_media_url_that_is_missing_is_refused()
        => Assert.Null(InboundSms.Parse(Form(("NumMedia", "1"))).Sms);

    private static void Replace(List<KeyValuePair<string, string>> form, string name, string value)
    {
        form.RemoveAll(p => p.Key == name);
        form.Add(new(name, value));
    }
}
