namespace Tern.Lab.Migration;

/// <summary>How the stream travels from source to destination.</summary>
public enum MigrationTransport
{
    /// <summary><c>exec:cat &gt; FILE</c> on the source, then <c>exec:cat FILE</c> on the destination (as the fixtures were made).</summary>
    File,
    /// <summary><c>unix:</c> sockets, live: Tern relays source → destination, counting (and optionally keeping) the bytes.</summary>
    Unix,
}
