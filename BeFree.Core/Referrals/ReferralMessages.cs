namespace BeFree.Core.Referrals;

/// <summary>What referrals and the service directory say to staff. In the reader's language: ReferralMessages.resx (English), ReferralMessages.es.resx (Spanish); see <see cref="CoreText{T}"/>.</summary>
internal sealed class ReferralMessages : CoreText<ReferralMessages>;
