using System.Security.Cryptography;
using System.Text;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Twilio;
using Twilio.Security;

namespace BeFree.Tests.Core.Messaging;

public sealed class TwilioSignatureTests
{
    // Twilio's published example (security docs and every official helper library's tests).
    private const string DocumentedToken = "12345";
    private const string DocumentedUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string DocumentedSignature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static List<KeyValuePair<string, string>> DocumentedParameters() =>
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+14158675309"),
        new("Digits", "1234"),
        new("From", "+14158675309"),
        new("To", "+18005551212"),
    ];

    // The same example as Twilio's "Validating requests" page shows it today (other phone numbers).
    private const string CurrentDocumentedSignature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private static List<KeyValuePair<string, string>> CurrentDocumentedParameters() =>
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+12349013030"),
        new("Digits", "1234"),
        new("From", "+12349013030"),
        new("To", "+18005551212"),
    ];

    private const string Token = "0123456789abcdef0123456789abcdef";
    private const string SmsUrl = "https://befree.example.org/twilio/sms";

    private static List<KeyValuePair<string, string>> SmsForm() =>
    [
        new("MessageSid", "SM0123456789abcdef0123456789abcdef"),
        new("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        new("From", "+15551230001"),
        new("To", "233733"),
        new("Body", "I need help"),
        new("NumMedia", "0"),
    ];

    private static string SignedSms(List<KeyValuePair<string, string>>? form = null, string url = SmsUrl, string token = Token)
        => TwilioSignature.Compute(url, form ?? SmsForm(), token);

    [Fact]
    public void Twilio_documented_example_is_accepted()
    {
        Assert.Equal(DocumentedSignature, TwilioSignature.Compute(DocumentedUrl, DocumentedParameters(), DocumentedToken));
        Assert.True(TwilioSignature.IsValid(DocumentedUrl, DocumentedParameters(), DocumentedToken, DocumentedSignature));
    }

    [Fact]
    public void Twilio_current_documented_example_is_accepted_and_tampering_with_it_is_not()
    {
        Assert.True(TwilioSignature.IsValid(DocumentedUrl, CurrentDocumentedParameters(), DocumentedToken, CurrentDocumentedSignature));
        Assert.Equal(CurrentDocumentedSignature, TwilioSignature.Compute(DocumentedUrl, CurrentDocumentedParameters(), DocumentedToken));

        var tampered = CurrentDocumentedParameters();
        tampered[2] = new("Digits", "1235");
        Assert.False(TwilioSignature.IsValid(DocumentedUrl, tampered, DocumentedToken, CurrentDocumentedSignature));
        Assert.False(TwilioSignature.IsValid(DocumentedUrl + "&baz=3", CurrentDocumentedParameters(), DocumentedToken, CurrentDocumentedSignature));
        Assert.False(TwilioSignature.IsValid(DocumentedUrl, CurrentDocumentedParameters(), "12346", CurrentDocumentedSignature));
    }

    [Fact]
    public void Twilios_request_validator_accepts_what_the_simulator_signs()
    {
        // The simulated Twilio signs with Compute; the webhooks check with Twilio's library.
        var validator = new RequestValidator(Token);
        var form = SmsForm().ToDictionary(p => p.Key, p => p.Value);
        Assert.True(validator.Validate(SmsUrl, form, SignedSms()));
        Assert.False(validator.Validate(SmsUrl, form, SignedSms(token: "another-token-of-the-same-length!")));
        Assert.True(new RequestValidator(DocumentedToken).Validate(DocumentedUrl, CurrentDocumentedParameters().ToDictionary(p => p.Key, p => p.Value), CurrentDocumentedSignature));
    }

    [Fact]
    public void Twilios_request_validator_alone_does_not_drop_an_explicit_default_port()
    {
        // RequestValidator tries the URL verbatim, then adds the default port when .NET sees none
        // (":443" written out counts as none) or removes a non-default one. So a URL rebuilt with
        // ":443" fails against Twilio's port-less signature; IsValid also tries the port removed.
        var withPort = "https://befree.example.org:443/twilio/sms";
        var form = SmsForm().ToDictionary(p => p.Key, p => p.Value);
        Assert.False(new RequestValidator(Token).Validate(withPort, form, SignedSms()));
        Assert.True(new RequestValidator(Token).Validate(SmsUrl, form, SignedSms(url: withPort)));
        Assert.True(TwilioSignature.IsValid(withPort, SmsForm(), Token, SignedSms()));
    }

    [Fact]
    public void A_url_that_is_not_absolute_is_rejected_rather_than_thrown()
        => Assert.False(TwilioSignature.IsValid("not a url", SmsForm(), Token, SignedSms()));

    [Fact]
    public void Parameter_order_in_the_request_does_not_matter()
    {
        var shuffled = DocumentedParameters();
        shuffled.Reverse();
        Assert.True(TwilioSignature.IsValid(DocumentedUrl, shuffled, DocumentedToken, DocumentedSignature));
    }

    [Fact]
    public void Repeated_parameter_names_count_each_distinct_value_once_in_order_as_twilio_does()
    {
        List<KeyValuePair<string, string>> repeated =
        [
            new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", "5678"), new("Digits", "1234"), new("Digits", "1234"),
        ];
        Assert.True(TwilioSignature.IsValid(DocumentedUrl, repeated, DocumentedToken, "IK+Dwps556ElfBT0I3Rgjkr1wJU="));
    }

    [Fact]
    public void A_valid_sms_signature_is_accepted()
        => Assert.True(TwilioSignature.IsValid(SmsUrl, SmsForm(), Token, SignedSms()));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_signature_header_is_rejected(string? header)
        => Assert.False(TwilioSignature.IsValid(SmsUrl, SmsForm(), Token, header));

    [Fact]
    public void Altered_body_is_rejected()
    {
        var signature = SignedSms();
        var altered = SmsForm();
        altered[4] = new("Body", "I need help now");
        Assert.False(TwilioSignature.IsValid(SmsUrl, altered, Token, signature));
    }

    [Fact]
    public void Added_parameter_is_rejected()
    {
        var signature = SignedSms();
        var added = SmsForm();
        added.Add(new(InboundSms.TrainingParameter, "1"));
        Assert.False(TwilioSignature.IsValid(SmsUrl, added, Token, signature));
    }

    [Fact]
    public void Removed_parameter_is_rejected()
    {
        var signature = SignedSms();
        var removed = SmsForm();
        removed.RemoveAt(5);
        Assert.False(TwilioSignature.IsValid(SmsUrl, removed, Token, signature));
    }

    [Fact]
    public void Swapping_values_between_parameters_is_rejected()
    {
        var signature = SignedSms();
        var swapped = SmsForm();
        (swapped[2], swapped[3]) = (new("From", swapped[3].Value), new("To", swapped[2].Value));
        Assert.False(TwilioSignature.IsValid(SmsUrl, swapped, Token, signature));
    }

    [Fact]
    public void Another_host_is_rejected()
        => Assert.False(TwilioSignature.IsValid("https://attacker.example.net/twilio/sms", SmsForm(), Token, SignedSms()));

    [Fact]
    public void Http_instead_of_https_is_rejected()
        => Assert.False(TwilioSignature.IsValid("http://befree.example.org/twilio/sms", SmsForm(), Token, SignedSms()));

    [Fact]
    public void Replay_to_another_path_is_rejected()
        => Assert.False(TwilioSignature.IsValid("https://befree.example.org/twilio/status", SmsForm(), Token, SignedSms()));

    [Fact]
    public void Added_query_string_is_rejected()
        => Assert.False(TwilioSignature.IsValid(SmsUrl + "?x=1", SmsForm(), Token, SignedSms()));

    [Fact]
    public void Wrong_token_is_rejected()
        => Assert.False(TwilioSignature.IsValid(SmsUrl, SmsForm(), Token, SignedSms(token: "another-token-of-the-same-length!")));

    [Fact]
    public void Empty_token_is_rejected_even_with_a_signature_made_with_an_empty_key()
    {
        var data = new StringBuilder(SmsUrl);
        foreach (var (name, value) in SmsForm().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        var emptyKeySignature = Convert.ToBase64String(HMACSHA1.HashData(Array.Empty<byte>(), Encoding.UTF8.GetBytes(data.ToString())));
        Assert.False(TwilioSignature.IsValid(SmsUrl, SmsForm(), "", emptyKeySignature));
        Assert.False(TwilioSignature.IsValid(SmsUrl, SmsForm(), null, emptyKeySignature));
    }

    [Theory]
    // Signed without a port, requested with one (Twilio's own vectors).
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    // Signed with the default port, requested without it.
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")]
    // Host case as given.
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "PCqOZm8cnu/L6+u5i5fuEd+Iac4=")]
    public void Port_variants_are_accepted(string requestedUrl, string signature)
        => Assert.True(TwilioSignature.IsValid(requestedUrl, DocumentedParameters(), DocumentedToken, signature));

    [Fact]
    public void Port_variants_of_our_own_url_are_accepted_both_ways()
    {
        var withPort = "https://befree.example.org:443/twilio/sms";
        Assert.True(TwilioSignature.IsValid(withPort, SmsForm(), Token, SignedSms()));
        Assert.True(TwilioSignature.IsValid(SmsUrl, SmsForm(), Token, SignedSms(url: withPort)));
        Assert.False(TwilioSignature.IsValid("https://befree.example.org:8443/twilio/sms", SmsForm(), Token, SignedSms(url: "https://befree.example.org:9443/twilio/sms")));
    }

    [Fact]
    public void Public_base_url_behind_a_proxy_rebuilds_the_signed_url()
    {
        // Twilio signed the public https address; the app behind the proxy sees plain http on another host.
        var signature = SignedSms(url: "https://befree.example.org/twilio/sms");
        var rebuilt = TwilioWebhookUrl.Rebuild("https://befree.example.org/", "http", "10.0.0.5:8080", "", "/twilio/sms", "");
        Assert.Equal("https://befree.example.org/twilio/sms", rebuilt);
        Assert.True(TwilioSignature.IsValid(rebuilt, SmsForm(), Token, signature));

        var asSeenByTheApp = TwilioWebhookUrl.Rebuild(null, "http", "10.0.0.5:8080", "", "/twilio/sms", "");
        Assert.False(TwilioSignature.IsValid(asSeenByTheApp, SmsForm(), Token, signature));
    }

    [Theory]
    [InlineData("https://h.example/p", new[] { "https://h.example/p", "https://h.example:443/p" })]
    [InlineData("http://h.example:8080/p?q=1", new[] { "http://h.example:8080/p?q=1", "http://h.example/p?q=1" })]
    [InlineData("https://user:pw@h.example/p", new[] { "https://user:pw@h.example/p", "https://user:pw@h.example:443/p" })]
    [InlineData("http://[::1]:5080/twilio/sms", new[] { "http://[::1]:5080/twilio/sms", "http://[::1]/twilio/sms" })]
    [InlineData("http://[::1]/twilio/sms", new[] { "http://[::1]/twilio/sms", "http://[::1]:80/twilio/sms" })]
    public void Url_variants_toggle_only_the_port(string url, string[] expected)
        => Assert.Equal(expected, TwilioSignature.UrlVariants(url).ToArray());
}
