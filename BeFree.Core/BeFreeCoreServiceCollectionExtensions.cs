using BeFree.Core.Audit;
using BeFree.Core.Conversations;
using BeFree.Core.Data;
using BeFree.Core.Live;
using BeFree.Core.Escalations;
using BeFree.Core.Messaging;
using BeFree.Core.Observability;
using BeFree.Core.Queue;
using BeFree.Core.Reports;
using BeFree.Core.Retention;
using BeFree.Core.Risk;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BeFree.Core;

public static class BeFreeCoreServiceCollectionExtensions
{
    /// <summary>Everything the hotline's domain needs: data, staff identity stores, audit, live updates.</summary>
    public static IServiceCollection AddBeFreeCore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingletonTimeProvider();
        // IStringLocalizer for every host of Core (the app, and the component tests on a Core host): the workstation's
        // words and Core's labels come from English and Spanish resources (docs/decisions/0024-workstation-localization.md).
        services.AddLocalization();

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<DatabaseOptions>>(new DatabaseConnectionStringSetup(configuration, environment));
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>();
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        // Pooled: every operation takes a context of its own (several per text on the hot paths), and a
        // new one costs its service scope and internal state each time; a pooled one is reset instead.
        // BeFreeDbContext holds no state of its own beyond what EF resets (docs/decisions/0018-postgresql-ingest.md).
        services.AddPooledDbContextFactory<BeFreeDbContext>((sp, options) =>
            options.UseBeFreeDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        // Identity's stores and the Data Protection key ring take a scoped context.
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<BeFreeDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseWriteGate>();
        services.AddSingleton<SmallWriteQueue>();

        services.AddIdentityCore<StaffUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // User names are emails; any character an email may hold is fine.
                options.User.AllowedUserNameCharacters = "";
                options.Password.RequiredLength = StaffPasswordValidator.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
                options.Stores.SchemaVersion = BeFreeDbContext.IdentitySchemaVersion;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BeFreeDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<StaffPasswordValidator>()
            .AddErrorDescriber<StaffIdentityErrors>();

        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<AuditLog>();
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditChain>();
        // Live updates between app servers (Redis) or within this one.
        services.AddBeFreeLiveBus(configuration);
        services.AddSingleton<ConversationNotifier>();
        services.AddSingleton<StaffAdministration>();
        services.AddSingleton<StaffSecondFactors>();
        services.AddSingleton<StaffPreferencesService>();
        services.AddSingleton<FirstAdminSetup>();

        // Advocate workspace: queue, conversations, safe contact, risk, escalation.
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffPresenceRegistry>();
        services.AddSingleton<IStaffPresence>(sp => sp.GetRequiredService<StaffPresenceRegistry>());
        services.AddSingleton<LeadAlerts>();
        services.AddSingleton(_ => RiskLexicon.LoadEmbedded());
        services.AddSingleton<QueueService>();
        services.AddSingleton<QueueSnapshots>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<ConversationReopening>();
        services.AddSingleton<TexterSafetyService>();
        services.AddSingleton<TexterBlocking>();
        services.AddSingleton<ConversationLanguageService>();
        services.AddSingleton<ReplyService>();
        services.AddSingleton<ReplyDraftService>();
        services.AddSingleton<CannedResponses>();
        services.AddSingleton<RiskService>();
        services.AddSingleton<LawEnforcementDirectory>();
        services.AddSingleton<EscalationService>();
        AddReach(services, configuration);

        // Shift lead's live board.
        services.AddOptions<BoardOptions>().Bind(configuration.GetSection(BoardOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SharedViewOptions>().Bind(configuration.GetSection(SharedViewOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LiveBoardService>();
        services.AddSingleton<BoardSnapshots>();
        services.AddSingleton<StaffNotices>();

        // Reports, exports and retention.
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BeFree.Core.Time.HotlineTime>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReportService>();
        services.AddSingleton<ReportExports>();
        services.AddSingleton<TranscriptService>();
        services.AddSingleton<RetentionService>();

        // Start-up order matters: schema first, then roles and the bootstrap admin.
        services.AddHostedService<DatabaseInitializerHostedService>();
        services.AddHostedService<StaffStartup>();
        services.AddHostedService<LawEnforcementDirectorySeed>();
        services.AddHostedService<CannedResponseSeed>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        services.AddHostedService<AuditSealer>();
        // After the schema exists: the CRM deliverer reads its outbox as it starts.
        services.AddHostedService(sp => sp.GetRequiredService<BeFree.Core.Crm.CrmDeliverer>());
        // After the schema exists: the outbound sender scans the database as it starts.
        services.AddBeFreeMessaging(configuration);
        services.AddBeFreeObservability(configuration);
        return services;
    }

    /// <summary>Referrals beyond law enforcement, CRM webhooks and conversation search.</summary>
    private static void AddReach(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BeFree.Core.Referrals.ReferralDirectory>();
        services.AddSingleton<BeFree.Core.Referrals.ReferralSender>();
        services.AddSingleton<BeFree.Core.Search.ConversationSearch>();
        services.AddOptions<BeFree.Core.Crm.CrmOptions>().Bind(configuration.GetSection(BeFree.Core.Crm.CrmOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BeFree.Core.Crm.CrmEndpoints>();
        // Redirects are not followed: a CRM endpoint answers where it was configured, nowhere else.
        services.AddHttpClient(BeFree.Core.Crm.CrmDeliverer.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<BeFree.Core.Crm.CrmDeliverer>();
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
