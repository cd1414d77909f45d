using Tern.Schema;
using Tern.Schema.Diff;
using Tern.Vmstate;

namespace Tern.Tests.Schema;

/// <summary>Small hand-made schemas, in the shapes a dump and a vmdesc have.</summary>
internal static class SchemaBuilder
{
    public const SchemaFacts DumpFacts = SchemaFacts.MinimumVersions | SchemaFacts.FieldVersions | SchemaFacts.FieldTests
                                         | SchemaFacts.AllSubsections | SchemaFacts.AllDeviceClasses | SchemaFacts.MachineType;

    /// <summary>A dump field: host size, version gate, test flag, optional <c>num</c> and struct child.</summary>
    public static VmsdField F(string name, long size = 4, int version = 0, bool test = false, int? num = null, Vmsd? child = null) =>
        new(name, size, FieldSizeKind.Host, version, test, num, null, child);

    /// <summary>A vmdesc field: wire size, type, optional count and struct child.</summary>
    public static VmsdField W(string name, string type = "uint32", long size = 4, int? count = null, Vmsd? child = null) =>
        new(name, size, FieldSizeKind.Wire, null, null, count, child is null ? type : "struct", child);

    public static Vmsd V(string name, int version, int? min, params VmsdField[] fields) => new(name, version, min, fields, []);

    public static Vmsd WithSubsections(this Vmsd vmsd, params Vmsd[] subsections) => vmsd with { Subsections = subsections };

    public static SchemaSection S(string key, Vmsd vmsd) => new(key, null, vmsd.VersionId, vmsd.MinimumVersionId, vmsd);

    public static VmstateSchema Dump(params SchemaSection[] sections) => DumpFor("pc-q35-7.2", sections);

    public static VmstateSchema DumpFor(string machine, params SchemaSection[] sections) =>
        new("hand-made dump", SchemaSource.VmstateDump, SchemaInputKind.VmstateDump, DumpFacts, machine, sections);

    public static VmstateSchema Stream(params Vmsd[] sections) =>
        new("hand-made vmdesc", SchemaSource.StreamDescription, SchemaInputKind.VmDescriptionJson, VmDescriptionSchemaConverter.Facts, null,
            sections.Select(v => new SchemaSection(v.Name, 0, v.VersionId, null, v)).ToList());

    public static SchemaDiffResult Diff(VmstateSchema old, VmstateSchema @new, DiffDirections directions = DiffDirections.Both) =>
        SchemaDiff.Compare(old, @new, new SchemaDiffOptions { Directions = directions });

    public static IEnumerable<SchemaFinding> Breaking(this SchemaDiffResult r, MigrationDirection d) =>
        r.In(d).Where(f => f.Severity == FindingSeverity.Breaks);

    public static SchemaFinding Single(this SchemaDiffResult r, MigrationDirection d, string code) =>
        Assert.Single(r.In(d), f => f.Code == code);
}
