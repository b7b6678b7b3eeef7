namespace BeFree.Web.Components.Account;

/// <summary>
/// The account forms' validation messages and field names in the reader's language, for DataAnnotations:
/// <c>[Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.Required))]</c>
/// and <c>[Display(Name = nameof(AccountValidation.Field_Email), ResourceType = typeof(AccountValidation))]</c>.
/// Attributes take only a type and a property name, so each text is a static property; the words are in AccountText.
/// Field names are the fields' labels, so a message names the field as the reader sees it.
/// </summary>
public static class AccountValidation
{
    /// <summary>"Your name is required." (field names are labels, so "The Your name field" would read badly).</summary>
    public static string Required => AccountText.Get("Validation_Required");

    /// <summary>"The {0} field is not a valid e-mail address."</summary>
    public static string EmailAddress => AccountText.Get("Validation_EmailAddress");

    /// <summary>"The field {0} must be a string with a maximum length of {1}."</summary>
    public static string MaxLength => AccountText.Get("Validation_MaxLength");

    /// <summary>A one-time code is 6 digits (7 allowed for a space in the middle).</summary>
    public static string CodeLength => AccountText.Get("Validation_CodeLength");

    /// <summary>"The password must be {2} to {1} characters long." ({1} maximum, {2} minimum, as StringLength gives them).</summary>
    public static string PasswordLength => AccountText.Get("Validation_PasswordLength");

    /// <summary>"The {0} must be at least {2} and at most {1} characters long."</summary>
    public static string NewPasswordLength => AccountText.Get("Validation_NewPasswordLength");

    public static string PasswordsDiffer => AccountText.Get("Validation_PasswordsDiffer");

    public static string NewPasswordsDiffer => AccountText.Get("Validation_NewPasswordsDiffer");

    public static string Field_Email => AccountText.Get("Field_Email");
    public static string Field_Password => AccountText.Get("Field_Password");
    public static string Field_AuthenticatorCode => AccountText.Get("Field_AuthenticatorCode");
    public static string Field_RecoveryCode => AccountText.Get("Field_RecoveryCode");
    public static string Field_YourName => AccountText.Get("Field_YourName");
    public static string Field_ConfirmPassword => AccountText.Get("Field_ConfirmPassword");
    public static string Field_CurrentPassword => AccountText.Get("Field_CurrentPassword");
    public static string Field_NewPassword => AccountText.Get("Field_NewPassword");
    public static string Field_ConfirmNewPassword => AccountText.Get("Field_ConfirmNewPassword");
    public static string Field_VerificationCode => AccountText.Get("Field_VerificationCode");
}
