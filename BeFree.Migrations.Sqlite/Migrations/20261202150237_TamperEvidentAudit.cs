using Microsoft.EntityFrameworkCore.Migrations;
using BeFree.Migrations.Sqlite;

#nullable disable

namespace BeFree.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
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
            migrationBuilder.Sql(AuditLogSql.CreateNoUpdate);
            migrationBuilder.Sql(AuditLogSql.CreateNoDelete);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AuditLogSql.DropNoDelete);
            migrationBuilder.Sql(AuditLogSql.DropNoUpdate);

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
