using OtpNet;

namespace BeFree.Tests.Support;

/// <summary>RFC 6238 codes (Otp.NET), as an authenticator app computes them from the key the enrolment page shows.</summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var key = Base32Encoding.ToBytes(base32Key.Replace(" ", "").ToUpperInvariant());
        return new OtpNet.Totp(key).ComputeTotp((at ?? DateTimeOffset.UtcNow).UtcDateTime);
    }
}
