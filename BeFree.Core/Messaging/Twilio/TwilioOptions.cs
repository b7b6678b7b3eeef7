using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using BeFree.Core.Conversations;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>The automatic texts BeFree sends without an advocate.</summary>
public enum AutomaticTextKind
{
    FirstContact,
    Info,
    OptOut,
    OptIn,
    WaitNotice,
}

public enum TwilioMode
{
    /// <summary>Real texts through Twilio's REST API; webhooks come from Twilio.</summary>
    Live,
    /// <summary>Nothing leaves the building: a simulated Twilio "sends" replies and the simulator page plays the texter.</summary>
    Simulated,
}

/// <summary>Section <c>Twilio</c>. Development defaults to <see cref="TwilioMode.Simulated"/>, everything else to Live.</summary>
public sealed class TwilioOptions : IValidatableObject
{
    public const string Section = "Twilio";
    public const string DefaultApiBaseUrl = "https://api.twilio.com";
    /// <summary>Twilio takes at most 10 attachments on one text.</summary>
    public const int MaxMediaPerMessage = 10;

    public TwilioMode Mode { get; set; } = TwilioMode.Live;

    [StringLength(64)]
    public string? AccountSid { get; set; }
    [StringLength(128)]
    public string? AuthToken { get; set; }
    /// <summary>The short code or number replies are sent from (or use <see cref="MessagingServiceSid"/>).</summary>
    [StringLength(32)]
    public string? From { get; set; }
    [StringLength(64)]
    public string? MessagingServiceSid { get; set; }

    /// <summary>
    /// The public base URL of the app as Twilio calls it (https, through any proxy or tunnel). The
    /// signed URL of a webhook is rebuilt from it; status callbacks point at it.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Twilio's REST base. Tests point it at a local fake.</summary>
    [Required]
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Sent once to the first text of a new conversation. Empty: none.</summary>
    [StringLength(1600)]
    public string? FirstContactReply { get; set; } =
        "You reached BeFree. An advocate will text you shortly. If you are in immediate danger call 911.";

    /// <summary>Reply to HELP or INFO.</summary>
    [StringLength(1600)]
    public string? InfoReply { get; set; } =
        "BeFree: confidential help for people in trafficking situations. Call the National Human Trafficking Hotline 1-888-373-7888 (24/7). If you are in immediate danger call 911. Text STOP to opt out.";

    /// <summary>The one confirmation of STOP: the last text BeFree sends until START.</summary>
    [StringLength(1600)]
    public string? OptOutReply { get; set; } =
        "BeFree: you will not receive more texts from us. Text START to talk to us again. If you are in immediate danger call 911.";

    [StringLength(1600)]
    public string? OptInReply { get; set; } =
        "BeFree: you can text us again. An advocate will text you shortly. Text STOP to opt out.";

    /// <summary>
    /// Sent once per wait when a texter has waited <c>Conversations:WaitNoticeMinutes</c> in the queue.
    /// Empty: none.
    /// </summary>
    [StringLength(1600)]
    public string? WaitNoticeReply { get; set; } =
        "BeFree: thank you for waiting. An advocate will answer you soon. If you are in immediate danger call 911.";

    // The same automatic texts for conversations in Spanish. Empty: the English one is sent.
    [StringLength(1600)]
    public string? SpanishFirstContactReply { get; set; } =
        "Se comunicó con BeFree. Una persona de nuestro equipo le escribirá en breve. Si está en peligro inmediato, llame al 911.";

    [StringLength(1600)]
    public string? SpanishInfoReply { get; set; } =
        "BeFree: ayuda confidencial para personas en situación de trata. Llame a la Línea Nacional contra la Trata de Personas 1-888-373-7888 (24/7). Si está en peligro inmediato, llame al 911. Envíe PARAR o STOP para no recibir más mensajes.";

    [StringLength(1600)]
    public string? SpanishOptOutReply { get; set; } =
        "BeFree: no recibirá más mensajes nuestros. Envíe COMENZAR o START para volver a hablar con nosotros. Si está en peligro inmediato, llame al 911.";

    [StringLength(1600)]
    public string? SpanishOptInReply { get; set; } =
        "BeFree: puede volver a escribirnos. Una persona de nuestro equipo le escribirá en breve. Envíe PARAR o STOP para no recibir más mensajes.";

    [StringLength(1600)]
    public string? SpanishWaitNoticeReply { get; set; } =
        "BeFree: gracias por esperar. Una persona de nuestro equipo le responderá pronto. Si está en peligro inmediato, llame al 911.";

