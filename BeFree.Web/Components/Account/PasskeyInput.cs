namespace BeFree.Web.Components.Account;

/// <summary>What the browser posts after a passkey ceremony: the credential, or why there is none.</summary>
public sealed class PasskeyInput
{
    public string? CredentialJson { get; set; }
    public string? Error { get; set; }
}
