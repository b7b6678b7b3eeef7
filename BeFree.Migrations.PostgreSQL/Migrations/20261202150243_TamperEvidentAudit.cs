using Microsoft.EntityFrameworkCore.Migrations;
using BeFree.Migrations.PostgreSQL;

#nullable disable

namespace BeFree.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class TamperEvidentAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChainIndex",
                table: "AuditEntries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ChainIndex",
                table: "AuditEntries",
                column: "ChainIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectId_OccurredUtc",
                table: "AuditEntries",
                columns: new[] { "SubjectId", "OccurredUtc" });

            // Append-only in the database itself (hand-written SQL, kept apart so the migration can be regenerated).
            migrationBuilder.Sql(AuditLogSql.CreateFunction);
            migrationBuilder.Sql(AuditLogSql.CreateRowTrigger);
            migrationBuilder.Sql(AuditLogSql.CreateTruncateTrigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AuditLogSql.Drop);

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ChainIndex",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_SubjectId_OccurredUtc",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ChainIndex",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");
        }
    }
}
