using System.Collections.Concurrent;
using BeFree.Core;
using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Inbound;
using BeFree.Core.Messaging.Outbound;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using BeFree.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BeFree.Tests.Core.Conversations;

/// <summary>
/// Core on its own: <c>AddBeFreeCore</c> on a real database of its own (<see cref="TestDatabase"/>), started like the app
/// (migrations, roles, directory seed), with a clock the test moves (FakeTimeProvider), a recording outbound queue
/// and live updates delivered as the app delivers them (tests await a subscription's WhenIdleAsync).
/// </summary>
public sealed class WorkspaceHost : IAsyncDisposable
{
    private readonly IHost _host;
    private int _phoneCounter;

    private WorkspaceHost(IHost host, string folder, TestDatabase database, FakeTimeProvider clock)
    {
        _host = host;
        Folder = folder;
        Database = database;
        Clock = clock;
    }

    public string Folder { get; }
    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public IServiceProvider Services => _host.Services;
    public RecordingOutboundQueue Outbound => Get<RecordingOutboundQueue>();

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<WorkspaceHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "befree-core-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
            ContentRootPath = folder,
        });
        var database = TestDatabase.Create(folder);
        builder.Configuration.AddInMemoryCollection(database.Settings);
        // Timers run on the test's clock, so the retention loop would run a pass whenever a test moves
        // the clock a minute on: off unless a test turns it on (retention tests run passes themselves).
        // The wait notice likewise: off unless a test turns it on.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Retention:Enabled"] = "false",
            ["Conversations:WaitNoticeMinutes"] = "0",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 15, 15, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddLogging();
        builder.Services.AddDataProtection();
        builder.Services.AddBeFreeCore(builder.Configuration, builder.Environment);
        builder.Services.RemoveAll<IOutboundQueue>();
        builder.Services.AddSingleton<RecordingOutboundQueue>();
        builder.Services.AddSingleton<IOutboundQueue>(sp => sp.GetRequiredService<RecordingOutboundQueue>());
        var host = builder.Build();
        await host.StartAsync();
        return new WorkspaceHost(host, folder, database, clock);
    }

    public async Task<BeFreeDbContext> DbAsync() => await Get<IDbContextFactory<BeFreeDbContext>>().CreateDbContextAsync();

    /// <summary>Creates an active member of staff, enrolled in two-factor, without a password (not needed here).</summary>
    public async Task<string> CreateStaffAsync(string displayName, string[] roles, int capacity = 3)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"{Guid.NewGuid():N}@befree.test";
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            MaxConcurrentConversations = capacity,
            TwoFactorEnabled = true,
            CreatedUtc = Clock.GetUtcNow().UtcDateTime,
        };
        StaffAdministrationAssert(await users.CreateAsync(user));
        StaffAdministrationAssert(await users.AddToRolesAsync(user, roles));
        return user.Id;
    }

    public Task<string> CreateAdvocateAsync(string displayName, int capacity = 3) => CreateStaffAsync(displayName, [StaffRoles.Advocate], capacity);

    public Task<string> CreateLeadAsync(string displayName) => CreateStaffAsync(displayName, [StaffRoles.ShiftLead, StaffRoles.Advocate]);

    private static void StaffAdministrationAssert(IdentityResult result)
        => Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));

    /// <summary>A texter's first text, waiting in the queue (or assigned when <paramref name="assignedTo"/> is given).</summary>
    public async Task<int> CreateConversationAsync(string body = "hi, I need help", string? phone = null, string? assignedTo = null,
        RiskLevel risk = RiskLevel.Unknown, RiskLevel? suggested = null, DateTime? queuedUtc = null, bool training = false,
        Action<Texter>? texter = null)
    {
        await using var db = await DbAsync();
        var now = Clock.GetUtcNow().UtcDateTime;
        phone ??= $"+1555{Interlocked.Increment(ref _phoneCounter):D7}";
        var existing = await db.Texters.FirstOrDefaultAsync(t => t.PhoneNumber == phone);
        var theTexter = existing ?? new Texter { PhoneNumber = phone, FirstSeenUtc = now };
        texter?.Invoke(theTexter);
        var conversation = new Conversation
        {
            Texter = theTexter,
            Status = assignedTo is null ? ConversationStatus.Queued : ConversationStatus.Assigned,
            AssignedToId = assignedTo,
            CreatedUtc = queuedUtc ?? now,
            QueuedUtc = queuedUtc ?? now,
            ClaimedUtc = assignedTo is null ? null : now,
            LastMessageUtc = now,
            Risk = risk,
            SuggestedRisk = suggested,
            SuggestedRiskReason = suggested is null ? null : "matched 'test'",
            IsTraining = training,
            UnreadCount = 1,
        };
        conversation.Messages.Add(new Message
        {
            Direction = MessageDirection.Inbound,
            Origin = MessageOrigin.Texter,
            Body = body,
            CreatedUtc = queuedUtc ?? now,
            Status = MessageStatus.Received,
            StatusUpdatedUtc = now,
            TwilioSid = "SM" + Guid.NewGuid().ToString("N"),
        });
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    /// <summary>A text from the conversation's texter, through the real inbound path (threading, keywords, lexicon).</summary>
    public async Task TextFromTexterAsync(int conversationId, string body)
    {
        var phone = (await ConversationAsync(conversationId)).Texter.PhoneNumber;
        await Get<InboundSmsProcessor>().ProcessAsync(new InboundSms("SM" + Guid.NewGuid().ToString("N"), null, phone, "233733", body,
            [], null, null, null, null, TrainingRequested: false));
    }

    public async Task<Conversation> ConversationAsync(int id)
    {
        await using var db = await DbAsync();
        return await db.Conversations.AsNoTracking().Include(c => c.Texter).SingleAsync(c => c.Id == id);
    }

    public async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var db = await DbAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Database.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// Stands in for the Twilio module's outbound queue: saves the Queued message row as the real one
/// does and remembers what would be sent. Refuses an opted-out texter, as the contract says.
/// </summary>
public sealed class RecordingOutboundQueue(IDbContextFactory<BeFreeDbContext> dbFactory, TimeProvider clock) : IOutboundQueue
{
    public ConcurrentQueue<(int ConversationId, string Body, string? SentById, MessageOrigin Origin)> Sent { get; } = new();

    /// <summary>The rules a lead overrode, per queued message.</summary>
    public ConcurrentDictionary<long, IReadOnlyCollection<ContactRule>> OverriddenRules { get; } = new();

    /// <summary>Runs first on every call: lets a test make something happen between Core's checks and the send.</summary>
    public Func<Task>? BeforeEnqueue { get; set; }

    public async Task<long> EnqueueAsync(int conversationId, string body, string? sentById, MessageOrigin origin,
        IReadOnlyCollection<ContactRule>? overriddenRules = null, CancellationToken cancellationToken = default)
    {
        if (BeforeEnqueue is { } before)
        {
            await before();
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.Include(c => c.Texter).SingleAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation.Texter.IsOptedOut)
        {
            throw new OutboundRefusedException("The texter opted out (STOP).");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var message = OutboundMessages.NewQueued(conversationId, body, sentById, origin, now);
        message.OverriddenRules = ContactSafetyPolicy.FormatRules(overriddenRules ?? []);
        db.Messages.Add(message);
        conversation.LastMessageUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        Sent.Enqueue((conversationId, body, sentById, origin));
        OverriddenRules[message.Id] = overriddenRules ?? [];
        return message.Id;
    }
}
