namespace InsightEngine.Store;

/// <summary>The database could not be opened or migrated; the message says which file and why.</summary>
public class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public StoreException() { }

    /// <summary>Creates the exception.</summary>
    public StoreException(string message) : base(message) { }
}
