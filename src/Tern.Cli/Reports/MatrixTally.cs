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
        var specific = lines.FirstOrDefault(l => !l.StartsWith("load of migration failed", StringComparison.Ordinal) && !l.StartsWith("error while loading state", StringComparison.Ordinal));
        return specific ?? lines.LastOrDefault() ?? r.ErrorDescription ?? "";
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
