using System.Security.Cryptography;
using System.Text.RegularExpressions;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Messaging.Twilio;

/// <summary>One text on the simulator's fake phone.</summary>
public sealed record SimulatorText(long Id, int ConversationId, bool FromTexter, string Body, DateTime CreatedUtc, MessageStatus Status);

/// <summary>What the fake phone shows for one number: its training conversations' texts, oldest first.</summary>
public sealed record SimulatorThread(IReadOnlySet<int> ConversationIds, IReadOnlyList<SimulatorText> Texts);

/// <summary>A webhook exactly as Twilio would post it: where to, the form, and its signature.</summary>
public sealed record SignedWebhook(string PostUrl, string SignedUrl, IReadOnlyList<KeyValuePair<string, string>> Form, string Signature);

/// <summary>A simulator input the trainer must correct. The message is safe to show.</summary>
public sealed class SimulatorInputException(string message) : Exception(message);

/// <summary>
/// The training simulator's Core half. Trainers play a texter: their texts become webhooks signed
/// with the configured Auth Token and marked as training, and they see only training
/// conversations. Only in Simulated mode; ShiftLeads and Admins, or any staff in Development.
/// </summary>
public sealed partial class TrainingSimulator(
    IDbContextFactory<BeFreeDbContext> dbFactory,
    IOptions<TwilioOptions> options,
    IHostEnvironment environment)
{
    public bool IsAvailable => options.Value.IsSimulated;

    /// <summary>Who may use it: leads and admins; in Development any signed-in staff.</summary>
    public IReadOnlyList<string> AllowedRoles => environment.IsDevelopment() ? [] : [StaffRoles.ShiftLead, StaffRoles.Admin];

    public async Task<StaffMember> RequireAccessAsync(string? actorId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await StaffAccess.RequireAsync(db, actorId, cancellationToken, [.. AllowedRoles]);
    }

    /// <summary>A random number in the 555 range that no real texter has.</summary>
    public static string RandomPhoneNumber() => "+1555" + RandomNumberGenerator.GetInt32(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsPhoneNumber(string? value) => value is not null && PhoneNumberPattern().IsMatch(value);

    /// <summary>
    /// Builds the signed webhook for a text from <paramref name="phoneNumber"/>. It goes to the app's
    /// own configured webhook (<see cref="TwilioOptions.PublicBaseUrl"/>) or, when none is configured,
    /// to <paramref name="listeningAddress"/>, the address this server itself listens on: never to a
    /// host named by a browser's request, so nobody can make the server post a signed webhook elsewhere.
    /// </summary>
    public async Task<SignedWebhook> BuildTextAsync(string? actorId, Uri listeningAddress, string phoneNumber, string body, CancellationToken cancellationToken = default)
    {
        await RequireAccessAsync(actorId, cancellationToken);
        var settings = options.Value;
        if (!settings.IsSimulated)
        {
            throw new SimulatorInputException(MessagingMessages.Get("Simulator_NotSimulated"));
        }
        phoneNumber = phoneNumber.Trim();
        if (!IsPhoneNumber(phoneNumber))
        {
            throw new SimulatorInputException(MessagingMessages.Get("Simulator_Phone"));
        }
        if (OutboundMessages.ProblemWithBody(body) is { } problem)
        {
            throw new SimulatorInputException(problem);
        }

        var baseUrl = string.IsNullOrWhiteSpace(settings.PublicBaseUrl) ? listeningAddress.GetLeftPart(UriPartial.Authority) : settings.PublicBaseUrl;
        // Posted where it is signed for: the URL the webhook endpoint rebuilds, as Twilio's would be.
        var postUrl = baseUrl.TrimEnd('/') + TwilioWebhookUrl.SmsPath;
        var signedUrl = postUrl;
        var sid = SimulatedTwilio.NewMessageSid();
        var form = new List<KeyValuePair<string, string>>
        {
            new("ToCountry", "US"),
            new("SmsMessageSid", sid),
            new("NumMedia", "0"),
            new("SmsSid", sid),
            new("SmsStatus", "received"),
            new("Body", body),
            new("FromCountry", "US"),
            new("To", settings.From ?? ""),
            new("NumSegments", "1"),
            new("MessageSid", sid),
            new("AccountSid", settings.AccountSid ?? ""),
            new("From", phoneNumber),
            new("ApiVersion", "2010-04-01"),
            new(InboundSms.TrainingParameter, "1"),
        };
        if (!string.IsNullOrWhiteSpace(settings.MessagingServiceSid))
        {
            form.Add(new("MessagingServiceSid", settings.MessagingServiceSid));
        }
        var signature = TwilioSignature.Compute(signedUrl, form, settings.AuthToken!);
        return new SignedWebhook(postUrl, signedUrl, form, signature);
    }

    /// <summary>The fake phone's screen: the trainer's texts and the replies that reached the phone.</summary>
    public async Task<SimulatorThread> ReadThreadAsync(string? actorId, string phoneNumber, CancellationToken cancellationToken = default)
    {
        await RequireAccessAsync(actorId, cancellationToken);
        phoneNumber = phoneNumber.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversationIds = await db.Conversations.AsNoTracking()
            .Where(c => c.IsTraining && c.Texter.PhoneNumber == phoneNumber)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var texts = await db.Messages.AsNoTracking()
            .Where(m => conversationIds.Contains(m.ConversationId))
            .Where(m => m.Direction == MessageDirection.Inbound
                || m.Status == MessageStatus.Sent || m.Status == MessageStatus.Delivered || m.Status == MessageStatus.Read)
            .OrderBy(m => m.CreatedUtc).ThenBy(m => m.Id)
            .Select(m => new SimulatorText(m.Id, m.ConversationId, m.Direction == MessageDirection.Inbound, m.Body, m.CreatedUtc, m.Status))
            .ToListAsync(cancellationToken);
        return new SimulatorThread(conversationIds.ToHashSet(), texts);
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex PhoneNumberPattern();
}
