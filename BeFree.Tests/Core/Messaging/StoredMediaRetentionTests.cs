using BeFree.Core.Messaging.TwilioCopies;
using BeFree.Core.Retention;
using BeFree.Core.Risk;
using BeFree.Tests.Core.Conversations;
using BeFree.Tests.Core.Reports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Tests.Core.Messaging;

/// <summary>Retention erases BeFree's own copies of pictures together with the texts and links, and nothing else.</summary>
public sealed class StoredMediaRetentionTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 7, 15, 15, 0, 0, DateTimeKind.Utc);
    private static readonly byte[] Picture = [0xFF, 0xD8, 0xFF, 0xE0, 9, 8, 7, 6, 5, 4, 3, 2, 1];

    private WorkspaceHost _host = null!;
    private ReportDataSet _data = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkspaceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Retention:Enabled"] = "false",
            ["Retention:EraseBodiesAfterDays"] = "30",
        });
        _host.Clock.SetUtcNow(Now);
        _data = new ReportDataSet(_host, await _host.CreateAdvocateAsync("Avery Advocate"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A conversation closed at <paramref name="closedUtc"/> whose picture BeFree holds a copy of; returns that copy's attachment id.</summary>
    private async Task<long> ConversationWithStoredPictureAsync(DateTime closedUtc)
    {
        var conversationId = await _data.ConversationAsync(closedUtc.AddHours(-1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), RiskLevel.High,
            "Substantive case", "texter referred to shelter");
        var messageId = await _data.AddMediaAsync(conversationId, "https://api.twilio.com/media/ME1");
        await using var db = await _host.DbAsync();
        var mediaId = await db.MessageMedia.Where(m => m.MessageId == messageId).Select(m => m.Id).SingleAsync();
        db.StoredMedia.Add(new StoredMedia
        {
            MessageMediaId = mediaId,
            ProtectedContent = _host.Get<StoredMediaStore>().Protect(Picture),
            ContentType = "image/jpeg",
            StoredUtc = closedUtc,
        });
        await db.SaveChangesAsync();
        return mediaId;
    }

    [Fact]
    public async Task Erasing_a_conversation_erases_the_pictures_BeFree_keeps_of_it()
    {
        var old = await ConversationWithStoredPictureAsync(Now.AddDays(-31));
        var recent = await ConversationWithStoredPictureAsync(Now.AddDays(-29));

        var run = await _host.Get<RetentionService>().RunOnceAsync();

        Assert.Equal(1, run.MediaErased);
        await using var db = await _host.DbAsync();
        Assert.Equal([recent], await db.StoredMedia.Select(s => s.MessageMediaId).ToListAsync());
        Assert.Equal("", await db.MessageMedia.Where(m => m.Id == old).Select(m => m.Url).SingleAsync());
        var kept = await _host.Get<StoredMediaStore>().ReadAsync(db, recent, CancellationToken.None);
        Assert.Equal(Picture, kept?.Content);
    }

    [Fact]
    public void The_copies_are_protected_under_their_own_purpose()
    {
        var protectedPicture = _host.Get<StoredMediaStore>().Protect(Picture);
        var otherPurpose = _host.Get<IDataProtectionProvider>().CreateProtector("BeFree.Something.Else");
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => otherPurpose.Unprotect(protectedPicture));
        Assert.Equal(Picture, _host.Get<IDataProtectionProvider>().CreateProtector(StoredMediaStore.Purpose).Unprotect(protectedPicture));
    }
}
