using BeFree.Core.Conversations;

namespace BeFree.Tests.Core.Conversations;

public sealed class ContactSafetyPolicyTests
{
    // 15 July 2026: US zones are on daylight time (Chicago UTC-5, Los Angeles UTC-7, New York UTC-4).
    private static DateTimeOffset Utc(int hour, int minute = 0, int month = 7) => new(2026, month, 15, hour, minute, 0, TimeSpan.Zero);

    private static ContactFlags Window(int startHour, int endHour, string? zone = "America/Chicago", bool dntb = false, bool optedOut = false)
        => new(optedOut, dntb, new TimeOnly(startHour, 0), new TimeOnly(endHour, 0), zone);

    private static readonly ContactFlags Free = new(false, false, null, null, null);

    private static readonly TimeSpan ReplyWindow = TimeSpan.FromMinutes(10);

    private static ContactDecision Evaluate(ContactFlags flags, DateTimeOffset now, string? leadReason = null)
        => ContactSafetyPolicy.Evaluate(flags, now, ReplyWindow, leadReason);

    [Fact]
    public void No_flags_allow_a_reply()
    {
        var decision = Evaluate(Free, Utc(3));
        Assert.Equal(ContactVerdict.Allowed, decision.Verdict);
        Assert.Empty(decision.Rules);
        Assert.False(decision.Overridden);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("lead: texter in danger, must reach them")]
    public void An_opt_out_is_refused_and_no_reason_overrides_it(string? leadReason)
    {
        var decision = Evaluate(Free with { IsOptedOut = true, DoNotTextBack = true }, Utc(15), leadReason);
        Assert.Equal(ContactVerdict.Refused, decision.Verdict);
        Assert.Equal([ContactRule.OptedOut], decision.Rules);
        Assert.Contains("STOP", decision.Reason);
    }

    [Fact]
    public void Do_not_text_back_needs_a_lead_override_and_a_reason_allows_it()
    {
        var flags = Free with { DoNotTextBack = true };
        var refused = Evaluate(flags, Utc(15));
        Assert.Equal(ContactVerdict.NeedsLeadOverride, refused.Verdict);
        Assert.Equal([ContactRule.DoNotTextBack], refused.Rules);
        Assert.Equal(ContactVerdict.NeedsLeadOverride, Evaluate(flags, Utc(15), "   ").Verdict);

        var overridden = Evaluate(flags, Utc(15), "texter asked us to reply now");
        Assert.Equal(ContactVerdict.Allowed, overridden.Verdict);
        Assert.True(overridden.Overridden);
        Assert.Equal([ContactRule.DoNotTextBack], overridden.Rules);
    }

    [Theory]
    [InlineData(14, 0, ContactVerdict.Allowed)]            // 09:00 in Chicago: the window opens
    [InlineData(13, 59, ContactVerdict.NeedsLeadOverride)] // 08:59
    [InlineData(21, 59, ContactVerdict.Allowed)]           // 16:59
    [InlineData(22, 0, ContactVerdict.NeedsLeadOverride)]  // 17:00: the end is exclusive
    [InlineData(3, 0, ContactVerdict.NeedsLeadOverride)]   // 22:00 the evening before
    public void A_daytime_window_is_checked_in_the_texters_zone(int utcHour, int utcMinute, ContactVerdict expected)
    {
        var decision = Evaluate(Window(9, 17), Utc(utcHour, utcMinute));
        Assert.Equal(expected, decision.Verdict);
        if (expected != ContactVerdict.Allowed)
        {
            Assert.Equal([ContactRule.OutsideSafeWindow], decision.Rules);
            Assert.Contains("America/Chicago", decision.Reason);
            Assert.Contains("09:00–17:00", decision.Reason);
        }
    }

    [Theory]
    [InlineData(3, 30, ContactVerdict.Allowed)]            // 22:30 in Chicago
    [InlineData(5, 0, ContactVerdict.Allowed)]             // 00:00
    [InlineData(10, 59, ContactVerdict.Allowed)]           // 05:59
    [InlineData(11, 0, ContactVerdict.NeedsLeadOverride)]  // 06:00
    [InlineData(17, 0, ContactVerdict.NeedsLeadOverride)]  // 12:00
    [InlineData(2, 59, ContactVerdict.NeedsLeadOverride)]  // 21:59
    public void A_window_that_crosses_midnight_is_open_late_and_early(int utcHour, int utcMinute, ContactVerdict expected)
        => Assert.Equal(expected, Evaluate(Window(22, 6), Utc(utcHour, utcMinute)).Verdict);

    [Fact]
    public void The_same_instant_is_inside_the_window_in_one_zone_and_outside_in_another()
    {
        var instant = Utc(13, 30); // 09:30 in New York, 06:30 in Los Angeles
        Assert.Equal(ContactVerdict.Allowed, Evaluate(Window(9, 17, "America/New_York"), instant).Verdict);
        Assert.Equal(ContactVerdict.NeedsLeadOverride, Evaluate(Window(9, 17, "America/Los_Angeles"), instant).Verdict);
    }

