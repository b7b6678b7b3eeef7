using BeFree.Core.Staff;

namespace BeFree.Tests.Core.Staff;

public sealed class StaffPasswordValidatorTests
{
    private static readonly StaffUser Someone = new() { Email = "jordan.lee@befree.test", UserName = "jordan.lee@befree.test" };

    [Theory]
    // Breached (from the shipped lists), any case, either way round.
    [InlineData("password1234", "PasswordTooCommon")]
    [InlineData("PASSWORD1234", "PasswordTooCommon")]
    [InlineData("4321drowssap", "PasswordTooCommon")]
    [InlineData("iloveyou1234", "PasswordTooCommon")]
    [InlineData("18883737888x", null)] // a near-miss of a hotline-specific entry is fine on the list's side...
    [InlineData("233733233733", "PasswordTooCommon")] // ...the short code repeated is not
    [InlineData("zzzzzzzzzzzz", "PasswordTooCommon")]
    [InlineData("abababababab", "PasswordTooCommon")]
    // Keyboard runs over most of the password, forwards and backwards.
    [InlineData("qwertyuiop!7", "PasswordKeyboardRun")]
    [InlineData("poiuytrewq!x", "PasswordKeyboardRun")]
    [InlineData("1234567890ab", "PasswordKeyboardRun")]
    [InlineData("0987654321zq", "PasswordKeyboardRun")]
    [InlineData("asdfghjkl;xy", "PasswordKeyboardRun")]
    [InlineData("ZXCVBNM,./zz", "PasswordKeyboardRun")]
    [InlineData("1qaz2wsx3edc!", "PasswordKeyboardRun")]
    [InlineData("abcdefghijk!", "PasswordKeyboardRun")]
    [InlineData("asdf-river-moon", null)] // a short run in a longer phrase is fine
    // Repeats.
    [InlineData("abcabcabcabc", "PasswordRepeated")]
    [InlineData("passwordpassword", "PasswordTooCommon")] // listed as it is
    [InlineData("ferryferryferry", "PasswordRepeated")]
    [InlineData("lanternlantern7!", "PasswordRepeated")]
    [InlineData("MeadowMeadowMeadow", "PasswordRepeated")]
    // The email name, and length.
    [InlineData("jordan.lee-river-7", "PasswordContainsEmail")]
    [InlineData("violet-harbour-lantern-57", null)]
    [InlineData("quiet meadow copper forty one", null)]
    [InlineData("Tr4v3l-w1th-c0ff33-at-dawn", null)]
    public async Task Passwords_follow_the_stated_rules(string password, string? expectedError)
    {
        var result = await new StaffPasswordValidator().ValidateAsync(null!, Someone, password);

        Assert.Equal(expectedError, result.Errors.SingleOrDefault()?.Code);
        Assert.Equal(expectedError is null, result.Succeeded);
    }

    [Fact]
    public async Task Too_long_passwords_are_refused()
    {
        var result = await new StaffPasswordValidator().ValidateAsync(null!, Someone, string.Join('-', Enumerable.Repeat("lantern", 20)) + "x");
        Assert.Equal("PasswordTooLong", result.Errors.Single().Code);
    }

    [Fact]
    public void The_breached_list_holds_over_100000_distinct_entries()
    {
        Assert.True(StaffPasswordValidator.BreachedPasswordCount > 100_000, $"{StaffPasswordValidator.BreachedPasswordCount} entries");
        // Entries from deep in each source list, not only the top.
        Assert.True(StaffPasswordValidator.IsCommon("070171"));
        Assert.True(StaffPasswordValidator.IsCommon("261070"));
    }
}
