using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Core.Staff;

/// <summary>
/// Length limits and a list of commonly used passwords, as current guidance recommends instead of
/// composition rules. The 12-character minimum is Identity's own RequiredLength.
/// </summary>
public sealed class StaffPasswordValidator : IPasswordValidator<StaffUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadCommonPasswords);

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        password ??= "";
        if (password.Length > MaximumLength)
        {
            return Fail("PasswordTooLong", $"Passwords can be at most {MaximumLength} characters.");
        }
        if (IsCommon(password))
        {
            return Fail("PasswordTooCommon", "That password is too common. Choose something only you would use, such as a few unrelated words.");
        }
        if (user.Email is { Length: > 0 } email && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) && email.Split('@')[0].Length >= 4)
        {
            return Fail("PasswordContainsEmail", "Your password must not contain your email name.");
        }
        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password)
    {
        var normalized = password.Trim().ToLowerInvariant();
        // One repeated character, or a list entry, either way round.
        return normalized.Distinct().Count() <= 2
            || CommonPasswords.Value.Contains(normalized)
            || CommonPasswords.Value.Contains(new string(normalized.Reverse().ToArray()));
    }

    private static Task<IdentityResult> Fail(string code, string description)
        => Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    private static HashSet<string> LoadCommonPasswords()
    {
        var assembly = typeof(StaffPasswordValidator).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("common-passwords.txt", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }
        return set;
    }
}
