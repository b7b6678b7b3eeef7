using BeFree.Core.Staff;
using BeFree.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace BeFree.Web.Components.Pages.Simulator;

/// <summary>
/// Who may open the training simulator: ShiftLeads and Admins, and in Development any signed-in
/// staff. Core's <c>TrainingSimulator</c> checks the same against the database on every use.
/// </summary>
public static class SimulatorAccess
{
    public const string PolicyName = "TrainingSimulator";

    /// <summary>The simulator's own client for posting webhooks to this app.</summary>
    public const string HttpClientName = "TrainingSimulator";

    public static IServiceCollection AddTrainingSimulatorPage(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, SimulatorAccessHandler>();
        services.Configure<AuthorizationOptions>(options => options.AddPolicy(PolicyName, policy => policy
            .RequireAuthenticatedUser()
            .AddRequirements(new SimulatorAccessRequirement())));
        services.AddHttpClient(HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<SimulatorWebhookSender>();
        return services;
    }

    internal sealed class SimulatorAccessRequirement : IAuthorizationRequirement;

    internal sealed class SimulatorAccessHandler(IHostEnvironment environment) : AuthorizationHandler<SimulatorAccessRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SimulatorAccessRequirement requirement)
        {
            var user = context.User;
            var allowed = user.Identity?.IsAuthenticated == true
                && !StaffClaims.HasPendingStep(user)
                && (environment.IsDevelopment() || user.IsInRole(StaffRoles.ShiftLead) || user.IsInRole(StaffRoles.Admin));
            if (allowed)
            {
                context.Succeed(requirement);
            }
            return Task.CompletedTask;
        }
    }
}
