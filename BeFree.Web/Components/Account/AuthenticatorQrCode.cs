using System.Globalization;
using System.Text;
using QRCoder;

namespace BeFree.Web.Components.Account;

/// <summary>The otpauth:// URI an authenticator app scans, drawn as inline SVG on the server (no script, no CDN).</summary>
internal static class AuthenticatorQrCode
{
    public const string Issuer = "BeFree";

    public static string Uri(string email, string key) => string.Create(CultureInfo.InvariantCulture,
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(email)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6");

    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    public static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return result.ToString().TrimEnd().ToLowerInvariant();
    }
}
