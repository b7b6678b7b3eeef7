using BeFree.Core.Staff;
using BeFree.Core.Time;
using Microsoft.AspNetCore.Components;

namespace BeFree.Web.Components.Pages.Admin;

/// <summary>The staff table, by name. Buttons only ask the page to open a panel; nothing changes from here directly.</summary>
public partial class StaffList
{
    [Inject] public required HotlineTime Time { get; set; }

    [Parameter, EditorRequired] public IReadOnlyList<StaffSummary> Staff { get; set; } = [];

    [Parameter, EditorRequired] public string ActorId { get; set; } = "";

    [Parameter] public EventCallback<StaffSummary> OnEdit { get; set; }

    [Parameter] public EventCallback<StaffAction> OnRequest { get; set; }

    private bool Live => RendererInfo.IsInteractive;

    private Task Request(StaffActionKind kind, StaffSummary staff) => OnRequest.InvokeAsync(new StaffAction(kind, staff));
}
