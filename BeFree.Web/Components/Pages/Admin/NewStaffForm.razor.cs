using BeFree.Core.Staff;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

public partial class NewStaffForm
{
    [Inject] public required StaffAdministration StaffAdministration { get; set; }

    private string _email = "";
    private string _displayName = "";
    private string _capacity = StaffDefaults.MaxConcurrentConversations.ToString();
    private HashSet<string> _roles = [];

    /// <summary>Raised once the account exists, with its temporary password to show.</summary>
    [Parameter] public EventCallback<IssuedPassword> OnCreated { get; set; }

    /// <summary>While a temporary password is on screen: the Admin passes it on before creating the next account.</summary>
    [Parameter] public bool Locked { get; set; }

    private async Task CreateAsync()
    {
        if (Locked)
        {
            return; // The second click of a double click lands here once the first has succeeded.
        }
        // The callback runs inside RunAsync, so Busy covers it and the page has locked this form before Busy clears.
        await RunAsync(async () =>
        {
            var request = new NewStaff(_email, _displayName, _roles.ToList(), ParseCapacity(_capacity));
            var created = await StaffAdministration.CreateAsync(ActorId, request);
            // Cleared only after success: a refused form keeps everything that was typed.
            _email = _displayName = "";
            _capacity = StaffDefaults.MaxConcurrentConversations.ToString();
            _roles = [];
            await OnCreated.InvokeAsync(new IssuedPassword(request.DisplayName.Trim(), request.Email.Trim(), created.Password, IsNewAccount: true));
        });
    }

    /// <summary>Shared with the editor: a clear message instead of a silently reset number.</summary>
    public static int ParseCapacity(string text)
        => int.TryParse(text.Trim(), out var value)
            ? value
            : throw new StaffRuleException(AdminText.Get("CapacityInvalid", StaffAdministration.MaxCapacity));
}
