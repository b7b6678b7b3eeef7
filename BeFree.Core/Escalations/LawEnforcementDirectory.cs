using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Escalations;

public sealed record LawEnforcementContactInput(
    string Agency,
    bool IsNational,
    string? State,
    string? CountyOrCity,
    string? ContactName,
    string? Phone,
    string? Email,
    string? TwentyFourSevenPhone,
    string? Notes);

public sealed record LawEnforcementContactView(
    int Id,
    string Agency,
    bool IsNational,
    string? State,
    string? CountyOrCity,
    string? ContactName,
    string? Phone,
    string? Email,
    string? TwentyFourSevenPhone,
    string? Notes,
    bool IsActive,
    /// <summary>NCMEC's CyberTipline (the seeded entry): its reports carry a category and the incident facts.</summary>
    bool IsCyberTipline = false)
{
    public string Jurisdiction => IsNational ? "Nationwide"
        : string.IsNullOrEmpty(CountyOrCity) ? State ?? "" : $"{CountyOrCity}, {State}";

    internal static LawEnforcementContactView From(LawEnforcementContact c) => new(c.Id, c.Agency, c.IsNational, c.State,
        c.CountyOrCity, c.ContactName, c.Phone, c.Email, c.TwentyFourSevenPhone, c.Notes, c.IsActive,
        c.SeedKey == LawEnforcementDirectorySeed.CyberTiplineKey);
}

/// <summary>
/// The law-enforcement directory: everyone on staff searches it; shift leads and admins manage it.
/// Entries are deactivated, never deleted, because escalations refer to them.
/// </summary>
public sealed class LawEnforcementDirectory(IDbContextFactory<BeFreeDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    private static readonly string[] Managers = [StaffRoles.ShiftLead, StaffRoles.Admin];

    /// <summary>
    /// Contacts for a jurisdiction: state matches exactly (code or name, any case), county or city
    /// and free text match as parts. Nationwide lines come first unless left out.
    /// </summary>
    public async Task<IReadOnlyList<LawEnforcementContactView>> SearchAsync(string actorId, string? state = null, string? countyOrCity = null,
        string? text = null, bool includeNational = true, bool includeInactive = false, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        // The directory is small: filtering in memory keeps the matching case-insensitive on every provider.
        var all = await db.LawEnforcementContacts.AsNoTracking().ToListAsync(cancellationToken);
        var wantedState = NormalizeState(state);
        return all
            .Where(c => includeInactive || c.IsActive)
            .Where(c => c.IsNational
                ? includeNational
                : (wantedState is null || string.Equals(c.State, wantedState, StringComparison.OrdinalIgnoreCase))
                  && (string.IsNullOrWhiteSpace(countyOrCity) || (c.CountyOrCity ?? "").Contains(countyOrCity.Trim(), StringComparison.OrdinalIgnoreCase)))
            .Where(c => string.IsNullOrWhiteSpace(text)
                || c.Agency.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)
                || (c.ContactName ?? "").Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)
                || (c.CountyOrCity ?? "").Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)
                || (c.Notes ?? "").Contains(text.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(c => c.IsNational)
            .ThenBy(c => c.State)
            .ThenBy(c => c.CountyOrCity)
            .ThenBy(c => c.Agency)
            .Select(LawEnforcementContactView.From)
            .ToList();
    }

    public async Task<LawEnforcementContactView?> GetAsync(string actorId, int contactId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        var contact = await db.LawEnforcementContacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        return contact is null ? null : LawEnforcementContactView.From(contact);
    }

    public async Task<int> CreateAsync(string actorId, LawEnforcementContactInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, Managers);
        var now = clock.GetUtcNow().UtcDateTime;
        var contact = new LawEnforcementContact { CreatedUtc = now, IsActive = true };
        Apply(contact, input, now);
        db.LawEnforcementContacts.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(ConversationAccess.Actor(actor), AuditActions.LawContactCreated, "law-contact", contact.Id.ToString(),
            $"agency={contact.Agency}", cancellationToken);
        return contact.Id;
    }

    public async Task UpdateAsync(string actorId, int contactId, LawEnforcementContactInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, Managers);
        var contact = await db.LawEnforcementContacts.FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken)
            ?? throw new EscalationRuleException(EscalationMessages.Get("Directory_NotFound"));
        Apply(contact, input, clock.GetUtcNow().UtcDateTime);
        audit.Add(db, ConversationAccess.Actor(actor), AuditActions.LawContactUpdated, "law-contact", contact.Id.ToString(), $"agency={contact.Agency}");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetActiveAsync(string actorId, int contactId, bool active, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, Managers);
        var contact = await db.LawEnforcementContacts.FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken)
            ?? throw new EscalationRuleException(EscalationMessages.Get("Directory_NotFound"));
        if (contact.IsActive == active)
        {
            return;
        }
        contact.IsActive = active;
        contact.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        audit.Add(db, ConversationAccess.Actor(actor), active ? AuditActions.LawContactActivated : AuditActions.LawContactDeactivated,
            "law-contact", contact.Id.ToString(), $"agency={contact.Agency}");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Apply(LawEnforcementContact contact, LawEnforcementContactInput input, DateTime now)
    {
        static Exception Fail(string message) => new EscalationRuleException(message);
        contact.Agency = TypedText.Require(input.Agency, EscalationMessages.Get("Field_Agency"), 200, Fail);
        contact.IsNational = input.IsNational;
        contact.State = input.IsNational ? null : NormalizeState(TypedText.Optional(input.State, EscalationMessages.Get("Field_State"), 50, Fail))
            ?? throw Fail(EscalationMessages.Get("Directory_ChooseState"));
        contact.CountyOrCity = input.IsNational ? null : TypedText.Optional(input.CountyOrCity, EscalationMessages.Get("Field_CountyOrCity"), 100, Fail);
        contact.ContactName = TypedText.Optional(input.ContactName, EscalationMessages.Get("Field_ContactName"), 100, Fail);
        contact.Phone = TypedText.Optional(input.Phone, EscalationMessages.Get("Field_Phone"), 40, Fail);
        contact.Email = TypedText.Optional(input.Email, EscalationMessages.Get("Field_Email"), 256, Fail);
        contact.TwentyFourSevenPhone = TypedText.Optional(input.TwentyFourSevenPhone, EscalationMessages.Get("Field_TwentyFourSeven"), 40, Fail);
        contact.Notes = TypedText.Optional(input.Notes, EscalationMessages.Get("Field_Notes"), 2000, Fail);
        if (contact.Email is { } email && (!email.Contains('@') || email.Contains(' ')))
        {
            throw Fail(EscalationMessages.Get("Directory_BadEmail"));
        }
        if (contact.Phone is null && contact.Email is null && contact.TwentyFourSevenPhone is null)
        {
            throw Fail(EscalationMessages.Get("Directory_NoWayToReach"));
        }
        contact.UpdatedUtc = now;
    }

    /// <summary>Two-letter codes are stored upper case; names as typed.</summary>
    internal static string? NormalizeState(string? state)
    {
        var trimmed = state?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return trimmed.Length == 2 ? trimmed.ToUpperInvariant() : trimmed;
    }
}
