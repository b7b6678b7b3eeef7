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

/// <summary>
/// The verdict, the rules that applied, and a reason to show. <see cref="Overridden"/> says a
/// shift lead's recorded reason set the rules aside.
/// </summary>
public sealed record ContactDecision(ContactVerdict Verdict, string? Reason, IReadOnlyList<ContactRule> Rules, bool Overridden = false)
{
    public bool IsAllowed => Verdict == ContactVerdict.Allowed;

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
            return new ContactDecision(ContactVerdict.Refused,
                "The texter opted out (STOP). Nothing can be sent until they text START; nobody can override this.",
                [ContactRule.OptedOut]);
        }

        var rules = new List<ContactRule>();
        var reasons = new List<string>();
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
                    ? $"The texter asked not to be texted back and has not written since {last:yyyy-MM-dd HH\\:mm} UTC: a reply is allowed only within {minutes} minutes of their latest text."
                    : $"The texter asked not to be texted back and has not written yet: a reply is allowed only within {minutes} minutes of their latest text.");
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
            return new ContactDecision(ContactVerdict.Allowed, null, [])
            {
                ReplyAllowedUntilUtc = replyAllowedUntil,
                TexterLastWroteUtc = texterLastWrote,
            };
        }
        var reason = string.Join(" ", reasons);
        var decision = string.IsNullOrWhiteSpace(leadOverrideReason)
            ? new ContactDecision(ContactVerdict.NeedsLeadOverride, reason, rules)
            : new ContactDecision(ContactVerdict.Allowed, reason, rules, Overridden: true);
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

    private static (ContactRule Rule, string Reason)? CheckWindow(ContactFlags flags, DateTimeOffset now)
    {
        if (flags.SafeWindowStart is null && flags.SafeWindowEnd is null)
        {
            return null;
        }
        if (flags.SafeWindowStart is not { } start || flags.SafeWindowEnd is not { } end || start == end)
        {
            return (ContactRule.SafeWindowUncheckable, "The texter's safe hours are incomplete, so it cannot be checked that now is safe.");
        }
        if (!TryFindTimeZone(flags.TimeZoneId, out var zone))
        {
            return (ContactRule.SafeWindowUncheckable,
                "The texter has safe hours but no recognised time zone, so it cannot be checked that now is safe.");
        }
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var localTime = TimeOnly.FromDateTime(local.DateTime);
        if (IsInsideWindow(start, end, localTime))
        {
            return null;
        }
        return (ContactRule.OutsideSafeWindow,
            $"It is {localTime:HH\\:mm} for the texter ({zone.Id}); their safe hours are {start:HH\\:mm}–{end:HH\\:mm}.");
    }
}
