using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BeFree.Core.Referrals;

public sealed record SupportServiceInput(
    string Name,
    string NeutralName,
    ServiceKind Kind,
    bool IsNational,
    string? State,
    string? CountyOrCity,
    IReadOnlyCollection<string> Languages,
    string Phone,
    string? Hours,
    string? Notes);

public sealed record SupportServiceView(
    int Id,
    string Name,
    string NeutralName,
    ServiceKind Kind,
    bool IsNational,
    string? State,
    string? CountyOrCity,
    IReadOnlyList<string> Languages,
    string Phone,
    string? Hours,
    string? Notes,
    bool IsActive)
{
    public string Jurisdiction => IsNational ? "Nationwide"
        : string.IsNullOrEmpty(CountyOrCity) ? State ?? "" : $"{CountyOrCity}, {State}";

    /// <summary>The text a referral to this service starts from.</summary>
    public string DefaultText => NeutralWording.DefaultText(NeutralName, Phone, Hours);

    internal static SupportServiceView From(SupportService s) => new(s.Id, s.Name, s.NeutralName, s.Kind, s.IsNational, s.State,
        s.CountyOrCity, ReferralDirectory.SplitLanguages(s.Languages), s.Phone, s.Hours, s.Notes, s.IsActive);
}

/// <summary>
/// The directory of services beyond law enforcement (shelter, legal aid, medical, labor rights,
/// immigration, youth) by jurisdiction and language. Everyone on staff searches it; shift leads and
/// admins manage it. Entries are deactivated, never deleted, because referrals refer to them.
/// </summary>
public sealed class ReferralDirectory(IDbContextFactory<BeFreeDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public const int MaxNeutralNameLength = 60;
    private static readonly string[] Managers = [StaffRoles.ShiftLead, StaffRoles.Admin];

    /// <summary>Language codes the directory knows; a service names one or more.</summary>
    public static readonly IReadOnlyList<string> KnownLanguages = ["en", "es"];

    public static string KindText(ServiceKind kind) => kind switch
    {
        ServiceKind.Shelter => "Shelter",
        ServiceKind.LegalAid => "Legal aid",
        ServiceKind.Medical => "Medical",
        ServiceKind.LaborRights => "Labor rights",
        ServiceKind.Immigration => "Immigration",
        ServiceKind.Youth => "Youth",
        _ => kind.ToString(),
    };

    public static string LanguageText(string code) => code switch { "en" => "English", "es" => "Spanish", _ => code };

    private static string ReaderLanguage(string code) => code switch
    {
        "en" => ReferralMessages.Get("Language_en"),
        "es" => ReferralMessages.Get("Language_es"),
        _ => code,
    };

    /// <summary>Services for a state (exact, any case) and language; nationwide services always match the state.</summary>
    public async Task<IReadOnlyList<SupportServiceView>> SearchAsync(string actorId, string? state = null, string? language = null,
        ServiceKind? kind = null, string? text = null, bool includeInactive = false, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await StaffAccess.RequireAsync(db, actorId, cancellationToken);
        // The directory is small: filtering in memory keeps the matching case-insensitive on every provider.
        var all = await db.SupportServices.AsNoTracking().ToListAsync(cancellationToken);
        var wantedState = string.IsNullOrWhiteSpace(state) ? null : state.Trim();
        var wantedLanguage = string.IsNullOrWhiteSpace(language) ? null : language.Trim().ToLowerInvariant();
        var words = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return all
            .Where(s => includeInactive || s.IsActive)
            .Where(s => s.IsNational || wantedState is null || string.Equals(s.State, wantedState, StringComparison.OrdinalIgnoreCase))
            .Where(s => wantedLanguage is null || SplitLanguages(s.Languages).Contains(wantedLanguage))
            .Where(s => kind is null || s.Kind == kind)
            .Where(s => words is null || s.Name.Contains(words, StringComparison.OrdinalIgnoreCase)
                || (s.CountyOrCity ?? "").Contains(words, StringComparison.OrdinalIgnoreCase)
                || (s.Notes ?? "").Contains(words, StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.IsNational).ThenBy(s => s.Kind).ThenBy(s => s.State).ThenBy(s => s.Name)
            .Select(SupportServiceView.From)
            .ToList();
    }

    public async Task<int> CreateAsync(string actorId, SupportServiceInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, Managers);
        var now = clock.GetUtcNow().UtcDateTime;
        var service = new SupportService { CreatedUtc = now };
        Apply(service, input, now);
        db.SupportServices.Add(service);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(ConversationAccess.Actor(actor), ReferralAuditActions.ServiceCreated, "support-service", service.Id.ToString(),
            $"kind={service.Kind}; languages={service.Languages}", cancellationToken);
        return service.Id;
    }

    public async Task UpdateAsync(string actorId, int serviceId, SupportServiceInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, Managers);
        var service = await db.SupportServices.FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken)
            ?? throw new ConversationActionException(ReferralMessages.Get("ServiceNotFound"));
        Apply(service, input, clock.GetUtcNow().UtcDateTime);
        audit.Add(db, ConversationAccess.Actor(actor), ReferralAuditActions.ServiceUpdated, "support-service", service.Id.ToString(),
            $"kind={service.Kind}; languages={service.Languages}");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetActiveAsync(string actorId, int serviceId, bool active, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await StaffAccess.RequireAsync(db, actorId, cancellationToken, Managers);
        var rows = await db.SupportServices.Where(s => s.Id == serviceId && s.IsActive != active)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.IsActive, active).SetProperty(s => s.UpdatedUtc, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (rows == 1)
        {
            await audit.WriteAsync(ConversationAccess.Actor(actor), active ? ReferralAuditActions.ServiceActivated : ReferralAuditActions.ServiceDeactivated,
                "support-service", serviceId.ToString(), null, cancellationToken);
        }
    }

    internal static IReadOnlyList<string> SplitLanguages(string languages)
        => languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Apply(SupportService service, SupportServiceInput input, DateTime now)
    {
        static Exception Fail(string message) => new ConversationActionException(message);
        if (!Enum.IsDefined(input.Kind))
        {
            throw Fail(ReferralMessages.Get("ChooseKind"));
        }
        var name = TypedText.Require(input.Name, ReferralMessages.Get("Field_Name"), 200, Fail);
        var neutral = TypedText.Require(input.NeutralName, ReferralMessages.Get("Field_NeutralName"), MaxNeutralNameLength, Fail);
        var alarming = NeutralWording.FindAlarmingWords(neutral);
        if (alarming.Count > 0)
        {
            throw Fail(ReferralMessages.Get("NeutralNameAlarming", string.Join("\", \"", alarming)));
        }
        if (string.Equals(neutral, name, StringComparison.OrdinalIgnoreCase) && neutral.Contains(' '))
        {
            throw Fail(ReferralMessages.Get("NeutralNameIsName"));
        }
        var phone = TypedText.Require(input.Phone, ReferralMessages.Get("Field_Phone"), 40, Fail);
        string? state = null;
        if (!input.IsNational)
        {
            state = TypedText.Require(input.State, ReferralMessages.Get("Field_State"), 50, Fail).ToUpperInvariant();
        }
        var languages = input.Languages.Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).Distinct().ToList();
        if (languages.Count == 0 || languages.Any(l => !KnownLanguages.Contains(l)))
        {
            throw Fail(ReferralMessages.Get("ChooseLanguages", string.Join(", ", KnownLanguages.Select(ReaderLanguage))));
        }
        service.Name = name;
        service.NeutralName = neutral;
        service.Kind = input.Kind;
        service.IsNational = input.IsNational;
        service.State = state;
        service.CountyOrCity = input.IsNational ? null : TypedText.Optional(input.CountyOrCity, ReferralMessages.Get("Field_CountyOrCity"), 100, Fail);
        service.Languages = string.Join(',', languages);
        service.Phone = phone;
        service.Hours = TypedText.Optional(input.Hours, ReferralMessages.Get("Field_Hours"), 100, Fail);
        service.Notes = TypedText.Optional(input.Notes, ReferralMessages.Get("Field_Notes"), 1000, Fail);
        service.UpdatedUtc = now;
    }
}

public static class ReferralAuditActions
{
    public const string ServiceCreated = "referral.service-created";
    public const string ServiceUpdated = "referral.service-updated";
    public const string ServiceActivated = "referral.service-activated";
    public const string ServiceDeactivated = "referral.service-deactivated";
    public const string ReferralSent = "referral.sent";
}