    /// <summary>
    /// The automatic text of this kind in the conversation's language: the Spanish one when set,
    /// else the English one. Null or blank: none is sent. An empty English text turns the kind off
    /// in every language (the Spanish defaults must not revive a text an install switched off).
    /// </summary>
    public string? AutomaticText(AutomaticTextKind kind, ConversationLanguage language)
    {
        var (english, spanish) = kind switch
        {
            AutomaticTextKind.FirstContact => (FirstContactReply, SpanishFirstContactReply),
            AutomaticTextKind.Info => (InfoReply, SpanishInfoReply),
            AutomaticTextKind.OptOut => (OptOutReply, SpanishOptOutReply),
            AutomaticTextKind.OptIn => (OptInReply, SpanishOptInReply),
            AutomaticTextKind.WaitNotice => (WaitNoticeReply, SpanishWaitNoticeReply),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        if (string.IsNullOrWhiteSpace(english))
        {
            return null;
        }
        return language == ConversationLanguage.Spanish && !string.IsNullOrWhiteSpace(spanish) ? spanish : english;
    }

    /// <summary>Attempts before an outbound text is marked failed (429, 5xx and network errors are retried).</summary>
    [Range(1, 100)]
    public int MaxSendAttempts { get; set; } = 8;

    /// <summary>
    /// Texts sent at once, each to a different conversation (a conversation's texts still go one
    /// after another, in order). Their database writes share transactions, and Twilio's answer
    /// time overlaps; 1 sends one text at a time.
    /// </summary>
    [Range(1, 64)]
    public int SendConcurrency { get; set; } = 8;
    /// <summary>Delay before the first retry; doubles each attempt up to <see cref="RetryMaxDelayMilliseconds"/>.</summary>
    [Range(1, 3_600_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 2_000;
    [Range(1, 3_600_000)]
    public int RetryMaxDelayMilliseconds { get; set; } = 300_000;
    /// <summary>
    /// How long a sender owns a message it is sending. If the instance dies mid-send another
    /// picks it up after this, so it must exceed <see cref="RequestTimeoutSeconds"/>.
    /// </summary>
    [Range(1, 3600)]
    public int SendLeaseSeconds { get; set; } = 120;
    [Range(1, 300)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Simulated mode: delay between "sent" and "delivered".</summary>
    [Range(0, 60_000)]
    public int SimulatedDeliveryDelayMilliseconds { get; set; } = 400;

    public bool IsSimulated => Mode == TwilioMode.Simulated;

    /// <summary>
    /// Where Twilio's media URLs may redirect to, as origins (<c>https://host</c>). Only these and
    /// the API host are ever fetched, and only the API host gets the account's credentials.
    /// Empty: Twilio's own stores (<see cref="DefaultMediaHosts"/>).
    /// </summary>
    public string[]? MediaHosts { get; set; }

    /// <summary>Twilio's media stores: the authenticated CDN, its older name, and the public bucket of media made before HTTP auth.</summary>
    public static readonly IReadOnlyList<string> DefaultMediaHosts =
        ["https://mms.twiliocdn.com", "https://media.twiliocdn.com", "https://s3-external-1.amazonaws.com"];

    public IReadOnlyList<string> EffectiveMediaHosts => MediaHosts is { Length: > 0 } hosts ? hosts : DefaultMediaHosts;

    /// <summary>
    /// Live mode: once BeFree holds its own encrypted copy of a text's attachments, delete the text
    /// and its media at Twilio (outbound texts once they reach a final status). Ignored when Simulated.
    /// </summary>
    public bool DeleteAfterIngest { get; set; } = true;

    /// <summary>Twilio refuses to delete a text it is still processing (error 20009); deletion waits this long after the text.</summary>
    [Range(0, 86_400)]
    public int DeleteDelaySeconds { get; set; } = 120;
    /// <summary>Failed copy or delete attempts before the item waits for an admin's retry.</summary>
    [Range(1, 1000)]
    public int DeleteMaxAttempts { get; set; } = 12;
    /// <summary>Delay before the first retry of a failed copy or delete; doubles each attempt up to <see cref="DeleteRetryMaxDelayMilliseconds"/>.</summary>
    [Range(1, 86_400_000)]
    public int DeleteRetryBaseDelayMilliseconds { get; set; } = 30_000;
    [Range(1, 86_400_000)]
    public int DeleteRetryMaxDelayMilliseconds { get; set; } = 3_600_000;
    /// <summary>How long a server owns a deletion it works on; another takes it over after this if that server died.</summary>
    [Range(1, 3600)]
    public int DeleteLeaseSeconds { get; set; } = 600;

    /// <summary>True when texts and media are deleted at Twilio: Live mode with <see cref="DeleteAfterIngest"/>.</summary>
    public bool DeletesAtTwilio => !IsSimulated && DeleteAfterIngest;


    /// <summary>HTTP Basic auth with the account's SID and token: Twilio's REST API and its media URLs ask for it.</summary>
    public AuthenticationHeaderValue BasicAuthorization()
        => new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("Twilio:ApiBaseUrl must be an absolute http(s) URL.", [nameof(ApiBaseUrl)]);
        }
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Twilio:PublicBaseUrl must be an absolute URL such as https://befree.example.org.", [nameof(PublicBaseUrl)]);
        }
        if (Mode == TwilioMode.Live)
        {
            if (string.IsNullOrWhiteSpace(AccountSid))
            {
                yield return new ValidationResult("Twilio:AccountSid is required in Live mode.", [nameof(AccountSid)]);
            }
            if (string.IsNullOrWhiteSpace(AuthToken))
            {
                yield return new ValidationResult("Twilio:AuthToken is required in Live mode.", [nameof(AuthToken)]);
            }
            if (string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(MessagingServiceSid))
            {
                yield return new ValidationResult("Twilio:From or Twilio:MessagingServiceSid is required in Live mode.", [nameof(From)]);
            }
        }
        if (RetryMaxDelayMilliseconds < RetryBaseDelayMilliseconds)
        {
            yield return new ValidationResult("Twilio:RetryMaxDelayMilliseconds must not be below RetryBaseDelayMilliseconds.", [nameof(RetryMaxDelayMilliseconds)]);
        }
        foreach (var host in MediaHosts ?? [])
        {
            if (!Uri.TryCreate(host, UriKind.Absolute, out var origin) || (origin.Scheme != Uri.UriSchemeHttps && origin.Scheme != Uri.UriSchemeHttp)
                || origin.AbsolutePath != "/" || !string.IsNullOrEmpty(origin.Query) || !string.IsNullOrEmpty(origin.UserInfo))
            {
                yield return new ValidationResult($"Twilio:MediaHosts entries must be origins such as https://mms.twiliocdn.com (got '{host}').", [nameof(MediaHosts)]);
            }
        }
        if (DeleteRetryMaxDelayMilliseconds < DeleteRetryBaseDelayMilliseconds)
        {
            yield return new ValidationResult("Twilio:DeleteRetryMaxDelayMilliseconds must not be below DeleteRetryBaseDelayMilliseconds.", [nameof(DeleteRetryMaxDelayMilliseconds)]);
        }
        if (DeleteLeaseSeconds <= RequestTimeoutSeconds * (MaxMediaPerMessage + 2))
        {
            yield return new ValidationResult("Twilio:DeleteLeaseSeconds must exceed RequestTimeoutSeconds times 12 (a copy and deletion of a text with 10 attachments), or two servers could work one deletion.", [nameof(DeleteLeaseSeconds)]);
        }
        if (SendLeaseSeconds <= RequestTimeoutSeconds)
        {
            yield return new ValidationResult("Twilio:SendLeaseSeconds must exceed RequestTimeoutSeconds, or a slow send could be sent twice.", [nameof(SendLeaseSeconds)]);
        }
    }
}

/// <summary>
/// Defaults that depend on the environment: Development runs Simulated unless told otherwise.
/// In Simulated mode missing credentials are made up once per process (the simulator signs its
/// webhooks with the same token, so validation still runs).
/// </summary>
internal sealed class TwilioOptionsDefaults(IHostEnvironment environment) : IConfigureOptions<TwilioOptions>, IPostConfigureOptions<TwilioOptions>
{
    private static readonly string ProcessAuthToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private static readonly string ProcessAccountSid = "AC" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Runs before binding, so a configured Mode wins.</summary>
    public void Configure(TwilioOptions options)
        => options.Mode = environment.IsDevelopment() ? TwilioMode.Simulated : TwilioMode.Live;

    public void PostConfigure(string? name, TwilioOptions options)
    {
        if (options.Mode != TwilioMode.Simulated)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(options.AuthToken))
        {
            options.AuthToken = ProcessAuthToken;
        }
        if (string.IsNullOrWhiteSpace(options.AccountSid))
        {
            options.AccountSid = ProcessAccountSid;
        }
        if (string.IsNullOrWhiteSpace(options.From) && string.IsNullOrWhiteSpace(options.MessagingServiceSid))
        {
            options.From = "233733";
        }
    }
}
