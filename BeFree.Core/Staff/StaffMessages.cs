namespace BeFree.Core.Staff;

/// <summary>What the staff and sign-in rules say to people. In the reader's language: StaffMessages.resx (English), StaffMessages.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class StaffMessages : CoreText<StaffMessages>;
