using BeFree.Core.Audit;
using BeFree.Core.Staff;
using BeFree.Core.Time;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

public partial class AuditChainCheck
{
    [Inject] public required AuditChain Chain { get; set; }
    [Inject] public required ILogger<AuditChainCheck> Logger { get; set; }
    [Inject] public required HotlineTime Time { get; set; }

    /// <summary>The signed-in Admin; Core checks the role again.</summary>
    [Parameter, EditorRequired] public string ActorId { get; set; } = "";

    private AuditChainVerification? _result;
    private string? _error;
    private bool _checking;

    private async Task VerifyAsync()
    {
        _checking = true;
        _error = null;
        try
        {
            _result = await Chain.VerifyAsync(ActorId);
        }
        catch (StaffAuthorizationException e)
        {
            _error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Verifying the audit chain failed.");
            _error = L["Chain_Error"];
        }
        finally
        {
            _checking = false;
        }
    }
}
