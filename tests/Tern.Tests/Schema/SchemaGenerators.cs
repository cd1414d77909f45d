using System.Collections.Immutable;
using CsCheck;
using Tern.Schema;
using static Tern.Tests.Schema.SchemaBuilder;
using Tern.Vmstate;

namespace Tern.Tests.Schema;

/// <summary>CsCheck generators of dump-shaped and vmdesc-shaped schemas with unique names.</summary>
internal static class SchemaGenerators
{
    private static readonly long[] Widths = [1, 2, 4, 8];

    private static string TypeOf(long width) => width switch { 1 => "uint8", 2 => "uint16", 4 => "uint32", _ => "uint64" };

    /// <summary>A dump VMSD: version 1–5, fields gated at or below it, sometimes a struct child, 0–2 subsections.</summary>
    public static Gen<Vmsd> DumpVmsd(string name, int depth) =>
        Gen.Int[1, 5].SelectMany(version =>
            Gen.Select(
                Gen.Int[1, version],
                DumpFields(name, version, depth),
                depth > 0 ? Gen.Int[0, 2] : Gen.Const(0),
                (min, fields, subs) => (min, fields, subs)))
        .SelectMany(t => Subsections(name, t.subs, depth).Select(s => new Vmsd(name, t.fields.Version, t.min, t.fields.Fields, s)));

    private static Gen<(int Version, VmsdField[] Fields)> DumpFields(string owner, int version, int depth) =>
        Gen.Int[1, 6].SelectMany(n =>
            Gen.Select(Gen.Int[0, 3].Array[n], Gen.Int[0, version].Array[n], Gen.Int[0, 9].Array[n],
                (w, v, kind) => (w, v, kind)))
        .SelectMany(t =>
        {
            var fields = new Gen<VmsdField>[t.w.Length];
            for (var i = 0; i < fields.Length; i++)
            {
                var name = $"f{i}";
                var width = Widths[t.w[i]];
                var gate = t.v[i];
                fields[i] = t.kind[i] == 0 && depth > 0
                    ? DumpVmsd($"{owner}.{name}", depth - 1).Select(child => F(name, 16, gate, child: child))
                    : Gen.Const(F(name, width, gate, test: t.kind[i] == 1));
            }
            return All(fields).Select(f => (version, f));
        });

    private static Gen<IReadOnlyList<Vmsd>> Subsections(string owner, int count, int depth)
    {
        if (count == 0) return Gen.Const<IReadOnlyList<Vmsd>>([]);
        var subs = new Gen<Vmsd>[count];
        for (var i = 0; i < count; i++) subs[i] = DumpVmsd($"{owner}/s{i}", depth - 1);
        return All(subs).Select(a => (IReadOnlyList<Vmsd>)a);
    }

    /// <summary>A dump with 1–4 device classes <c>dev0</c>…, each with a VMSD of the same name.</summary>
    public static Gen<VmstateSchema> Dump() =>
        Gen.Int[1, 4].SelectMany(n =>
        {
            var sections = new Gen<Vmsd>[n];
            for (var i = 0; i < n; i++) sections[i] = DumpVmsd($"dev{i}", 2);
            return All(sections).Select(vs => SchemaBuilder.Dump(vs.Select(v => S(v.Name, v)).ToArray()));
        });

    // One value from each generator, in order.
    private static Gen<T[]> All<T>(Gen<T>[] gens)
    {
        var acc = Gen.Const(ImmutableList<T>.Empty);
        foreach (var g in gens) acc = acc.SelectMany(list => g.Select(x => list.Add(x)));
        return acc.Select(list => list.ToArray());
    }

    /// <summary>A stream description: what a sender of that dump could have sent (tests true, every subsection).</summary>
    public static Gen<VmstateSchema> Stream() =>
        Dump().Select(d => SchemaBuilder.Stream(d.Sections.Select(s => AsSent(s.Vmsd!)).ToArray()));

    private static Vmsd AsSent(Vmsd v) => new(v.Name, v.VersionId, null,
        v.Fields.Select(f => f.Struct is null
                ? W(f.Name, TypeOf(f.Size), f.Size)
                : W(f.Name, child: AsSent(f.Struct), size: 16))
            .ToList(),
        v.Subsections.Select(AsSent).ToList());
}
