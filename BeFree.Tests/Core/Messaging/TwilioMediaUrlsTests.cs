using BeFree.Core.Messaging.Twilio;

namespace BeFree.Tests.Core.Messaging;

/// <summary>Which media addresses BeFree fetches, and where it follows Twilio's redirects.</summary>
public sealed class TwilioMediaUrlsTests
{
    private const string Account = "AC0123456789abcdef0123456789abcdef";
    private const string Text = "MM0123456789abcdef0123456789abcdef";
    private const string Media = "ME0123456789abcdef0123456789abcdef";
    private const string Api = TwilioOptions.DefaultApiBaseUrl;
    private const string Good = $"https://api.twilio.com/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}";

    [Theory]
    [InlineData(Good, true)]
    [InlineData($"https://API.twilio.com/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}", true)]
    [InlineData($"http://api.twilio.com/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}", false)]
    [InlineData($"https://api.twilio.com:8443/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}", false)]
    [InlineData($"https://api.twilio.com.example.org/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}", false)]
    [InlineData($"https://user:pw@api.twilio.com/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}", false)]
    [InlineData($"https://media.twiliocdn.com/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}", false)]
    [InlineData($"/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}", false)]
    [InlineData($"https://api.twilio.com/2010-04-01/Accounts/ACffffffffffffffffffffffffffffffff/Messages/{Text}/Media/{Media}", false)]
    [InlineData($"https://api.twilio.com/2010-04-01/Accounts/{Account}/Messages/MMffffffffffffffffffffffffffffffff/Media/{Media}", false)]
    [InlineData($"https://api.twilio.com/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}.json", false)]
    [InlineData($"https://api.twilio.com/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}?x=1", false)]
    [InlineData($"https://api.twilio.com/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/../../../Calls", false)]
    [InlineData($"https://api.twilio.com/2010-04-01/Accounts/{Account}/Messages/{Text}", false)]
    [InlineData($"https://api.twilio.com/2010-04-01/Accounts/{Account}/Recordings/RE0123456789abcdef0123456789abcdef", false)]
    [InlineData("https://api.twilio.com/x", false)]
    public void Only_this_accounts_media_of_this_text_on_the_api_host_is_fetched(string url, bool fetched)
        => Assert.Equal(fetched ? Media : null, TwilioMediaUrls.AccountMediaSid(url, Api, Account, Text));

    [Fact]
    public void The_api_base_path_of_a_fake_or_edge_is_part_of_the_media_path()
    {
        const string api = "http://127.0.0.1:5123/twilio";
        Assert.Equal(Media, TwilioMediaUrls.AccountMediaSid($"{api}/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}", api, Account, Text));
        Assert.Null(TwilioMediaUrls.AccountMediaSid($"http://127.0.0.1:5123/2010-04-01/Accounts/{Account}/Messages/{Text}/Media/{Media}", api, Account, Text));
    }

    [Fact]
    public void Nothing_is_fetched_without_an_account_or_a_text()
    {
        Assert.Null(TwilioMediaUrls.AccountMediaSid(Good, Api, null, Text));
        Assert.Null(TwilioMediaUrls.AccountMediaSid(Good, Api, Account, null));
    }

    [Theory]
    [InlineData("https://mms.twiliocdn.com/AC1/abc?Expires=1", true)]
    [InlineData("https://media.twiliocdn.com/abc", true)]
    [InlineData("https://s3-external-1.amazonaws.com/media.twiliocdn.com/AC1/abc", true)]
    [InlineData("https://api.twilio.com/2010-04-01/anything", true)]
    [InlineData("http://mms.twiliocdn.com/abc", false)]
    [InlineData("https://mms.twiliocdn.com:8443/abc", false)]
    [InlineData("https://mms.twiliocdn.com.evil.example/abc", false)]
    [InlineData("https://evil.example/mms.twiliocdn.com/abc", false)]
    [InlineData("https://s3.amazonaws.com/someone-elses-bucket/abc", false)]
    [InlineData("https://user@mms.twiliocdn.com/abc", false)]
    [InlineData("http://169.254.169.254/latest/meta-data", false)]
    [InlineData("http://localhost/media-store/ME1", false)]
    public void Redirects_are_followed_only_to_Twilios_media_stores(string target, bool followed)
        => Assert.Equal(followed, TwilioMediaUrls.IsAllowedRedirect(new Uri(target), Api, TwilioOptions.DefaultMediaHosts));

    [Fact]
    public void A_configured_list_replaces_the_stores_but_the_api_host_stays()
    {
        string[] hosts = ["https://media.example-edge.org"];
        Assert.True(TwilioMediaUrls.IsAllowedRedirect(new Uri("https://media.example-edge.org/x"), Api, hosts));
        Assert.False(TwilioMediaUrls.IsAllowedRedirect(new Uri("https://mms.twiliocdn.com/x"), Api, hosts));
        Assert.True(TwilioMediaUrls.IsAllowedRedirect(new Uri("https://api.twilio.com/x"), Api, hosts));
    }
}
