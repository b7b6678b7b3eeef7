using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BeFree.Core.Crm;

/// <summary>
/// The webhook signature: header <c>BeFree-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>.
/// Receivers verify it with the endpoint's secret and refuse a timestamp outside the replay window
/// (5 minutes by default); the event id in the body lets them ignore an event delivered twice.
/// </summary>
public static class CrmSignature
{
    public const string HeaderName = "BeFree-Signature";
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, string body, DateTimeOffset timestamp)
    {
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(secret, t, body)}";
    }

    /// <summary>True when the header carries a v1 signature of this body by this secret, made within the tolerance of now.</summary>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }
        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var key = part[..eq];
            var value = part[(eq + 1)..];
            if (key == "t") t = value;
            else if (key == "v1") signatures.Add(value);
        }
        if (t is null || signatures.Count == 0 || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            return false;
        }
        var age = now - DateTimeOffset.FromUnixTimeSeconds(unix);
        if (age.Duration() > (tolerance ?? DefaultTolerance))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Hex(secret, t, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    private static string Hex(string secret, string t, string body)
        => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
}
