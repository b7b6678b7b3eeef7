using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeFree.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OutboundHoldAndAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HeldBecause",
                table: "Messages",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastAttemptUtc",
                table: "Messages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OverriddenRules",
                table: "Messages",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SafeToResend",
                table: "Messages",
                type: "bit",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HeldBecause",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "LastAttemptUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "OverriddenRules",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SafeToResend",
                table: "Messages");
        }
    }
}
