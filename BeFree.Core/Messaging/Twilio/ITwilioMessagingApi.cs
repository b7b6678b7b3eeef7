using BeFree.Core.Conversations;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>One text for Twilio to send; <see cref="MessageId"/> and <see cref="ConversationId"/> go into its status callback URL.</summary>
public sealed record OutboundSms(long MessageId, string To, string Body, int? ConversationId = null);

/// <summary>What Twilio said to a send request.</summary>
public abstract record TwilioSendResult
{
    /// <summary>Twilio took it and named it <paramref name="Sid"/>.</summary>
    public sealed record Accepted(string Sid, MessageStatus? Status) : TwilioSendResult;

    /// <summary>
    /// Try again later. <paramref name="MayHaveBeenAccepted"/> is false only for a definite no (429,
    /// or no connection was made, so nothing was sent); after a 5xx, a timeout or a broken connection
    /// Twilio may have the text, and the sender must ask Twilio before sending it again.
    /// </summary>
    public sealed record Retryable(string Reason, string? ErrorCode, TimeSpan? RetryAfter, bool MayHaveBeenAccepted) : TwilioSendResult;

    /// <summary>Twilio refused it for good (a 4xx); the code and message are shown to the advocate.</summary>
    public sealed record Rejected(string ErrorCode, string Message) : TwilioSendResult;
}

/// <summary>A text Twilio holds, found by <see cref="ITwilioMessagingApi.FindSentAsync"/>.</summary>
public sealed record TwilioSentMessage(string Sid, MessageStatus? Status, DateTime? CreatedUtc);

/// <summary>What Twilio said when asked whether it has a text.</summary>
public abstract record TwilioLookupResult
{
    /// <summary>Twilio answered: these of its texts match (none means Twilio definitely does not have it).</summary>
    public sealed record Answered(IReadOnlyList<TwilioSentMessage> Matches) : TwilioLookupResult;

    /// <summary>Twilio could not be asked: whether it has the text cannot be known now.</summary>
    public sealed record Failed(string Reason) : TwilioLookupResult;
}

/// <summary>Twilio's Messages API: the REST client in Live mode, <see cref="SimulatedTwilio"/> in Simulated mode.</summary>
public interface ITwilioMessagingApi
{
    Task<TwilioSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken);

    /// <summary>
    /// Twilio's texts to <see cref="OutboundSms.To"/> from our number with the same body, created since
    /// <paramref name="attemptedUtc"/> (less some clock skew): did an earlier send reach Twilio after all?
    /// </summary>
    Task<TwilioLookupResult> FindSentAsync(OutboundSms sms, DateTime attemptedUtc, CancellationToken cancellationToken);

    /// <summary>Called once the SID is stored, so delivery reports about it can be matched.</summary>
    void OnSidRecorded(string sid)
    {
    }
}

/// <summary>Twilio error codes BeFree acts on or explains.</summary>
public static class TwilioErrorCodes
{
    /// <summary>The recipient has unsubscribed (replied STOP at the carrier or Twilio level).</summary>
    public const string Unsubscribed = "21610";

    public static string Describe(string? code, string? twilioMessage = null) => code switch
    {
        Unsubscribed => "The texter has unsubscribed from this number; nothing more can be sent to them.",
        "21211" => "Twilio says the texter's number is not a valid phone number.",
        "21408" => "Twilio cannot send to this region with the current account settings.",
        "21614" => "The texter's number cannot receive texts (not a mobile number).",
        "30003" => "The texter's phone is unreachable (off or out of coverage).",
        "30004" => "The message was blocked by the texter's carrier or phone.",
        "30005" => "The texter's number is unknown to the carrier or no longer exists.",
        "30006" => "The texter's number is a landline or cannot receive texts.",
        "30007" => "The carrier filtered the message.",
        "30008" => "Twilio reported an unknown delivery error.",
        _ => string.IsNullOrWhiteSpace(twilioMessage) ? $"Twilio error {code}." : $"Twilio error {code}: {twilioMessage}",
    };
}
