namespace Tern.Cli;

/// <summary>Process exit codes shared by every verb (README: Commands; docs/check.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success: compatible, round trip identical, no breaking finding.</summary>
    public const int Ok = 0;
    /// <summary>The answer is "no": incompatible, findings that break migration, a round trip that differs.</summary>
    public const int Findings = 1;
    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;
    /// <summary>An input cannot be read, a verdict is undecidable, or the environment failed.</summary>
    public const int Unreadable = 3;
    /// <summary>A real migration contradicted Tern's prediction (<c>check --dry-run</c>, <c>compat --real</c>): a Tern defect, reported with both texts.</summary>
    public const int Disagreement = 4;
    /// <summary>An unexpected failure inside Tern (a bug): one line on stderr, never a stack trace (EX_SOFTWARE).</summary>
    public const int InternalError = 70;
}
