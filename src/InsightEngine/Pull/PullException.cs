namespace InsightEngine.Pull;

/// <summary>A pull that cannot go on, in words a user can act on (never holding a credential).</summary>
public sealed class PullException(string message, Exception? inner = null) : Exception(message, inner);
