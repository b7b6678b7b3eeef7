using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Messaging.Outbound;
using BeFree.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Tests.Web.Twilio.Support;

/// <summary>
/// The real app with known Twilio credentials. Simulated by default; <see cref="Live"/> points the
/// REST client at a local fake. Retries are fast so tests do not wait on backoff.
/// </summary>
public class TwilioWebFactory : BeFreeWebFactory
{
    public const string AuthToken = "test-auth-token-0123456789abcdef";
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    /// <summary>The Authorization header Twilio expects from this test account.</summary>
    public static readonly string BasicAuthorization = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
    public const string ShortCode = "233733";

    public TwilioWebFactory() : this(null)
    {
    }

    /// <param name="sharedDatabase">A database that outlives this app instance (restart tests).</param>
    private TwilioWebFactory(TestDatabase? sharedDatabase) : base(sharedDatabase)
    {
        Settings["Twilio:Mode"] = "Simulated";
        Settings["Twilio:AuthToken"] = AuthToken;
        Settings["Twilio:AccountSid"] = AccountSid;
        Settings["Twilio:From"] = ShortCode;
        Settings["Twilio:RetryBaseDelayMilliseconds"] = "50";
        Settings["Twilio:RetryMaxDelayMilliseconds"] = "200";
        Settings["Twilio:MaxSendAttempts"] = "4";
        Settings["Twilio:RequestTimeoutSeconds"] = "5";
        Settings["Twilio:SendLeaseSeconds"] = "10";
        Settings["Twilio:SimulatedDeliveryDelayMilliseconds"] = "20";
    }

    /// <summary>Replaces services after the app registered its own (set before first use).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    public static TwilioWebFactory Live(string apiBaseUrl, TestDatabase? sharedDatabase = null)
    {
        var factory = new TwilioWebFactory(sharedDatabase);
        factory.Settings["Twilio:Mode"] = "Live";
        factory.Settings["Twilio:ApiBaseUrl"] = apiBaseUrl;
        // The test server is http://localhost: signatures and status callbacks use it.
        factory.Settings["Twilio:PublicBaseUrl"] = "http://localhost";
        return factory;
    }

    public async Task<string> AdminIdAsync()
    {
        await using var db = await CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == TestAccounts.AdminEmail).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A texter with one queued conversation, written straight to the database.</summary>
    public async Task<int> SeedConversationAsync(string phoneNumber, ConversationStatus status = ConversationStatus.Queued, string? assignedToId = null)
    {
        await using var db = await CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var conversation = new Conversation
        {
            Texter = new Texter { PhoneNumber = phoneNumber, FirstSeenUtc = now },
            Status = status,
            AssignedToId = assignedToId,
            CreatedUtc = now,
            QueuedUtc = now,
            LastMessageUtc = now,
            ClosedUtc = status == ConversationStatus.Closed ? now : null,
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    /// <summary>Re-checks <paramref name="condition"/> after every live update (and at least each second) until it holds.</summary>
    public async Task WaitUntilAsync(Func<BeFreeDbContext, Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var changed = new SemaphoreSlim(0);
        using var subscription = Get<ConversationNotifier>().Subscribe(_ =>
        {
            changed.Release();
            return Task.CompletedTask;
        });
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            await using (var db = await CreateDbContextAsync())
            {
                if (await condition(db))
                {
                    return;
                }
            }
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }
            await changed.WaitAsync(remaining < TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1));
        }
    }

    public Task<Message> WaitForMessageAsync(long messageId, Func<Message, bool> condition, string what, TimeSpan? timeout = null)
        => WaitForAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == messageId), condition, what, timeout);

    public async Task<T> WaitForAsync<T>(Func<BeFreeDbContext, Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        T last = default!;
        await WaitUntilAsync(async db => condition(last = await read(db)), what, timeout);
        return last;
    }

    public void WakeSender() => Get<OutboundSignal>().Signal();
}

/// <summary>The default fixture: Simulated mode.</summary>
public sealed class SimulatedTwilioFactory : TwilioWebFactory;
