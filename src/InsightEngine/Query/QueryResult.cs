using System.Data.Common;
using DuckDB.NET.Data;

namespace InsightEngine.Query;

/// <summary>
/// The rows of a query as they stream from DuckDB. Errors met while reading (a failing cast in row 10,000, a file the
/// sandbox refuses) arrive as <see cref="QueryException"/>, like errors at the start.
/// </summary>
public sealed class QueryResult : IDisposable
{
    private readonly DuckDBCommand _command;
    private readonly DbDataReader _reader;

    internal QueryResult(DuckDBCommand command, DbDataReader reader)
    {
        _command = command;
        _reader = reader;
    }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => Enumerable.Range(0, _reader.FieldCount).Select(_reader.GetName).ToList();

    /// <summary>DuckDB's type of each column (<c>Varchar</c>, <c>TimestampTz</c>, <c>BigInt</c>, ...).</summary>
    public IReadOnlyList<string> Types => Enumerable.Range(0, _reader.FieldCount).Select(_reader.GetDataTypeName).ToList();

    /// <summary>Moves to the next row; false at the end.</summary>
    public bool Read() => Guard(_reader.Read);

    /// <summary>Moves to the next statement's result; false when there is none.</summary>
    public bool NextResult() => Guard(_reader.NextResult);

    /// <summary>The current row's value in column <paramref name="ordinal"/> (null for SQL NULL).</summary>
    public object? this[int ordinal] => _reader.IsDBNull(ordinal) ? null : _reader.GetValue(ordinal);

    /// <summary>The current row's values.</summary>
    public object?[] Row() => Enumerable.Range(0, _reader.FieldCount).Select(i => this[i]).ToArray();

    private static bool Guard(Func<bool> step)
    {
        try
        {
            return step();
        }
        catch (DuckDBException e)
        {
            throw QuerySession.Translate(e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
    }
}
