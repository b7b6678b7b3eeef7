using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeFree.Migrations.SqlServer.Migrations
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
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ToStaffId",
                table: "ConversationNotes",
                type: "nvarchar(450)",
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
