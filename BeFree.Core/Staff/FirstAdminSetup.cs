using System.Security.Cryptography;
using System.Text;
using BeFree.Core.Audit;
using BeFree.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BeFree.Core.Staff;

public sealed record FirstAdminRequest(string Token, string Email, string DisplayName, string Password);

/// <summary>
/// The one-time setup link: while no staff account exists, a random token (logged at start-up)
/// lets one person create the first Admin. Once any account exists the page is gone.
/// </summary>
public sealed class FirstAdminSetup(IServiceScopeFactory scopeFactory, AuditLog audit, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Only ever compared, never shown except in the start-up log.</summary>
    public string Token { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    public async Task<bool> IsOpenAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BeFreeDbContext>();
        return !await db.Users.AnyAsync(cancellationToken);
    }

    public bool IsValidToken(string? token)
        => token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(Token));

    /// <summary>Creates the first Admin, or throws <see cref="StaffRuleException"/> with a message to show.</summary>
    public async Task<string> CreateFirstAdminAsync(FirstAdminRequest request, CancellationToken cancellationToken = default)
    {
        if (!IsValidToken(request.Token))
        {
            throw new StaffAuthorizationException(StaffMessages.Get("SetupLinkInvalid"));
        }
        // Serialised so two people submitting at once cannot both become the first admin.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!await IsOpenAsync(cancellationToken))
            {
                throw new StaffRuleException(StaffMessages.Get("SetupComplete"));
            }
            var id = await CreateAdminAsync(scopeFactory, request.Email, request.DisplayName, request.Password, twoFactorExempt: false, clock);
            await audit.WriteAsync(new AuditActor(id, request.DisplayName.Trim()), AuditActions.FirstAdminCreated, "staff", id,
                "via setup link", cancellationToken);
            return id;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static async Task<string> CreateAdminAsync(IServiceScopeFactory scopeFactory, string email, string displayName,
        string password, bool twoFactorExempt, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 100)
        {
            throw new StaffRuleException(StaffMessages.Get("DisplayName"));
        }
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            TwoFactorExempt = twoFactorExempt,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        StaffAdministration.ThrowIfFailed(await users.CreateAsync(user, password));
        StaffAdministration.ThrowIfFailed(await users.AddToRolesAsync(user, [StaffRoles.Admin]));
        return user.Id;
    }
}
