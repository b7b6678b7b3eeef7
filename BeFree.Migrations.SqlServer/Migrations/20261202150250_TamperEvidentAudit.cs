using Microsoft.EntityFrameworkCore.Migrations;
using BeFree.Migrations.SqlServer;

#nullable disable

namespace BeFree.Migrations.SqlServer.Migrations
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
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ChainIndex",
                table: "AuditEntries",
                column: "ChainIndex",
                unique: true,
                filter: "[ChainIndex] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectId_OccurredUtc",
                table: "AuditEntries",
                columns: new[] { "SubjectId", "OccurredUtc" });

            // Append-only in the database itself (hand-written SQL, kept apart so the migration can be regenerated).
            migrationBuilder.Sql(AuditLogSql.Create);
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
