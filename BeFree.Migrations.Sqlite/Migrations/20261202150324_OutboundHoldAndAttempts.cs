using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeFree.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastAttemptUtc",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OverriddenRules",
                table: "Messages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SafeToResend",
                table: "Messages",
                type: "INTEGER",
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
