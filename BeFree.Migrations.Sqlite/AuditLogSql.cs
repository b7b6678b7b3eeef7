namespace BeFree.Migrations.Sqlite;

/// <summary>
/// Hand-written SQL for the append-only audit log on SQLite, called from the migrations. The table
/// refuses DELETE, and every UPDATE except sealing: ChainIndex and Hash set where both were NULL,
/// nothing else changed. A migration that ever rebuilds AuditEntries (SQLite's way of altering a
/// column) drops these triggers with the old table and must create them again.
/// </summary>
public static class AuditLogSql
{
    public const string CreateNoUpdate = """
        CREATE TRIGGER "AuditEntries_AppendOnly_Update" BEFORE UPDATE ON "AuditEntries"
        WHEN NOT (OLD."ChainIndex" IS NULL AND OLD."Hash" IS NULL
              AND NEW."ChainIndex" IS NOT NULL AND NEW."Hash" IS NOT NULL
              AND NEW."Id" = OLD."Id" AND NEW."OccurredUtc" IS OLD."OccurredUtc"
              AND NEW."ActorId" IS OLD."ActorId" AND NEW."ActorName" IS OLD."ActorName"
              AND NEW."Action" IS OLD."Action" AND NEW."SubjectType" IS OLD."SubjectType"
              AND NEW."SubjectId" IS OLD."SubjectId" AND NEW."Details" IS OLD."Details")
        BEGIN
            SELECT RAISE(ABORT, 'AuditEntries is append-only: an entry is sealed once and never changed');
        END;
        """;

    public const string CreateNoDelete = """
        CREATE TRIGGER "AuditEntries_AppendOnly_Delete" BEFORE DELETE ON "AuditEntries"
        BEGIN
            SELECT RAISE(ABORT, 'AuditEntries is append-only: entries are never deleted');
        END;
        """;

    public const string DropNoUpdate = """DROP TRIGGER IF EXISTS "AuditEntries_AppendOnly_Update";""";

    public const string DropNoDelete = """DROP TRIGGER IF EXISTS "AuditEntries_AppendOnly_Delete";""";
}
