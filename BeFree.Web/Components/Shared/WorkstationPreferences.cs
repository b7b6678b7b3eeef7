using BeFree.Core.Staff;

namespace BeFree.Web.Components.Shared;

/// <summary>
/// This screen's copy of the signed-in person's <see cref="StaffPreferences"/> (scoped: one per circuit, or per
/// request while rendering statically). Components read <see cref="Current"/> and follow <see cref="Changed"/>;
/// a change is saved with the account, so it follows the person to any computer.
/// </summary>
public sealed class WorkstationPreferences(StaffPreferencesService service)
{
    private string? _staffId;

    public StaffPreferences Current { get; private set; } = StaffPreferences.Default;

    /// <summary>Raised after <see cref="UpdateAsync"/> changed something, on the caller's thread.</summary>
    public event Action? Changed;

    /// <summary>Reads the person's settings once per screen; later calls for the same person do nothing.</summary>
    public async Task LoadAsync(string staffId, CancellationToken cancellationToken = default)
    {
        if (_staffId == staffId)
        {
            return;
        }
        Current = await service.GetAsync(staffId, cancellationToken);
        _staffId = staffId;
    }

    public async Task UpdateAsync(Func<StaffPreferences, StaffPreferences> change, CancellationToken cancellationToken = default)
    {
        var updated = change(Current);
        if (updated == Current)
        {
            return;
        }
        Current = updated;
        if (_staffId is { Length: > 0 } staffId)
        {
            await service.SaveAsync(staffId, updated, cancellationToken);
        }
        Changed?.Invoke();
    }
}
