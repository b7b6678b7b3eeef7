using System.Globalization;

namespace BeFree.Core.Conversations;

public enum ContactVerdict
{
    Allowed,
    /// <summary>Nobody may send: the texter opted out (STOP).</summary>
    Refused,
    /// <summary>Only a shift lead may send, with a recorded reason.</summary>
    NeedsLeadOverride,
}

/// <summary>The rules that can stop a reply.</summary>
public enum ContactRule
{
    OptedOut,
    DoNotTextBack,
    OutsideSafeWindow,
    /// <summary>Safe hours are set but cannot be checked (no or unknown time zone, half a window).</summary>
    SafeWindowUncheckable,
}

/// <summary>
/// The flags the rules read, taken from <see cref="Texter"/>, and when the texter last wrote to
/// the hotline (any conversation): do-not-text-back allows a reply only for a while after that.
/// </summary>
public sealed record ContactFlags(bool IsOptedOut, bool DoNotTextBack, TimeOnly? SafeWindowStart, TimeOnly? SafeWindowEnd, string? TimeZoneId,
    DateTime? LastInboundUtc = null)
{
    public static ContactFlags From(Texter texter, DateTime? lastInboundUtc)
        => new(texter.IsOptedOut, texter.DoNotTextBack, texter.SafeWindowStart, texter.SafeWindowEnd, texter.TimeZoneId, lastInboundUtc);
}

/// <summary>One sentence of a contact decision's reason: a <see cref="ConversationMessages"/> key and its values.</summary>
public sealed record ContactReason(string Key, params object[] Values)
{
    public string Text => ConversationMessages.Get(Key, Values);

    public string EnglishText => ConversationMessages.English(Key, Values);
}

/// <summary>
/// The verdict, the rules that applied, and the reasons. <see cref="Overridden"/> says a
/// shift lead's recorded reason set the rules aside. <see cref="Reason"/> is worded when it is read, in the
/// reader's language (a decision made on one screen reads right on another); <see cref="EnglishReason"/> is for
/// what is stored on a message.
/// </summary>
public sealed record ContactDecision(ContactVerdict Verdict, IReadOnlyList<ContactReason> Reasons, IReadOnlyList<ContactRule> Rules, bool Overridden = false)
{
    public bool IsAllowed => Verdict == ContactVerdict.Allowed;

    /// <summary>Why, in the reader's language; null when no rule applies.</summary>
    public string? Reason => Reasons.Count == 0 ? null : string.Join(" ", Reasons.Select(r => r.Text));

    /// <summary>Why, in English: stored on a held message (<see cref="Message.ErrorMessage"/>).</summary>
    public string? EnglishReason => Reasons.Count == 0 ? null : string.Join(" ", Reasons.Select(r => r.EnglishText));

    /// <summary>Do-not-text-back is on and the texter wrote recently: a reply is allowed until then (UTC).</summary>
    public DateTime? ReplyAllowedUntilUtc { get; init; }

    /// <summary>Do-not-text-back is on: when the texter last wrote (UTC), null if never.</summary>
    public DateTime? TexterLastWroteUtc { get; init; }
}

/// <summary>
/// Whether a text may go to a texter now. Pure: the caller passes the flags, the instant, how long
/// after the texter's latest text a do-not-text-back reply is allowed and, only for a shift lead,
/// the reason they gave to override. An opt-out (STOP) can never be overridden.
/// </summary>
public static class ContactSafetyPolicy
{
    public static ContactDecision Evaluate(ContactFlags flags, DateTimeOffset now, TimeSpan doNotTextBackReplyWindow, string? leadOverrideReason = null)
    {
        if (flags.IsOptedOut)
        {
            return new ContactDecision(ContactVerdict.Refused, [new ContactReason("Contact_OptedOut")], [ContactRule.OptedOut]);
        }

        var rules = new List<ContactRule>();
        var reasons = new List<ContactReason>();
        DateTime? replyAllowedUntil = null;
        if (flags.DoNotTextBack)
        {
            replyAllowedUntil = flags.LastInboundUtc + doNotTextBackReplyWindow;
            if (replyAllowedUntil is not { } until || now.UtcDateTime >= until)
            {
                replyAllowedUntil = null;
                rules.Add(ContactRule.DoNotTextBack);
                var minutes = (int)Math.Round(doNotTextBackReplyWindow.TotalMinutes);
                reasons.Add(flags.LastInboundUtc is { } last
                    ? new ContactReason("Contact_DoNotTextBackSince", last.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), minutes)
                    : new ContactReason("Contact_DoNotTextBackNever", minutes));
            }
        }
        var window = CheckWindow(flags, now);
        if (window is not null)
        {
            rules.Add(window.Value.Rule);
            reasons.Add(window.Value.Reason);
        }

