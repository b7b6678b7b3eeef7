using System.IO.Compression;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Core.Staff;

/// <summary>
/// Length limits, a list of breached passwords, and no keyboard runs or repeats, as current guidance
/// (NIST SP 800-63B) recommends instead of composition rules. The 12-character minimum is
/// Identity's own RequiredLength. <see cref="Rules"/> is what the pages show before anyone types.
/// </summary>
public sealed class StaffPasswordValidator : IPasswordValidator<StaffUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    /// <summary>The rules, stated up front wherever a password is chosen, in the reader's language.</summary>
    public static IReadOnlyList<string> Rules =>
    [
        StaffMessages.Get("Rule_Length", MinimumLength, MaximumLength),
        StaffMessages.Get("Rule_Breached"),
        StaffMessages.Get("Rule_KeyboardRun"),
        StaffMessages.Get("Rule_Repeated"),
        StaffMessages.Get("Rule_EmailName"),
    ];

    /// <summary>Runs of this many neighbouring keys count; shorter ones occur in ordinary words.</summary>
    private const int MinimumRun = 4;

    private static readonly string[] KeyboardSequences =
    [
        "`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./", "~!@#$%^&*()_+", "abcdefghijklmnopqrstuvwxyz",
        // Columns of a QWERTY keyboard, as in 1qaz2wsx.
        "1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.", "0p;/",
    ];

    private static readonly Lazy<HashSet<string>> BreachedPasswords = new(LoadBreachedPasswords, LazyThreadSafetyMode.ExecutionAndPublication);

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        password ??= "";
        if (password.Length > MaximumLength)
        {
            return Fail("PasswordTooLong", StaffMessages.Get("Password_TooLong", MaximumLength));
        }
        if (IsCommon(password))
        {
            return Fail("PasswordTooCommon", StaffMessages.Get("Password_TooCommon"));
        }
        if (IsMostlyKeyboardRun(password))
        {
            return Fail("PasswordKeyboardRun", StaffMessages.Get("Password_KeyboardRun"));
        }
        if (IsRepeat(password))
        {
            return Fail("PasswordRepeated", StaffMessages.Get("Password_Repeated"));
        }
        if (user.Email is { Length: > 0 } email && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) && email.Split('@')[0].Length >= 4)
        {
            return Fail("PasswordContainsEmail", StaffMessages.Get("Password_ContainsEmail"));
        }
        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>On the breached list (either way round, ignoring case), or only one or two different characters.</summary>
    public static bool IsCommon(string password)
    {
        var normalized = password.Trim().ToLowerInvariant();
        return normalized.Distinct().Count() <= 2
            || BreachedPasswords.Value.Contains(normalized)
            || BreachedPasswords.Value.Contains(Reverse(normalized));
    }

    /// <summary>
    /// More than half of the characters lie in runs of at least <see cref="MinimumRun"/> neighbouring
    /// keys (or letters of the alphabet), forwards or backwards: qwertyuiop12, 0987654321ab.
    /// </summary>
    public static bool IsMostlyKeyboardRun(string password)
    {
        var text = password.ToLowerInvariant();
        if (text.Length == 0)
        {
            return false;
        }
        var covered = new bool[text.Length];
        for (var start = 0; start < text.Length; start++)
        {
            var length = LongestRunFrom(text, start);
            if (length >= MinimumRun)
            {
                Array.Fill(covered, true, start, length);
            }
        }
        return covered.Count(c => c) * 2 > text.Length;
    }

    /// <summary>The password (less a trailing number or symbol) is one part said at least twice: abcabcabc, passwordpassword1.</summary>
    public static bool IsRepeat(string password)
    {
        var text = password.Trim().ToLowerInvariant().TrimEnd("0123456789!?.#*@$%&+-_ ".ToCharArray());
        for (var unit = 1; unit <= text.Length / 2; unit++)
        {
            if (text.Length % unit != 0)
            {
                continue;
            }
            var part = text.AsSpan(0, unit);
            var repeated = true;
            for (var at = unit; at < text.Length && repeated; at += unit)
            {
                repeated = text.AsSpan(at, unit).SequenceEqual(part);
            }
            if (repeated)
            {
                return true;
            }
        }
        return false;
    }

    private static int LongestRunFrom(string text, int start)
    {
        var best = 1;
        foreach (var sequence in KeyboardSequences)
        {
            foreach (var step in (ReadOnlySpan<int>)[1, -1])
            {
                var length = 1;
                while (start + length < text.Length)
                {
                    var previous = sequence.IndexOf(text[start + length - 1]);
                    if (previous < 0 || previous + step < 0 || previous + step >= sequence.Length || sequence[previous + step] != text[start + length])
                    {
                        break;
                    }
                    length++;
                }
                best = Math.Max(best, length);
            }
        }
        return best;
    }

    private static string Reverse(string text)
    {
        var chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    private static Task<IdentityResult> Fail(string code, string description)
        => Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    /// <summary>Read once, on first use: about 145,000 entries, kept gzip-compressed in the assembly.</summary>
    private static HashSet<string> LoadBreachedPasswords()
    {
        var assembly = typeof(StaffPasswordValidator).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("breached-passwords.txt.gz", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        // One lowercase entry a line, nothing else (some passwords start with '#').
        using var reader = new StreamReader(gzip);
        var set = new HashSet<string>(150_000, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }
        return set;
    }

    /// <summary>For tests: how many distinct entries the list holds.</summary>
    internal static int BreachedPasswordCount => BreachedPasswords.Value.Count;
}
