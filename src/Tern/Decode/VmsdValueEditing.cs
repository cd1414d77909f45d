using System.Buffers.Binary;

namespace Tern.Decode;

/// <summary>Small immutable edits on decoded state, used by the Simulator to turn a template into a source's stream.</summary>
public static class VmsdValueEditing
{
    /// <summary>Returns <paramref name="value"/> with element <paramref name="index"/> of field <paramref name="name"/> set to an integer (big-endian, the element's width).</summary>
    public static VmsdValue WithInteger(this VmsdValue value, string name, int? index, ulong newValue)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fields = value.Fields.ToList();
        var i = fields.FindIndex(f => f.Name == name && (f.Index == index || (f.Count > 1 && index < f.Count)));
        if (i < 0) throw new KeyNotFoundException($"{value.VmsdName} has no field {name}{(index is null ? "" : $"[{index}]")}");
        var field = fields[i];
        var raw = field.Raw.ToArray();
        var at = field.Count > 1 ? index!.Value * field.ElementSize : 0;
        Span<byte> full = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(full, newValue);
        full[(8 - field.ElementSize)..].CopyTo(raw.AsSpan(at, field.ElementSize));
        fields[i] = fields[i] with { Raw = raw };
        return value with { Fields = fields };
    }

    /// <summary>Returns <paramref name="value"/> without the named subsections.</summary>
    public static VmsdValue WithoutSubsections(this VmsdValue value, Func<string, bool> remove)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(remove);
        return value with { Subsections = value.Subsections.Where(s => !remove(s.Name)).ToList() };
    }

    /// <summary>Returns <paramref name="value"/> with <paramref name="subsection"/> inserted at <paramref name="position"/> (replacing one of the same name).</summary>
    public static VmsdValue WithSubsection(this VmsdValue value, SubsectionValue subsection, int position)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(subsection);
        var subs = value.Subsections.Where(s => s.Name != subsection.Name).ToList();
        subs.Insert(Math.Clamp(position, 0, subs.Count), subsection);
        return value with { Subsections = subs };
    }
}
