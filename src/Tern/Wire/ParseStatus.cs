namespace Tern.Wire;

/// <summary>
/// What a span parser made of the buffered bytes it was given, which always start at the unit it parses: the unit
/// is complete (<see cref="Consumed"/> bytes), or it needs at least <see cref="Needed"/> bytes from its start before
/// it can decide, or the bytes are invalid. Parsers are pure, so after a refill the caller simply parses again.
/// </summary>
internal readonly struct ParseStatus
{
    private ParseStatus(int consumed, int needed, string? message)
    {
        Consumed = consumed;
        Needed = needed;
        Message = message;
    }

    /// <summary>Bytes the unit occupies (0 until it is complete).</summary>
    public int Consumed { get; }

    /// <summary>Bytes the parser needs in view before it can go on; 0 unless <see cref="NeedsMore"/>.</summary>
    public int Needed { get; }

    /// <summary>What was expected (when more bytes are needed) or why the bytes are invalid.</summary>
    public string? Message { get; }

    /// <summary>True when the window was too short to decide.</summary>
    public bool NeedsMore => Needed > 0;

    /// <summary>True when the bytes break the format.</summary>
    public bool IsInvalid => Needed == 0 && Message is not null;

    /// <summary>The unit is complete and occupies <paramref name="consumed"/> bytes.</summary>
    public static ParseStatus Done(int consumed) => new(consumed, 0, null);

    /// <summary>At least <paramref name="bytes"/> bytes are needed; <paramref name="what"/> names them for a truncation message.</summary>
    public static ParseStatus NeedMore(int bytes, string what) => new(0, bytes, what);

    /// <summary>The bytes break the format, for <paramref name="reason"/>.</summary>
    public static ParseStatus Invalid(string reason) => new(0, 0, reason);
}
