using System.Net;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Twilio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BeFree.Tests.Core.Messaging;

/// <summary>Redirects are followed by hand: each hop checked, a few hops at most, credentials only to the API host's first request.</summary>
public sealed class TwilioMediaDownloaderTests
{
    private const string Account = "AC0123456789abcdef0123456789abcdef";
    private const string Text = "MM0123456789abcdef0123456789abcdef";
    private const string MediaUrl = $"https://api.twilio.com/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/ME0123456789abcdef0123456789abcdef";
    private static readonly byte[] Picture = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

    /// <summary>Answers by URL; records every request with its Authorization header.</summary>
    private sealed class ScriptedTwilio(Func<Uri, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<(Uri Url, string? Authorization)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString()));
            return Task.FromResult(answer(request.RequestUri!));
        }
    }

    private sealed class StoreClients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private static (TwilioMediaDownloader Downloader, ScriptedTwilio Twilio) Create(Func<Uri, HttpResponseMessage> answer)
    {
        var options = Options.Create(new TwilioOptions { AccountSid = Account, AuthToken = "token" });
        var twilio = new ScriptedTwilio(answer);
        var api = new HttpClient(new TwilioApiHandler(options) { InnerHandler = twilio });
        return (new TwilioMediaDownloader(api, new StoreClients(twilio), options, NullLogger<TwilioMediaDownloader>.Instance), twilio);
    }

    private static HttpResponseMessage Redirect(string location) => new(HttpStatusCode.Found) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) } };

    private static HttpResponseMessage File() => new(HttpStatusCode.OK)
    {
        Content = new ByteArrayContent(Picture) { Headers = { ContentType = new("image/jpeg") } },
    };

    [Fact]
    public async Task Twilios_redirect_to_its_store_is_followed_without_the_credentials()
    {
        var (downloader, twilio) = Create(url => url.Host == "api.twilio.com" ? Redirect("https://mms.twiliocdn.com/AC1/abc?Expires=1") : File());

        var (content, contentType) = await downloader.DownloadAsync(MediaUrl, Text, 1, CancellationToken.None);

        Assert.Equal(Picture, content);
        Assert.Equal("image/jpeg", contentType);
        Assert.Equal([MediaUrl, "https://mms.twiliocdn.com/AC1/abc?Expires=1"], twilio.Requests.Select(r => r.Url.ToString()));
        Assert.StartsWith("Basic ", twilio.Requests[0].Authorization);
        Assert.Null(twilio.Requests[1].Authorization);
    }

    [Fact]
    public async Task A_redirect_back_to_the_api_host_gets_no_credentials_either()
    {
        var (downloader, twilio) = Create(url => url.AbsolutePath.StartsWith("/2010-04-01/Accounts/") ? Redirect("/media-store/ME1") : File());

        await downloader.DownloadAsync(MediaUrl, Text, 1, CancellationToken.None);

        Assert.Equal("https://api.twilio.com/media-store/ME1", twilio.Requests[1].Url.ToString());
        Assert.Null(twilio.Requests[1].Authorization);
    }

    [Theory]
    [InlineData("https://evil.example/picture.jpg")]
    [InlineData("http://mms.twiliocdn.com/picture.jpg")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("https://user:pw@mms.twiliocdn.com/picture.jpg")]
    public async Task A_redirect_off_Twilios_media_hosts_is_refused_before_any_request(string location)
    {
        var (downloader, twilio) = Create(url => url.Host == "api.twilio.com" ? Redirect(location) : File());

        var refused = await Assert.ThrowsAsync<MediaUnavailableException>(() => downloader.DownloadAsync(MediaUrl, Text, 1, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadGateway, refused.Status);
        Assert.Single(twilio.Requests);
    }

    [Fact]
    public async Task A_redirect_that_leads_on_and_on_is_stopped_after_a_few_hops()
    {
        var hop = 0;
        var (downloader, twilio) = Create(_ => Redirect($"https://mms.twiliocdn.com/hop/{++hop}"));

        var refused = await Assert.ThrowsAsync<MediaUnavailableException>(() => downloader.DownloadAsync(MediaUrl, Text, 1, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadGateway, refused.Status);
        Assert.Equal(TwilioMediaDownloader.MaxRedirects + 1, twilio.Requests.Count);
    }

    [Fact]
    public async Task Another_texts_media_is_refused_before_any_request()
    {
        var (downloader, twilio) = Create(_ => File());

        await Assert.ThrowsAsync<MediaUnavailableException>(() => downloader.DownloadAsync(MediaUrl, "MMffffffffffffffffffffffffffffffff", 1, CancellationToken.None));

        Assert.Empty(twilio.Requests);
    }
}
