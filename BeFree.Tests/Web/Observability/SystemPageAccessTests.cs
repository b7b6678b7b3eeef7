using System.Net;
using BeFree.Core.Observability;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using BeFree.Tests.Web.Staff;
using BeFree.Web.Security;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Observability;

public sealed class SystemPageAccessTests(BeFreeWebFactory factory) : IClassFixture<BeFreeWebFactory>
{
    private const string Password = "quiet-harvest-lantern-41";

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/admin/system");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_advocate_sees_access_denied_and_no_figures()
    {
        var email = $"system-advocate-{Guid.NewGuid():N}@befree.test";
        await StaffWebSession.CreateReadyAccountAsync(factory, email, Password, StaffRoles.Advocate);
        var client = await StaffWebSession.SignInAsync(factory, email, Password);

        var response = await client.GetAsync("/admin/system");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("/Account/AccessDenied", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Access denied", html);
        Assert.DoesNotContain("data-testid=\"system-queue-length\"", html);
        Assert.DoesNotContain("data-testid=\"nav-admin-system\"", html);
    }

    [Fact]
    public async Task The_admin_gets_the_page_with_the_current_figures_and_a_link_to_it()
    {
        var admin = await StaffWebSession.BootstrapAdminIdAsync(factory);
        await using (var db = await factory.CreateDbContextAsync())
        {
            var now = DateTime.UtcNow;
            db.Conversations.Add(new BeFree.Core.Conversations.Conversation
            {
                Texter = new BeFree.Core.Conversations.Texter { PhoneNumber = "+1555" + Random.Shared.Next(0, 9_999_999).ToString("D7"), FirstSeenUtc = now },
                Status = BeFree.Core.Conversations.ConversationStatus.Queued,
                CreatedUtc = now,
                QueuedUtc = now,
                LastMessageUtc = now,
            });
            await db.SaveChangesAsync();
        }
        var figures = factory.Get<SystemFigures>();
        await figures.RefreshAsync();
        var expected = (await figures.GetAsync(admin)).Database.QueueLength;
        var client = await StaffWebSession.SignInAsync(factory, TestAccounts.AdminEmail, TestAccounts.AdminPassword);

        var response = await client.GetAsync("/admin/system");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/admin/system", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.True(expected >= 1);
        Assert.Contains($"data-testid=\"system-queue-length\">{expected}<", html);
        Assert.Contains("data-testid=\"system-outbound-queued\"", html);
        Assert.Contains("data-testid=\"system-open-screens\"", html);
        Assert.Contains("single server (no Redis configured)", html);
        Assert.Contains("data-testid=\"nav-admin-system\"", html);
        Assert.DoesNotContain("Access denied", html);
    }

    [Fact]
    public async Task Open_screens_count_connected_circuits_once_each()
    {
        var figures = factory.Get<SystemFigures>();
        var before = figures.OpenScreens;
        using var scope = factory.Services.CreateScope();
        using var screen = scope.ServiceProvider.GetServices<CircuitHandler>().OfType<ScreenCircuitHandler>().Single();

        await screen.OnConnectionUpAsync(null!, default);
        await screen.OnConnectionUpAsync(null!, default);
        var whileUp = figures.OpenScreens;
        await screen.OnConnectionDownAsync(null!, default);
        var afterDown = figures.OpenScreens;
        await screen.OnCircuitClosedAsync(null!, default);

        Assert.Equal(before + 1, whileUp);
        Assert.Equal(before, afterDown);
        Assert.Equal(before, figures.OpenScreens);
    }
}
