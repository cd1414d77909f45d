using Tern.Lab.Installation;

namespace Tern.Lab.Matrix;

/// <summary>The report order of records: arch, machine, CPU, variant, source version, destination version.</summary>
public static class MatrixRecordOrder
{
    /// <summary>Sorts records.</summary>
    public static IReadOnlyList<MatrixRecord> Sort(IEnumerable<MatrixRecord> records) =>
        records.OrderBy(r => r.Arch, StringComparer.Ordinal)
            .ThenBy(r => r.Machine, VersionLabelComparer.Instance)
            .ThenBy(r => r.Cpu, StringComparer.Ordinal)
            .ThenBy(r => r.Variant, StringComparer.Ordinal)
            .ThenBy(r => r.SourceQemu, VersionLabelComparer.Instance)
            .ThenBy(r => r.DestinationQemu, VersionLabelComparer.Instance)
            .ThenBy(r => r.CellId, StringComparer.Ordinal)
            .ToList();
}
