namespace Tern.Lab.Migration;

/// <summary>The outcome of one migration hop (the <c>outcome</c> field of outcomes.jsonl).</summary>
public enum MigrationOutcome
{
    /// <summary><c>success</c>: the destination loaded the stream.</summary>
    Success,
    /// <summary><c>load-failed</c>: the destination refused the stream (exit 1, reason on stderr; or <c>failed</c> in query-migrate).</summary>
    LoadFailed,
    /// <summary><c>source-start-failed</c>: the source QEMU refused its command line.</summary>
    SourceStartFailed,
    /// <summary><c>destination-start-failed</c>: the destination QEMU refused its command line.</summary>
    DestinationStartFailed,
    /// <summary><c>destination-crashed</c>: a signal killed the destination while loading.</summary>
    DestinationCrashed,
    /// <summary><c>source-failed</c>: the source could not write the stream (query-migrate <c>failed</c>, or it died).</summary>
    SourceFailed,
    /// <summary><c>error</c>: the lab itself failed (timeout, missing installation): no verdict about QEMU.</summary>
    Error,
}
