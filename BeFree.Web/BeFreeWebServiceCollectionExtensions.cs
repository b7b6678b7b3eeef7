using BeFree.Core.Data;
using BeFree.Core.Staff;
using BeFree.Web.Components.Pages.Simulator;
using BeFree.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace BeFree.Web;

public static class BeFreeWebServiceCollectionExtensions
{
    /// <summary>The browser-facing half: Blazor, sign-in cookies, authorization, MudBlazor.</summary>
    public static IServiceCollection AddBeFreeWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<BeFree.Web.Components.Shared.WorkstationPreferences>();
        services.AddScoped<BeFree.Web.Components.Shared.WorkstationAlertCounts>();
        services.AddHostedService<FirstAdminSetupAnnouncer>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddHealthChecks().AddCheck<BeFree.Web.Endpoints.LiveBusHealthCheck>("live updates between servers");

        // One key ring in the database: a restart or a second app server keeps everyone signed in
        // and every antiforgery token valid (docs/decisions/0009-three-database-providers.md).
        services.AddDataProtection()
            .SetApplicationName("BeFree")
            .PersistKeysToDbContext<BeFreeDbContext>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<BeFree.Web.Components.Account.IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, StaffRevalidatingAuthenticationStateProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, ScreenCircuitHandler>());

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        new IdentityBuilder(typeof(StaffUser), typeof(IdentityRole), services)
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();

        services.ConfigureOptions<CookieAuthenticationOptionsSetup>();
        services.Configure<IdentityPasskeyOptions>(options => options.ValidateOrigin = PasskeyOrigin.IsOwnOrigin);
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SecurityOptions>>((stamp, security) =>
                stamp.ValidationInterval = TimeSpan.FromSeconds(security.Value.RevalidationIntervalSeconds));

        services.AddAuthorizationBuilder()
            // Signed in, active and past any pending enrolment: the default for every staff page.
            .SetDefaultPolicy(StaffPolicies.BuildEnrolledStaffPolicy())
            .AddPolicy(StaffPolicies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(StaffPolicies.Admin, p => p.Combine(StaffPolicies.BuildEnrolledStaffPolicy()).RequireRole(StaffRoles.Admin))
            .AddPolicy(StaffPolicies.LeadOrAdmin, p => p.Combine(StaffPolicies.BuildEnrolledStaffPolicy()).RequireRole(StaffRoles.ShiftLead, StaffRoles.Admin));
        services.AddTrainingSimulatorPage();
        services.AddReverseProxySupport(configuration);
        services.AddAllowedHostsGuard(configuration);
        return services;
    }
}