        var texterLastWrote = flags.DoNotTextBack ? flags.LastInboundUtc : null;
        if (rules.Count == 0)
        {
            return new ContactDecision(ContactVerdict.Allowed, [], [])
            {
                ReplyAllowedUntilUtc = replyAllowedUntil,
                TexterLastWroteUtc = texterLastWrote,
            };
        }
        var decision = string.IsNullOrWhiteSpace(leadOverrideReason)
            ? new ContactDecision(ContactVerdict.NeedsLeadOverride, reasons, rules)
            : new ContactDecision(ContactVerdict.Allowed, reasons, rules, Overridden: true);
        return decision with { ReplyAllowedUntilUtc = replyAllowedUntil, TexterLastWroteUtc = texterLastWrote };
    }

    /// <summary>
    /// At the moment of sending: the rules that stop the text, less those a shift lead overrode
    /// when it was queued. Empty means it may go; an opt-out is never covered by an override.
    /// </summary>
    public static IReadOnlyList<ContactRule> UncoveredRules(ContactDecision decision, IReadOnlyCollection<ContactRule> overriddenAtQueueTime)
        => decision.Verdict switch
        {
            ContactVerdict.Allowed => [],
            ContactVerdict.Refused => decision.Rules,
            _ => decision.Rules.Where(rule => rule != ContactRule.OptedOut && !overriddenAtQueueTime.Contains(rule)).ToList(),
        };

    /// <summary>The rules as stored on a message (<see cref="Message.OverriddenRules"/>).</summary>
    public static string? FormatRules(IEnumerable<ContactRule> rules)
        => rules.Any() ? string.Join(',', rules) : null;

    public static IReadOnlyList<ContactRule> ParseRules(string? stored)
        => string.IsNullOrWhiteSpace(stored)
            ? []
            : stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(name => Enum.TryParse<ContactRule>(name, out var rule) ? rule : (ContactRule?)null)
                .OfType<ContactRule>()
                .ToList();

    /// <summary>Start inclusive, end exclusive; a window whose start is after its end crosses midnight.</summary>
    public static bool IsInsideWindow(TimeOnly start, TimeOnly end, TimeOnly localTime)
        => start < end
            ? localTime >= start && localTime < end
            : start > end && (localTime >= start || localTime < end);

    public static bool TryFindTimeZone(string? timeZoneId, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            return false;
        }
        if (TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId.Trim(), out var found))
        {
            zone = found;
            return true;
        }
        return false;
    }

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static (ContactRule Rule, ContactReason Reason)? CheckWindow(ContactFlags flags, DateTimeOffset now)
    {
        if (flags.SafeWindowStart is null && flags.SafeWindowEnd is null)
        {
            return null;
        }
        if (flags.SafeWindowStart is not { } start || flags.SafeWindowEnd is not { } end || start == end)
        {
            return (ContactRule.SafeWindowUncheckable, new ContactReason("Contact_WindowIncomplete"));
        }
        if (!TryFindTimeZone(flags.TimeZoneId, out var zone))
        {
            return (ContactRule.SafeWindowUncheckable, new ContactReason("Contact_WindowNoZone"));
        }
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var localTime = TimeOnly.FromDateTime(local.DateTime);
        if (IsInsideWindow(start, end, localTime))
        {
            return null;
        }
        return (ContactRule.OutsideSafeWindow, new ContactReason("Contact_OutsideWindow",
            Clock(localTime), zone.Id, Clock(start), Clock(end)));
    }
}
