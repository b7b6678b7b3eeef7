using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeFree.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class LanguageBlockWaitNotice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BlockReason",
                table: "Texters",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BlockedById",
                table: "Texters",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "BlockedUtc",
                table: "Texters",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsBlocked",
                table: "Texters",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Language",
                table: "Conversations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "LanguageSettled",
                table: "Conversations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "WaitNoticeForQueuedUtc",
                table: "Conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Language",
                table: "CannedResponses",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BlockReason",
                table: "Texters");

            migrationBuilder.DropColumn(
                name: "BlockedById",
                table: "Texters");

            migrationBuilder.DropColumn(
                name: "BlockedUtc",
                table: "Texters");

            migrationBuilder.DropColumn(
                name: "IsBlocked",
                table: "Texters");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "LanguageSettled",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "WaitNoticeForQueuedUtc",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "CannedResponses");
        }
    }
}
