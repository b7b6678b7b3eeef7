using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Twilio;
using BeFree.Tests.Components.Support;
using BeFree.Web.Components.Pages.Simulator;
using Bunit;

namespace BeFree.Tests.Components.Simulator;

/// <summary>The simulator's phone: the thread as the texter sees it, and a composer that clears only once the hotline stored the text.</summary>
public sealed class SimulatorPhoneTests : MudComponentTests
{
    private readonly List<string> _sent = [];
    private readonly List<string> _numbers = [];
    private bool _accept = true;

    private IRenderedComponent<SimulatorPhone> RenderPhone(IReadOnlyList<SimulatorText> texts, bool interactive = true, string? error = null)
        => Render<SimulatorPhone>(p => p
            .Add(x => x.PhoneNumber, "+15551234567")
            .Add(x => x.Texts, texts)
            .Add(x => x.Interactive, interactive)
            .Add(x => x.Error, error)
            .Add(x => x.OnSend, body => { _sent.Add(body); return Task.FromResult(_accept); })
            .Add(x => x.OnChangeNumber, (string number) => _numbers.Add(number)));

    [Fact]
    public void The_thread_shows_the_texters_texts_and_the_hotlines_replies_with_the_hotline_time()
    {
        var phone = RenderPhone([
            new SimulatorText(1, 7, FromTexter: true, "can you help", Now.AddMinutes(-3), MessageStatus.Received),
            new SimulatorText(2, 7, FromTexter: false, "You reached BeFree.", Now.AddMinutes(-1), MessageStatus.Delivered),
        ]);

        Assert.Contains("can you help", Assert.Single(phone.FindAll("[data-testid=simulator-sent]")).TextContent);
        var reply = Assert.Single(phone.FindAll("[data-testid=simulator-received]"));
        Assert.Contains("You reached BeFree.", reply.TextContent);
        Assert.Equal("14:59", reply.QuerySelector("time")!.TextContent);
        Assert.Equal("+15551234567", phone.Find("[data-testid=simulator-number]").GetAttribute("value"));

        var empty = RenderPhone([]);
        Assert.Contains("No texts yet", empty.Find("[data-testid=simulator-thread]").TextContent);
    }

    [Fact]
    public async Task Send_waits_for_words_and_the_draft_clears_only_when_the_hotline_took_the_text()
    {
        var phone = RenderPhone([]);
        Assert.True(phone.Find("[data-testid=simulator-send]").HasAttribute("disabled"));

        await phone.Find("[data-testid=simulator-draft]").InputAsync(Value("I work at a farm"));
        Assert.False(phone.Find("[data-testid=simulator-send]").HasAttribute("disabled"));

        _accept = false;
        await phone.Find("form").SubmitAsync();
        Assert.Equal("I work at a farm", phone.Find("[data-testid=simulator-draft]").GetAttribute("value") ?? phone.Find("[data-testid=simulator-draft]").TextContent);

        _accept = true;
        await phone.Find("form").SubmitAsync();
        Assert.Equal(["I work at a farm", "I work at a farm"], _sent);
        Assert.True(phone.Find("[data-testid=simulator-send]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_number_changes_on_request_and_nothing_can_be_typed_before_the_phone_is_live()
    {
        var phone = RenderPhone([]);
        await phone.Find("[data-testid=simulator-number]").ChangeAsync(Value("+15550001111"));
        await phone.Find("[data-testid=simulator-use-number] ").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        await phone.Find("[data-testid=simulator-new-number]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        Assert.Equal(["+15550001111", ""], _numbers);

        var prerendered = RenderPhone([], interactive: false, error: "Enter the phone number as + and 8 to 15 digits.");
        Assert.True(prerendered.Find("[data-testid=simulator-draft]").HasAttribute("disabled"));
        Assert.True(prerendered.Find("[data-testid=simulator-number]").HasAttribute("disabled"));
        Assert.Equal("false", prerendered.Find("[data-testid=simulator-phone]").GetAttribute("data-interactive"));
        Assert.Contains("8 to 15 digits", prerendered.Find("[data-testid=simulator-error]").TextContent);
    }
}
