using BeFree.Core;
using BeFree.Web;
using BeFree.Web.Components;
using BeFree.Web.Components.Account;
using BeFree.Web.Endpoints;
using BeFree.Web.Localization;
using BeFree.Web.Observability;
using BeFree.Web.Security;

var builder = WebApplication.CreateBuilder(args);
// Blazor's and the component library's files under `dotnet run` in any environment (a published
// app serves them from its own folder and has nothing for this to read).
builder.WebHost.UseStaticWebAssets();

builder.Services.AddBeFreeCore(builder.Configuration, builder.Environment);
builder.Services.AddBeFreeWeb(builder.Configuration);
builder.Services.AddWorkstationLocalization();
builder.Services.AddBeFreeTelemetry(builder.Configuration);
builder.ListenOnManagementPort();

var app = builder.Build();

// First: scheme, client address and host as the configured TLS proxies saw them (Proxy:*), nobody else's claim.
app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseSecurityHeaders();
app.UseManagementPortLimits();
// A fresh scope, so a page that answers 404 itself (setup once closed) re-renders the not-found page cleanly.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

app.UseAuthentication();
// After sign-in is known: the person's language (StaffPreferences) sets the request's and the circuit's culture.
app.UseWorkstationLocalization();
app.UseEnrolmentGate();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options =>
    // Blazor would send its own "frame-ancestors 'self'"; the app's whole policy (frame-ancestors 'none') is in SecurityHeaders.
    options.ContentSecurityFrameAncestorsPolicy = null);
app.MapAccountEndpoints();
app.MapHealthEndpoints();
app.MapTwilioEndpoints();
app.MapExportEndpoints();
app.MapMediaEndpoints();
app.MapMetricsEndpoint();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
