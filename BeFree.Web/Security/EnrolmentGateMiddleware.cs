namespace BeFree.Web.Security;

/// <summary>
/// Until a pending step is done (enrol an authenticator app or a passkey, replace a temporary password) a signed-in
/// person reaches only the page for that step, sign-out and static files. The authorization
/// policies enforce the same rule; this only sends people to the right page.
/// </summary>
internal static class EnrolmentGateMiddleware
{
    public const string EnrolPath = "/Account/Manage/EnableAuthenticator";
    public const string ChangePasswordPath = "/Account/Manage/ChangePassword";
    public const string PasskeysPath = "/Account/Manage/Passkeys";
    public const string PasskeyCreationOptionsPath = "/Account/PasskeyCreationOptions";

    private static readonly string[] AlwaysAllowed =
    [
        "/Account/Logout", "/Account/Manage/ShowRecoveryCodes", "/_framework", "/_content", "/_blazor", "/healthz", "/favicon", "/app.css", "/Error", "/not-found",
    ];

    public static IApplicationBuilder UseEnrolmentGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && StaffClaims.HasPendingStep(user))
        {
            var mustChangePassword = user.HasClaim(c => c.Type == StaffClaims.MustChangePassword);
            var target = mustChangePassword ? ChangePasswordPath : EnrolPath;
            // Enrolment is an authenticator app or a passkey: both pages (and the passkey ceremony) stay open.
            string[] stepPaths = mustChangePassword ? [ChangePasswordPath] : [EnrolPath, PasskeysPath, PasskeyCreationOptionsPath];
            var path = context.Request.Path;
            var allowed = stepPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
                || AlwaysAllowed.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
                || path.Value?.Contains('.') == true; // static assets such as BeFree.Web.styles.css
            if (!allowed)
            {
                context.Response.Redirect(target);
                return;
            }
        }
        await next(context);
    });
}
