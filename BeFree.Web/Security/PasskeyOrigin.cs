using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Security;

/// <summary>
/// Which origin a passkey ceremony must come from: this app's own, as the request reached it
/// (scheme from a trusted proxy, host limited by AllowedHosts in Production), and never from a frame.
/// Identity's default compares the request's Origin header, but with Referrer-Policy: no-referrer a
/// browser sends "Origin: null" on form posts, which would refuse every passkey.
/// </summary>
public static class PasskeyOrigin
{
    public static ValueTask<bool> IsOwnOrigin(PasskeyOriginValidationContext context)
    {
        var request = context.HttpContext.Request;
        var own = $"{request.Scheme}://{request.Host.Value}";
        var valid = !context.CrossOrigin
            && Uri.TryCreate(context.Origin, UriKind.Absolute, out var origin)
            && Uri.TryCreate(own, UriKind.Absolute, out var expected)
            && origin.Equals(expected);
        return ValueTask.FromResult(valid);
    }
}