    [Fact]
    public void Daylight_saving_time_moves_the_window_with_the_texters_clock()
    {
        // 14:30 UTC is 09:30 in Chicago in July (UTC-5) but 08:30 in January (UTC-6).
        Assert.Equal(ContactVerdict.Allowed, Evaluate(Window(9, 17), Utc(14, 30, month: 7)).Verdict);
        Assert.Equal(ContactVerdict.NeedsLeadOverride, Evaluate(Window(9, 17), Utc(14, 30, month: 1)).Verdict);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Mars/Olympus_Mons")]
    public void Safe_hours_without_a_known_zone_cannot_be_checked_so_need_a_lead(string? zone)
    {
        var decision = Evaluate(Window(0, 23, zone), Utc(12));
        Assert.Equal(ContactVerdict.NeedsLeadOverride, decision.Verdict);
        Assert.Equal([ContactRule.SafeWindowUncheckable], decision.Rules);
    }

    [Fact]
    public void Do_not_text_back_and_the_window_together_are_both_reported_and_both_overridden()
    {
        var flags = Window(9, 17, dntb: true);
        var refused = Evaluate(flags, Utc(3));
        Assert.Equal([ContactRule.DoNotTextBack, ContactRule.OutsideSafeWindow], refused.Rules);

        var overridden = Evaluate(flags, Utc(3), "imminent danger, police on the way");
        Assert.True(overridden.IsAllowed);
        Assert.True(overridden.Overridden);
    }

    [Fact]
    public void An_opted_out_texter_is_refused_whatever_the_window_says()
        => Assert.Equal(ContactVerdict.Refused, Evaluate(Window(9, 17, optedOut: true), Utc(15), "reason").Verdict);

    [Theory]
    [InlineData(0, true)]    // the texter just wrote
    [InlineData(9, true)]    // 9 minutes later
    [InlineData(10, false)]  // the window's end is exclusive
    [InlineData(240, false)] // hours later
    public void Do_not_text_back_allows_a_reply_only_within_the_window_after_the_texters_latest_text(int minutesLater, bool allowed)
    {
        var wrote = Utc(15).UtcDateTime;
        var decision = Evaluate(Free with { DoNotTextBack = true, LastInboundUtc = wrote }, Utc(15).AddMinutes(minutesLater));

        Assert.Equal(allowed ? ContactVerdict.Allowed : ContactVerdict.NeedsLeadOverride, decision.Verdict);
        Assert.Equal(wrote, decision.TexterLastWroteUtc);
        if (allowed)
        {
            Assert.Empty(decision.Rules);
            Assert.Equal(wrote.AddMinutes(10), decision.ReplyAllowedUntilUtc);
        }
        else
        {
            Assert.Equal([ContactRule.DoNotTextBack], decision.Rules);
            Assert.Null(decision.ReplyAllowedUntilUtc);
            Assert.Contains("has not written since 2026-07-15 15:00 UTC", decision.Reason);
        }
    }

    [Fact]
    public void The_reply_window_is_the_configured_length()
    {
        var flags = Free with { DoNotTextBack = true, LastInboundUtc = Utc(15).UtcDateTime };
        Assert.True(ContactSafetyPolicy.Evaluate(flags, Utc(15, 25), TimeSpan.FromMinutes(30)).IsAllowed);
        Assert.False(ContactSafetyPolicy.Evaluate(flags, Utc(15, 25), TimeSpan.FromMinutes(20)).IsAllowed);
    }

    [Fact]
    public void A_texter_who_never_wrote_cannot_be_texted_back_without_a_lead()
    {
        var decision = Evaluate(Free with { DoNotTextBack = true }, Utc(15));
        Assert.Equal(ContactVerdict.NeedsLeadOverride, decision.Verdict);
        Assert.Null(decision.TexterLastWroteUtc);
        Assert.Contains("has not written yet", decision.Reason);
    }

    [Fact]
    public void Without_do_not_text_back_the_texters_latest_text_does_not_matter()
    {
        var decision = Evaluate(Free with { LastInboundUtc = Utc(1).UtcDateTime }, Utc(15));
        Assert.True(decision.IsAllowed);
        Assert.Null(decision.ReplyAllowedUntilUtc);
        Assert.Null(decision.TexterLastWroteUtc);
    }

    [Fact]
    public void At_send_time_a_queue_time_override_covers_only_the_rules_it_named()
    {
        var now = Utc(3); // 22:00 in Chicago, outside 9-17
        var flags = Window(9, 17, dntb: true) with { LastInboundUtc = Utc(1).UtcDateTime };
        var decision = Evaluate(flags, now);

        Assert.Equal([ContactRule.DoNotTextBack, ContactRule.OutsideSafeWindow], ContactSafetyPolicy.UncoveredRules(decision, []));
        Assert.Equal([ContactRule.OutsideSafeWindow], ContactSafetyPolicy.UncoveredRules(decision, [ContactRule.DoNotTextBack]));
        Assert.Empty(ContactSafetyPolicy.UncoveredRules(decision, [ContactRule.DoNotTextBack, ContactRule.OutsideSafeWindow]));
        var optedOut = Evaluate(flags with { IsOptedOut = true }, now);
        Assert.Equal([ContactRule.OptedOut], ContactSafetyPolicy.UncoveredRules(optedOut, [ContactRule.OptedOut, ContactRule.DoNotTextBack]));
    }

    [Fact]
    public void Overridden_rules_round_trip_through_their_stored_form()
    {
        var stored = ContactSafetyPolicy.FormatRules([ContactRule.DoNotTextBack, ContactRule.OutsideSafeWindow]);
        Assert.Equal("DoNotTextBack,OutsideSafeWindow", stored);
        Assert.Equal([ContactRule.DoNotTextBack, ContactRule.OutsideSafeWindow], ContactSafetyPolicy.ParseRules(stored));
        Assert.Null(ContactSafetyPolicy.FormatRules([]));
        Assert.Empty(ContactSafetyPolicy.ParseRules(null));
    }
}
