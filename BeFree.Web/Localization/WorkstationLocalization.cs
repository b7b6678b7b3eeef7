using System.Globalization;
using BeFree.Core.Staff;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;

namespace BeFree.Web.Localization;

/// <summary>
/// The workstation in the person's language (docs/decisions/0024-workstation-localization.md). Each request, and so
/// each circuit (Blazor Server takes the culture of the request that opens the circuit), runs in the culture of the
/// signed-in person's <see cref="StaffPreferences.Language"/>, read from the database; changing it reloads the page.
/// </summary>
public static class WorkstationLocalization
{
    public static readonly IReadOnlyList<CultureInfo> Cultures =
        [.. Enum.GetValues<WorkstationLanguage>().Select(l => CultureInfo.GetCultureInfo(l.CultureName()))];

    /// <summary>IStringLocalizer for the .resx beside each feature's text class, and MudBlazor's own words. After AddMudServices.</summary>
    public static IServiceCollection AddWorkstationLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.RemoveAll<MudLocalizer>();
        services.AddTransient<MudLocalizer, WorkstationMudLocalizer>();
        return services;
    }

    /// <summary>After UseAuthentication: the person's language comes from their account.</summary>
    public static IApplicationBuilder UseWorkstationLocalization(this IApplicationBuilder app)
    {
        var english = WorkstationLanguage.English.CultureName();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(english),
            SupportedCultures = [.. Cultures],
            SupportedUICultures = [.. Cultures],
            // The account's choice first; before sign-in, what this browser last used; never the browser's
            // Accept-Language (a shared hotline computer's browser says nothing about who sits at it).
            RequestCultureProviders = [new StaffLanguageCultureProvider(), new CookieRequestCultureProvider()],
        };
        return app.UseRequestLocalization(options);
    }
}
