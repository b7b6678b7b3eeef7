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

/// <summary>The flags the rules read, taken from <see cref="Texter"/>.</summary>
public sealed record ContactFlags(bool IsOptedOut, bool DoNotTextBack, TimeOnly? SafeWindowStart, TimeOnly? SafeWindowEnd, string? TimeZoneId)
{
    public static ContactFlags From(Texter texter)
        => new(texter.IsOptedOut, texter.DoNotTextBack, texter.SafeWindowStart, texter.SafeWindowEnd, texter.TimeZoneId);
}

/// <summary>
/// The verdict, the rules that applied, and a reason to show. <see cref="Overridden"/> lists the
/// rules a shift lead's recorded reason set aside.
/// </summary>
public sealed record ContactDecision(ContactVerdict Verdict, string? Reason, IReadOnlyList<ContactRule> Rules, bool Overridden = false)
{
    public bool IsAllowed => Verdict == ContactVerdict.Allowed;
}

/// <summary>
/// Whether a text may go to a texter now. Pure: the caller passes the flags, the instant and, only
/// for a shift lead, the reason they gave to override. An opt-out (STOP) can never be overridden.
/// </summary>
public static class ContactSafetyPolicy
{
    public static ContactDecision Evaluate(ContactFlags flags, DateTimeOffset now, string? leadOverrideReason = null)
    {
        if (flags.IsOptedOut)
        {
            return new ContactDecision(ContactVerdict.Refused,
                "The texter opted out (STOP). Nothing can be sent until they text START; nobody can override this.",
                [ContactRule.OptedOut]);
        }

        var rules = new List<ContactRule>();
        var reasons = new List<string>();
        if (flags.DoNotTextBack)
        {
            rules.Add(ContactRule.DoNotTextBack);
            reasons.Add("The texter asked not to be texted back: only reply when they have written and it is safe.");
        }
        var window = CheckWindow(flags, now);
        if (window is not null)
        {
            rules.Add(window.Value.Rule);
            reasons.Add(window.Value.Reason);
        }

        if (rules.Count == 0)
        {
            return new ContactDecision(ContactVerdict.Allowed, null, []);
        }
        var reason = string.Join(" ", reasons);
        return string.IsNullOrWhiteSpace(leadOverrideReason)
            ? new ContactDecision(ContactVerdict.NeedsLeadOverride, reason, rules)
            : new ContactDecision(ContactVerdict.Allowed, reason, rules, Overridden: true);
    }

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
