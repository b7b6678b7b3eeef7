using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BeFree.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TwilioCopiesAndDeletions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StoredMedia",
                columns: table => new
                {
                    MessageMediaId = table.Column<long>(type: "bigint", nullable: false),
                    ProtectedContent = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    StoredUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredMedia", x => x.MessageMediaId);
                    table.ForeignKey(
                        name: "FK_StoredMedia_MessageMedia_MessageMediaId",
                        column: x => x.MessageMediaId,
                        principalTable: "MessageMedia",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TwilioDeletions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    MessageSid = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DeleteNotBeforeUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastAttemptUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DoneUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TwilioDeletions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TwilioDeletions_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TwilioDeletions_MessageId",
                table: "TwilioDeletions",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TwilioDeletions_State_NextAttemptUtc",
                table: "TwilioDeletions",
                columns: new[] { "State", "NextAttemptUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoredMedia");

            migrationBuilder.DropTable(
                name: "TwilioDeletions");
        }
    }
}
