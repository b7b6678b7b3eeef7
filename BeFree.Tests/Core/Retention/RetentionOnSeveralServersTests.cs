using BeFree.Core.Retention;
using BeFree.Core.Risk;
using BeFree.Tests.Core.Conversations;
using BeFree.Tests.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Core.Retention;

/// <summary>
/// Every app server runs retention. Two passes at the same moment (one per server, each its own service
/// and connections on the one database) erase each text once between them and neither fails. On
/// PostgreSQL (the test command's second pass) the two really run side by side.
/// </summary>
public sealed class RetentionOnSeveralServersTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 7, 15, 15, 0, 0, DateTimeKind.Utc);

    private WorkspaceHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Retention:Enabled"] = "false",
            ["Retention:EraseBodiesAfterDays"] = "30",
        });
        _host.Clock.SetUtcNow(Now);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Two_servers_passes_at_once_erase_each_text_once_between_them()
    {
        var advocate = await _host.CreateAdvocateAsync("Avery Advocate");
        var data = new ReportDataSet(_host, advocate);
        var closed = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            var closedUtc = Now.AddDays(-40).AddMinutes(i);
            closed.Add(await data.ConversationAsync(closedUtc.AddHours(-1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), RiskLevel.High,
                "Substantive case", "texter referred to shelter"));
        }
        int due;
        await using (var db = await _host.DbAsync())
        {
            due = await db.Messages.CountAsync(m => closed.Contains(m.ConversationId));
        }
        Assert.True(due > 0);

        // Server two's retention: its own instance of the service on the same database.
        var serverOne = _host.Get<RetentionService>();
        var serverTwo = ActivatorUtilities.CreateInstance<RetentionService>(_host.Services);
        var runs = await Task.WhenAll(Task.Run(() => serverOne.RunOnceAsync()), Task.Run(() => serverTwo.RunOnceAsync()));

        Assert.Equal(due, runs.Sum(r => r.MessagesErased));
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal(0, await db.Messages.CountAsync(m => closed.Contains(m.ConversationId) && (m.BodyErasedUtc == null || m.Body != "")));
            // Each text carries the one pass that erased it.
            Assert.Equal(due, await db.Messages.CountAsync(m => closed.Contains(m.ConversationId) && m.BodyErasedUtc == Now));
        }
    }
}
