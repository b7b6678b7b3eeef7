namespace BeFree.Core.Audit;

/// <summary>Audit action names. Later features add their own constants here.</summary>
public static class AuditActions
{
    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignInLockedOut = "signin.lockedout";
    public const string SignInRefusedInactive = "signin.refused-inactive";
    public const string SignedOut = "signout";
    public const string PasswordChanged = "password.changed";
    public const string TwoFactorEnabled = "2fa.enabled";
    public const string TwoFactorRecoveryCodesGenerated = "2fa.recovery-codes";
    public const string TwoFactorRecoveryCodeUsed = "2fa.recovery-code-used";
    public const string TwoFactorReset = "2fa.reset";
    public const string PasskeyAdded = "passkey.added";
    public const string PasskeyRenamed = "passkey.renamed";
    public const string PasskeyRemoved = "passkey.removed";
    public const string FirstAdminCreated = "staff.first-admin";
    public const string StaffCreated = "staff.created";
    public const string StaffUpdated = "staff.updated";
    public const string StaffDisabled = "staff.disabled";
    public const string StaffEnabled = "staff.enabled";
    public const string StaffPasswordReset = "staff.password-reset";
    public const string StaffTwoFactorReset = "staff.2fa-reset";

    // Advocate workspace: queue, conversations, replies, texter safety.
    public const string ConversationClaimed = "conversation.claimed";
    public const string ConversationReleased = "conversation.released";
    public const string ConversationTransferred = "conversation.transferred";
    public const string ConversationTakenOver = "conversation.taken-over";
    public const string ConversationReassigned = "conversation.reassigned";
    public const string ConversationMonitored = "conversation.monitored";
    /// <summary>Someone read a conversation they do not hold; details name the screen (surface=…).</summary>
    public const string ConversationRead = "conversation.read";
    public const string StaffNoticeSent = "staff.notice-sent";
    public const string ConversationClosed = "conversation.closed";
    public const string ConversationReopened = "conversation.reopened";
    public const string ConversationNoteAdded = "conversation.note-added";
    public const string ReplyQueued = "reply.queued";
    public const string ReplyRefused = "reply.refused";
    public const string ReplySafetyOverride = "reply.safety-override";
    public const string TexterSafetyUpdated = "texter.safety-updated";
    public const string TexterNumberRevealed = "texter.number-revealed";

    // Risk.
    public const string RiskSet = "risk.set";
    public const string RiskSuggested = "risk.suggested";
    public const string RiskSuggestionConfirmed = "risk.suggestion-confirmed";
    public const string RiskSuggestionDismissed = "risk.suggestion-dismissed";

    // Law-enforcement directory and escalations.
    public const string LawContactCreated = "directory.contact-created";
    public const string LawContactUpdated = "directory.contact-updated";
    public const string LawContactActivated = "directory.contact-activated";
    public const string LawContactDeactivated = "directory.contact-deactivated";
    public const string LawContactSeeded = "directory.contact-seeded";
    public const string EscalationCreated = "escalation.created";
    public const string EscalationUpdated = "escalation.updated";
    public const string EscalationSubmitted = "escalation.submitted";
    public const string EscalationApproved = "escalation.approved";
    public const string EscalationReturned = "escalation.returned";
    public const string EscalationSent = "escalation.sent";
    public const string EscalationAcknowledged = "escalation.acknowledged";
    public const string EscalationWithdrawn = "escalation.withdrawn";
    public const string EscalationPacketViewed = "escalation.packet-viewed";

    // Canned responses.
    public const string CannedResponseCreated = "canned.created";
    public const string CannedResponseUpdated = "canned.updated";
    public const string CannedResponseActivated = "canned.activated";
    public const string CannedResponseDeactivated = "canned.deactivated";

    // Reports, exports and retention.
    public const string ReportExported = "report.exported";
    public const string ConversationListExported = "report.conversations-exported";
    public const string CaseExported = "report.cases-exported";
    public const string TranscriptViewed = "transcript.viewed";
    public const string RetentionRun = "retention.run";
}
