using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace BeFree.Web.Components.Account.Pages;

/// <summary>
/// The second step of signing in, after the password: an authenticator code (<see cref="LoginWith2fa"/>) or a recovery
/// code (<see cref="LoginWithRecoveryCode"/>). Reachable only after the password step; a good code goes on to where
/// the person was going, and wrong codes count towards the lockout like wrong passwords.
/// </summary>
public abstract class SecondSignInStep<TInput> : ComponentBase where TInput : class, new()
{
    [Inject] public required SignInManager<StaffUser> SignInManager { get; set; }
    [Inject] public required IdentityRedirectManager RedirectManager { get; set; }

    /// <summary>What a wrong code got, for the page's status message.</summary>
    protected string? Message { get; private set; }

    [SupplyParameterFromForm]
    protected TInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    protected string? ReturnUrl { get; set; }

    /// <summary>Checks the code the form holds.</summary>
    protected abstract Task<SignInResult> SignInAsync(TInput input);

    /// <summary>What a wrong code reads, in the reader's language.</summary>
    protected abstract string InvalidCodeMessage { get; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (await SignInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            RedirectManager.RedirectTo("Account/Login");
        }
    }

    protected async Task OnValidSubmitAsync()
    {
        var result = await SignInAsync(Input);
        if (result.Succeeded)
        {
            RedirectManager.RedirectTo(ReturnUrl);
        }
        else if (result.IsLockedOut)
        {
            RedirectManager.RedirectTo("Account/Lockout");
        }
        else
        {
            Message = InvalidCodeMessage;
        }
    }
}
