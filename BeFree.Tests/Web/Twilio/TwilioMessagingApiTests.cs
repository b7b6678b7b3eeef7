using System.Net;
using BeFree.Core.Conversations;
using BeFree.Core.Messaging.Twilio;
using BeFree.Tests.Web.Twilio.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BeFree.Tests.Web.Twilio;

/// <summary>
/// The Live sender on its own: Twilio's SDK over an HttpClient whose <see cref="TwilioApiHandler"/>
/// points it at the fake Twilio, which checks what arrives and scripts what Twilio answers.
/// </summary>
public sealed class TwilioMessagingApiTests : IAsyncLifetime
{
    private FakeTwilioServer _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioServer.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private TwilioOptions Settings(Action<TwilioOptions>? change = null)
    {
        var settings = new TwilioOptions
        {
            AccountSid = TwilioWebFactory.AccountSid,
            AuthToken = TwilioWebFactory.AuthToken,
            From = TwilioWebFactory.ShortCode,
            ApiBaseUrl = _twilio.BaseUrl,
            PublicBaseUrl = "https://befree.example.org/",
        };
        change?.Invoke(settings);
        return settings;
    }

    private static TwilioMessagingApi Api(TwilioOptions settings, HttpMessageHandler? transport = null, TimeSpan? timeout = null)
    {
        var http = new HttpClient(new TwilioApiHandler(Options.Create(settings)) { InnerHandler = transport ?? new HttpClientHandler() })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        return new TwilioMessagingApi(http, Options.Create(settings), NullLogger<TwilioMessagingApi>.Instance);
    }

    private static Task<TwilioSendResult> SendAsync(TwilioMessagingApi api, string to, string body = "Are you safe to talk?")
        => api.SendAsync(new OutboundSms(1, to, body), CancellationToken.None);

