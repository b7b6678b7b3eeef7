namespace BeFree.Migrations.SqlServer;

/// <summary>
/// Hand-written SQL for the append-only audit log on SQL Server, called from the migrations. An
/// INSTEAD OF UPDATE, DELETE trigger refuses every DELETE and every UPDATE except sealing
/// (ChainIndex and Hash set where both were NULL, nothing else changed), which it carries out itself.
/// The model declares the trigger (HasTrigger), so EF inserts without an OUTPUT clause.
/// </summary>
public static class AuditLogSql
{
    public const string Create = """
        CREATE TRIGGER [AuditEntries_AppendOnly] ON [AuditEntries]
        INSTEAD OF UPDATE, DELETE
        AS
        BEGIN
            SET NOCOUNT ON;
            IF NOT EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
                THROW 51000, 'AuditEntries is append-only: entries are never deleted.', 1;
            IF EXISTS (SELECT 1 FROM deleted d LEFT JOIN inserted i ON i.[Id] = d.[Id]
                       WHERE i.[Id] IS NULL
                          OR d.[ChainIndex] IS NOT NULL OR d.[Hash] IS NOT NULL
                          OR i.[ChainIndex] IS NULL OR i.[Hash] IS NULL
                          OR i.[OccurredUtc] <> d.[OccurredUtc]
                          OR NOT (i.[ActorId] = d.[ActorId] OR (i.[ActorId] IS NULL AND d.[ActorId] IS NULL))
                          OR i.[ActorName] <> d.[ActorName]
                          OR i.[Action] <> d.[Action]
                          OR NOT (i.[SubjectType] = d.[SubjectType] OR (i.[SubjectType] IS NULL AND d.[SubjectType] IS NULL))
                          OR NOT (i.[SubjectId] = d.[SubjectId] OR (i.[SubjectId] IS NULL AND d.[SubjectId] IS NULL))
                          OR NOT (i.[Details] = d.[Details] OR (i.[Details] IS NULL AND d.[Details] IS NULL)))
                THROW 51001, 'AuditEntries is append-only: an entry is sealed once and never changed.', 1;
            UPDATE a SET [ChainIndex] = i.[ChainIndex], [Hash] = i.[Hash]
            FROM [AuditEntries] a JOIN inserted i ON i.[Id] = a.[Id];
        END
        """;

    public const string Drop = "DROP TRIGGER IF EXISTS [AuditEntries_AppendOnly];";
}
