namespace InsightEngine.Query;

/// <summary>An ad hoc query was refused or failed; the message says why and what to do instead.</summary>
public sealed class QueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QueryException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public QueryException() { }

    /// <summary>Creates the exception.</summary>
    public QueryException(string message) : base(message) { }
}
