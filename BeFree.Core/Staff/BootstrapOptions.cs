using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BeFree.Core.Staff;

/// <summary>Section <c>Bootstrap</c>: creates the first Admin at start-up for automated installs.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string AdminDisplayName { get; set; } = "Administrator";
    /// <summary>False only for test and training installs; refused in Production.</summary>
    public bool RequireTwoFactor { get; set; } = true;
}

internal sealed class BootstrapOptionsValidator(IHostEnvironment environment) : IValidateOptions<BootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        var failures = new List<string>();
        if (!options.RequireTwoFactor && environment.IsProduction())
        {
            failures.Add("Bootstrap:RequireTwoFactor=false is refused in Production: administrators must use two-factor sign-in.");
        }
        var hasEmail = !string.IsNullOrWhiteSpace(options.AdminEmail);
        var hasPassword = !string.IsNullOrWhiteSpace(options.AdminPassword);
        if (hasEmail != hasPassword)
        {
            failures.Add("Bootstrap:AdminEmail and Bootstrap:AdminPassword must be set together.");
        }
        if (hasPassword && options.AdminPassword!.Length < StaffPasswordValidator.MinimumLength)
        {
            failures.Add($"Bootstrap:AdminPassword must be at least {StaffPasswordValidator.MinimumLength} characters.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
