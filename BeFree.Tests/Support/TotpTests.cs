namespace BeFree.Tests.Support;

/// <summary>The browser tests sign in with these codes: they must be what an authenticator app shows.</summary>
public sealed class TotpTests
{
    // RFC 6238 appendix B (SHA-1 key "12345678901234567890"), last six digits of the eight-digit values.
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(20000000000L, "353130")]
    public void Codes_match_the_rfc_6238_test_vectors(long unixSeconds, string expected)
        => Assert.Equal(expected, Totp.Code("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
}
