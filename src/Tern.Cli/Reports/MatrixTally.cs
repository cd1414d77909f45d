using System.Globalization;
using Tern.Lab.Matrix;

namespace Tern.Cli.Reports;

/// <summary>Counts and one-line explanations shared by the matrix reports.</summary>
internal static class MatrixTally
{
    /// <summary>The line QEMU printed that explains a failure (the most specific one), without the program prefix.</summary>
    public static string Reason(MatrixRecord r)
    {
        if (r.LabError is not null) return r.LabError;
        if (r.Outcome == "success") return "";
        if (r.Signal is int s) return $"killed by signal {s}";
        var lines = r.Stderr.Select(Strip).Where(l => !l.StartsWith("warning:", StringComparison.Ordinal)).ToList();
        var specific = lines.FirstOrDefault(l => !l.StartsWith(LoadFailed, StringComparison.Ordinal) && !l.StartsWith(SectionFailed, StringComparison.Ordinal));
        return specific ?? Cause(lines.LastOrDefault()) ?? r.ErrorDescription ?? "";
    }

    private const string LoadFailed = "load of migration failed";
    private const string SectionFailed = "error while loading state";

    // QEMU 10.2+ chains the causes on one line ("load of migration failed: Invalid argument: error while loading state for
    // instance 0x0 of device 'X': <cause>"): the cause is what explains it, and what a 90-column cell must not cut off.
    private static string? Cause(string? line)
    {
        if (line is null) return null;
        var cause = line;
        if (cause.StartsWith(LoadFailed + ": ", StringComparison.Ordinal) && cause.IndexOf(": ", LoadFailed.Length + 2, StringComparison.Ordinal) is var a and > 0)
            cause = cause[(a + 2)..];
        if (cause.StartsWith(SectionFailed, StringComparison.Ordinal) && cause.IndexOf("': ", StringComparison.Ordinal) is var b and > 0)
            cause = cause[(b + 3)..];
        return cause.Length > 0 ? cause : line;
    }

    /// <summary>Removes the <c>qemu-system-*: </c> prefix.</summary>
    public static string Strip(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith("qemu-system-", StringComparison.Ordinal)) return line;
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? line : line[(colon + 2)..];
    }

    /// <summary><c>12 cells: 3 success, 9 failed; 0 disagree, 12 unpredicted; 0 regressions (2 skipped, already done) in 8.1 s</c>.</summary>
    public static string Line(IReadOnlyList<MatrixRecord> records, MatrixRunSummary? run)
    {
        var ok = records.Count(r => r.Outcome == "success");
        var errors = records.Count(r => r.Outcome == "error");
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{records.Count} cells: {ok} success, {records.Count - ok - errors} failed{(errors > 0 ? $", {errors} lab errors" : "")}; " +
            $"{records.Count(r => r.Agreement == "agree")} agree, {records.Count(r => r.Agreement == "disagree")} disagree, {records.Count(r => r.Agreement == "unpredicted")} unpredicted; " +
            $"{records.Count(r => r.Regression)} regressions");
        if (run is not null)
            text += string.Create(CultureInfo.InvariantCulture, $" ({run.Records.Count} run now, {run.Skipped} already done; {run.WallMs / 1000:0.0} s with {run.Jobs} jobs)");
        return text;
    }
}