    [Fact]
    public async Task Twilio_receives_exactly_the_messages_api_form_with_basic_auth()
    {
        var phone = TwilioWebhook.NewPhoneNumber();

        var result = await SendAsync(Api(Settings()), phone, "Are you safe? Reply 1 = yes & 2 = no 🙂");

        var accepted = Assert.IsType<TwilioSendResult.Accepted>(result);
        Assert.StartsWith("SM", accepted.Sid);
        Assert.Equal(MessageStatus.Queued, accepted.Status);
        var request = Assert.Single(_twilio.RequestsTo(phone));
        Assert.Equal($"/2010-04-01/Accounts/{TwilioWebFactory.AccountSid}/Messages.json", request.Path);
        Assert.Equal(TwilioWebFactory.BasicAuthorization, request.Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["To"] = phone,
                ["From"] = TwilioWebFactory.ShortCode,
                ["Body"] = "Are you safe? Reply 1 = yes & 2 = no 🙂",
                ["StatusCallback"] = "https://befree.example.org/twilio/status?outbound=1",
            },
            request.Form);
    }

    [Fact]
    public async Task A_messaging_service_replaces_from_and_no_public_url_means_no_status_callback()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var settings = Settings(s =>
        {
            s.MessagingServiceSid = "MG0123456789abcdef0123456789abcdef";
            s.PublicBaseUrl = null;
        });

        Assert.IsType<TwilioSendResult.Accepted>(await SendAsync(Api(settings), phone));

        var request = Assert.Single(_twilio.RequestsTo(phone));
        Assert.Equal(["Body", "MessagingServiceSid", "To"], request.Form.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("MG0123456789abcdef0123456789abcdef", request.Form["MessagingServiceSid"]);
    }

    [Fact]
    public async Task An_api_base_url_with_a_path_keeps_it()
    {
        // A regional edge or a gateway in front of Twilio may live under a path.
        var seen = new List<Uri>();
        var transport = new RecordingHandler(request =>
        {
            seen.Add(request.RequestUri!);
            return Created();
        });
        var settings = Settings(s => s.ApiBaseUrl = "https://gateway.example.net:8443/twilio/");

        Assert.IsType<TwilioSendResult.Accepted>(await SendAsync(Api(settings, transport), TwilioWebhook.NewPhoneNumber()));

        Assert.Equal($"https://gateway.example.net:8443/twilio/2010-04-01/Accounts/{TwilioWebFactory.AccountSid}/Messages.json", Assert.Single(seen).ToString());
    }

    [Fact]
    public async Task A_look_up_finds_the_text_twilio_took_by_recipient_sender_and_body()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        var api = Api(Settings());
        var before = DateTime.UtcNow;
        var sent = Assert.IsType<TwilioSendResult.Accepted>(await SendAsync(api, phone, "Are you safe?"));
        await SendAsync(api, phone, "Something else");
        await SendAsync(api, TwilioWebhook.NewPhoneNumber(), "Are you safe?");

        var lookup = await api.FindSentAsync(new OutboundSms(1, phone, "Are you safe?"), before, CancellationToken.None);

        var match = Assert.Single(Assert.IsType<TwilioLookupResult.Answered>(lookup).Matches);
        Assert.Equal(sent.Sid, match.Sid);
        Assert.Equal(MessageStatus.Queued, match.Status);
        var request = Assert.Single(_twilio.Lookups);
        Assert.Equal(TwilioWebFactory.BasicAuthorization, request.Authorization);
        Assert.Equal(phone, request.Form["To"]);
        Assert.Equal(TwilioWebFactory.ShortCode, request.Form["From"]);
    }

    [Fact]
    public async Task A_look_up_that_finds_nothing_says_twilio_does_not_have_the_text()
    {
        var lookup = await Api(Settings()).FindSentAsync(new OutboundSms(1, TwilioWebhook.NewPhoneNumber(), "hello"), DateTime.UtcNow, CancellationToken.None);

        Assert.Empty(Assert.IsType<TwilioLookupResult.Answered>(lookup).Matches);
    }

    [Fact]
    public async Task A_look_up_that_fails_says_it_cannot_be_known()
    {
        _twilio.FailLookups = true;

        var lookup = await Api(Settings()).FindSentAsync(new OutboundSms(1, TwilioWebhook.NewPhoneNumber(), "hello"), DateTime.UtcNow, CancellationToken.None);

        Assert.IsType<TwilioLookupResult.Failed>(lookup);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_twilios_retry_after()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        _twilio.Script(phone, FakeTwilioServer.Error(429, 20429, "Too Many Requests", retryAfter: "7"));

        var retry = Assert.IsType<TwilioSendResult.Retryable>(await SendAsync(Api(Settings()), phone));

        Assert.Equal("20429", retry.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), retry.RetryAfter);
        Assert.False(retry.MayHaveBeenAccepted); // a definite no: safe to send again blind
    }

    [Theory]
    [InlineData(500, 20500)]
    [InlineData(503, 20503)]
    public async Task Server_errors_are_retried(int status, int code)
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        _twilio.Script(phone, FakeTwilioServer.Error(status, code, "Service trouble"));

        var retry = Assert.IsType<TwilioSendResult.Retryable>(await SendAsync(Api(Settings()), phone));

        Assert.Equal(code.ToString(), retry.ErrorCode);
        Assert.Null(retry.RetryAfter);
        Assert.True(retry.MayHaveBeenAccepted); // Twilio may have it: looked up before any resend
    }

    [Fact]
    public async Task A_server_error_without_twilios_json_is_still_retried()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        _twilio.Script(phone, (502, "<html>Bad gateway</html>", null));

        var retry = Assert.IsType<TwilioSendResult.Retryable>(await SendAsync(Api(Settings()), phone));

        Assert.Equal("502", retry.ErrorCode);
    }

    [Fact]
    public async Task Unsubscribed_is_rejected_with_code_21610()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        _twilio.Script(phone, FakeTwilioServer.Error(400, 21610, "Attempt to send to unsubscribed recipient"));

        var rejected = Assert.IsType<TwilioSendResult.Rejected>(await SendAsync(Api(Settings()), phone));

        Assert.Equal(TwilioErrorCodes.Unsubscribed, rejected.ErrorCode);
        Assert.Equal("Attempt to send to unsubscribed recipient", rejected.Message);
    }

    [Fact]
    public async Task Other_client_errors_are_rejected_with_twilios_code_and_message()
    {
        var phone = TwilioWebhook.NewPhoneNumber();
        _twilio.Script(phone, FakeTwilioServer.Error(400, 21211, "The 'To' number is not a valid phone number."));

        var rejected = Assert.IsType<TwilioSendResult.Rejected>(await SendAsync(Api(Settings()), phone));

        Assert.Equal("21211", rejected.ErrorCode);
        Assert.Equal("The 'To' number is not a valid phone number.", rejected.Message);
    }

    [Fact]
    public async Task An_accepted_answer_that_cannot_be_read_has_an_unknown_outcome()
    {
        // Twilio may have taken the text: it must be looked up, never sent again blind.
        var phone = TwilioWebhook.NewPhoneNumber();
        _twilio.Script(phone, (201, "not json", null));

        var retry = Assert.IsType<TwilioSendResult.Retryable>(await SendAsync(Api(Settings()), phone));

        Assert.Equal("201", retry.ErrorCode);
        Assert.True(retry.MayHaveBeenAccepted);
        Assert.Single(_twilio.RequestsTo(phone));
    }

    [Fact]
    public async Task Twilio_out_of_reach_is_retried()
    {
        var settings = Settings();
        await _twilio.DisposeAsync(); // nothing listens on its port any more
        _twilio = await FakeTwilioServer.StartAsync();

        var retry = Assert.IsType<TwilioSendResult.Retryable>(await SendAsync(Api(settings), TwilioWebhook.NewPhoneNumber()));

        Assert.Equal("Could not connect to Twilio.", retry.Reason);
        Assert.False(retry.MayHaveBeenAccepted); // the connection was refused: nothing was sent
    }

    [Fact]
    public async Task No_answer_in_time_is_retried()
    {
        var transport = new RecordingHandler(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return Created();
        });

        var retry = Assert.IsType<TwilioSendResult.Retryable>(
            await SendAsync(Api(Settings(), transport, TimeSpan.FromMilliseconds(200)), TwilioWebhook.NewPhoneNumber()));

        Assert.Equal("Twilio did not answer in time.", retry.Reason);
        Assert.True(retry.MayHaveBeenAccepted);
    }

    [Fact]
    public async Task The_handler_never_sends_the_accounts_credentials_to_another_host()
    {
        var calls = 0;
        var transport = new RecordingHandler(_ =>
        {
            calls++;
            return Created();
        });
        using var http = new HttpClient(new TwilioApiHandler(Options.Create(Settings())) { InnerHandler = transport });

        await Assert.ThrowsAsync<InvalidOperationException>(() => http.GetAsync("https://attacker.example.net/2010-04-01/Accounts"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => http.GetAsync(_twilio.BaseUrl.Replace("http://", "https://") + "/x"));
        Assert.Equal(0, calls);
    }

    private static HttpResponseMessage Created() => new(HttpStatusCode.Created)
    {
        Content = new StringContent("""{"sid": "SM0123456789abcdef0123456789abcdef", "status": "queued"}""", System.Text.Encoding.UTF8, "application/json"),
    };

    private sealed class RecordingHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : this((request, _) => Task.FromResult(answer(request)))
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => answer(request, cancellationToken);
    }
}
