using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeFree.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HandoverNotesWorded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FromStaffId",
                table: "ConversationNotes",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ToStaffId",
                table: "ConversationNotes",
                type: "TEXT",
                maxLength: 450,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FromStaffId",
                table: "ConversationNotes");

            migrationBuilder.DropColumn(
                name: "ToStaffId",
                table: "ConversationNotes");
        }
    }
}
