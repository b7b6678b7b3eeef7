using Microsoft.Extensions.Options;

namespace BeFree.Web.Security;

/// <summary>
/// The root <c>AllowedHosts</c> setting as the app starts with it. In Production it must name the
/// hotline's own host names: a request for any other host is refused (400) before it reaches the
/// app, so a forged Host header cannot steer links or URLs the app builds.
/// </summary>
public sealed class AllowedHostsSetting
{
    public string? Value { get; set; }
}

internal sealed class AllowedHostsValidator(IHostEnvironment environment) : IValidateOptions<AllowedHostsSetting>
{
    public ValidateOptionsResult Validate(string? name, AllowedHostsSetting options)
    {
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Success;
        }
        var hosts = options.Value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (hosts.Length == 0 || hosts.Contains("*"))
        {
            return ValidateOptionsResult.Fail(
                "AllowedHosts must list the host names BeFree is reached at in Production, separated by ';' (for example AllowedHosts=befree.example.org); it is missing or '*'.");
        }
        return ValidateOptionsResult.Success;
    }
}

internal static class AllowedHostsGuard
{
    public static IServiceCollection AddAllowedHostsGuard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AllowedHostsSetting>().Configure(o => o.Value = configuration["AllowedHosts"]).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AllowedHostsSetting>, AllowedHostsValidator>();
        return services;
    }
}
