namespace BeFree.Migrations.PostgreSQL;

/// <summary>
/// Hand-written SQL for the append-only audit log on PostgreSQL, called from the migrations. A
/// trigger function refuses DELETE, TRUNCATE and every UPDATE except sealing: ChainIndex and Hash
/// set where both were NULL, nothing else changed.
/// </summary>
public static class AuditLogSql
{
    public const string CreateFunction = """
        CREATE FUNCTION befree_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE'
               AND OLD."ChainIndex" IS NULL AND OLD."Hash" IS NULL
               AND NEW."ChainIndex" IS NOT NULL AND NEW."Hash" IS NOT NULL
               AND NEW."Id" = OLD."Id"
               AND NEW."OccurredUtc" IS NOT DISTINCT FROM OLD."OccurredUtc"
               AND NEW."ActorId" IS NOT DISTINCT FROM OLD."ActorId"
               AND NEW."ActorName" IS NOT DISTINCT FROM OLD."ActorName"
               AND NEW."Action" IS NOT DISTINCT FROM OLD."Action"
               AND NEW."SubjectType" IS NOT DISTINCT FROM OLD."SubjectType"
               AND NEW."SubjectId" IS NOT DISTINCT FROM OLD."SubjectId"
               AND NEW."Details" IS NOT DISTINCT FROM OLD."Details" THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'AuditEntries is append-only: % refused (an entry is sealed once and never changed or deleted)', TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
        END;
        $$;
        """;

    public const string CreateRowTrigger = """
        CREATE TRIGGER "AuditEntries_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION befree_audit_append_only();
        """;

    public const string CreateTruncateTrigger = """
        CREATE TRIGGER "AuditEntries_AppendOnly_Truncate" BEFORE TRUNCATE ON "AuditEntries"
            FOR EACH STATEMENT EXECUTE FUNCTION befree_audit_append_only();
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS "AuditEntries_AppendOnly_Truncate" ON "AuditEntries";
        DROP TRIGGER IF EXISTS "AuditEntries_AppendOnly" ON "AuditEntries";
        DROP FUNCTION IF EXISTS befree_audit_append_only();
        """;
}
