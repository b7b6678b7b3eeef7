using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BeFree.Core.Data;

/// <summary>
/// Writes rows of one entity type with one command reused for every row, inside the context's
/// current transaction. Table, columns and value conversions come from the EF model, so the SQL
/// follows the migrations and stays plain ANSI (no provider dialect).
/// <para>
/// For the hot path only: SaveChanges costs several times more per row than the statement itself,
/// and the inbound writer writes a message and touches a conversation for every text. Rows written
/// here are not tracked; the caller reads back generated keys if it needs them.
/// </para>
/// </summary>
public sealed class PreparedRowWriter<TEntity> : IDisposable where TEntity : class
{
    private readonly DbCommand _command;
    private readonly Column[] _columns;

    private sealed record Column(IClrPropertyGetter Getter, bool IsNullable, RelationalTypeMapping Mapping, string ParameterName, string Placeholder);

    private PreparedRowWriter(DbCommand command, Column[] columns)
    {
        _command = command;
        _columns = columns;
    }

    /// <summary>INSERT of every column except store-generated keys.</summary>
    public static PreparedRowWriter<TEntity> Insert(DbContext db)
    {
        var (text, columns) = InsertStatement(db);
        return new PreparedRowWriter<TEntity>(CreateCommand(db, text), columns);
    }

    /// <summary>UPDATE of the given columns of the row with the entity's primary key.</summary>
    public static PreparedRowWriter<TEntity> Update(DbContext db, params string[] propertyNames)
    {
        var (text, columns) = UpdateStatement(db, propertyNames);
        return new PreparedRowWriter<TEntity>(CreateCommand(db, text), columns);
    }

    /// <summary>The INSERT in the context's provider's dialect (quoting, parameter names); needs no connection.</summary>
    internal static string InsertSql(DbContext db) => InsertStatement(db).Text;

    /// <summary>The UPDATE in the context's provider's dialect; needs no connection.</summary>
    internal static string UpdateSql(DbContext db, params string[] propertyNames) => UpdateStatement(db, propertyNames).Text;

    private static (string Text, Column[] Columns) InsertStatement(DbContext db)
    {
        var (entityType, table, sql) = Describe(db);
        var properties = entityType.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd).ToList();
        var columns = Columns(sql, properties);
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))
            .Append(") VALUES (").AppendJoin(", ", columns.Select(c => c.Placeholder)).Append(')');
        return (text.ToString(), columns);
    }

    private static (string Text, Column[] Columns) UpdateStatement(DbContext db, string[] propertyNames)
    {
        var (entityType, table, sql) = Describe(db);
        var key = entityType.FindPrimaryKey()?.Properties ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no key.");
        var set = propertyNames.Select(name => entityType.FindProperty(name)
            ?? throw new ArgumentException($"{typeof(TEntity).Name} has no property {name}.", nameof(propertyNames))).ToList();
        var columns = Columns(sql, [.. set, .. key]);
        string Assignment(IProperty property, int index) => $"{sql.DelimitIdentifier(property.GetColumnName(table)!)} = {columns[index].Placeholder}";
        var text = new StringBuilder("UPDATE ").Append(sql.DelimitIdentifier(table.Name, table.Schema))
            .Append(" SET ").AppendJoin(", ", set.Select((p, i) => Assignment(p, i)))
            .Append(" WHERE ").AppendJoin(" AND ", key.Select((p, i) => Assignment(p, set.Count + i)));
        return (text.ToString(), columns);
    }

    /// <summary>Writes one row; returns the number of rows the database changed. Failures surface as <see cref="DbUpdateException"/>.</summary>
    public async Task<int> WriteAsync(TEntity entity, CancellationToken cancellationToken)
    {
        _command.Parameters.Clear();
        foreach (var column in _columns)
        {
            // The type mapping applies the model's value converters (enums, UTC timestamps).
            _command.Parameters.Add(column.Mapping.CreateParameter(_command, column.ParameterName,
                column.Getter.GetClrValue(entity), column.IsNullable));
        }
        try
        {
            return await _command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            // As SaveChanges reports it, so callers handle a refused row (a unique index) the same way.
            throw new DbUpdateException($"Could not write a {typeof(TEntity).Name} row: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Writes every row; returns the number of rows the database changed. Where the provider takes
    /// ADO.NET batches (PostgreSQL, SQL Server) all rows go in one round trip: on a server every round
    /// trip costs a wake-up of both processes, more than the row itself. SQLite runs in this process and
    /// has no batches: there each row runs on the reused command. A refused row fails the whole call
    /// (as <see cref="DbUpdateException"/>), so write inside a transaction the caller can roll back.
    /// </summary>
    public async Task<int> WriteAllAsync(IReadOnlyCollection<TEntity> entities, CancellationToken cancellationToken)
    {
        var connection = _command.Connection ?? throw new InvalidOperationException("The command has no connection.");
        if (entities.Count <= 1 || !connection.CanCreateBatch)
        {
            var changed = 0;
            foreach (var entity in entities)
            {
                changed += await WriteAsync(entity, cancellationToken);
            }
            return changed;
        }
        await using var batch = connection.CreateBatch();
        batch.Transaction = _command.Transaction;
        foreach (var entity in entities)
        {
            var row = batch.CreateBatchCommand();
            row.CommandText = _command.CommandText;
            foreach (var column in _columns)
            {
                row.Parameters.Add(column.Mapping.CreateParameter(_command, column.ParameterName, column.Getter.GetClrValue(entity), column.IsNullable));
            }
            batch.BatchCommands.Add(row);
        }
        try
        {
            return await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            throw new DbUpdateException($"Could not write {entities.Count} {typeof(TEntity).Name} rows: {ex.Message}", ex);
        }
    }

    public void Dispose() => _command.Dispose();

    private static (IEntityType EntityType, StoreObjectIdentifier Table, ISqlGenerationHelper Sql) Describe(DbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        return (entityType, table, db.GetService<ISqlGenerationHelper>());
    }

    private static Column[] Columns(ISqlGenerationHelper sql, IReadOnlyList<IProperty> properties)
    {
        return properties.Select((p, i) => new Column(p.GetGetter(), p.IsNullable, p.GetRelationalTypeMapping(),
            sql.GenerateParameterName("p" + i), sql.GenerateParameterNamePlaceholder("p" + i))).ToArray();
    }

    private static DbCommand CreateCommand(DbContext db, string text)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Prepared rows are written inside the caller's transaction.");
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = text;
        return command;
    }
}
