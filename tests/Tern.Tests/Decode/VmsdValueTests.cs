using Tern.Predict;
using Tern.Tests.Support;

namespace Tern.Tests.Decode;

/// <summary>The lookups of a decoded body, on a real stream's sections.</summary>
public sealed class VmsdValueTests
{
    private static readonly StreamModel Pseries = StreamModelReader.Read(Fixtures.StreamBytes("same-7.2-pseries"));
    private static readonly StreamModel Virt = StreamModelReader.Read(Fixtures.StreamBytes("same-7.2-virt-a57"));

    [Theory]
    [InlineData("env.spr", 0)]
    [InlineData("env.spr", 0x11F)] // the PVR, as the POWER load rules read it
    [InlineData("env.spr", 1023)]
    [InlineData("env.gpr", 31)]
    public void Integer_is_the_element_Integers_yields_at_that_index(string field, int index)
    {
        var cpu = Pseries.Device("cpu")!.Body;
        var all = cpu.Integers(field).ToList();

        Assert.True(all.Count > index, $"{field} has {all.Count} elements");
        Assert.Equal(all[index], cpu.Integer(field, index));
    }

    [Fact]
    public void Integer_past_the_last_element_or_of_an_unknown_field_is_null()
    {
        var cpu = Pseries.Device("cpu")!.Body;

        Assert.Null(cpu.Integer("env.spr", cpu.Integers("env.spr").Count()));
        Assert.Null(cpu.Integer("no-such-field", 0));
    }

    [Fact]
    public void Integer_walks_a_field_sent_as_several_entries_as_one_array()
    {
        // ARM's cpreg arrays are VARRAYs: whatever their entries, Integer(i) and Integers agree on every index.
        var cpu = Virt.Device("cpu")!.Body;
        var values = cpu.Integers("cpreg_vmstate_values").ToList();

        Assert.NotEmpty(values);
        for (var i = 0; i < values.Count; i++) Assert.Equal(values[i], cpu.Integer("cpreg_vmstate_values", i));
    }

    [Fact]
    public void Field_and_Subsection_find_the_first_by_name_or_null()
    {
        var spapr = Pseries.Device("spapr")!.Body;
        var first = spapr.Subsections[0];

        Assert.Same(first, spapr.Subsection(first.Name));
        Assert.Null(spapr.Subsection("spapr/no-such"));
        Assert.Same(spapr.Fields[0], spapr.Field(spapr.Fields[0].Name));
        Assert.Null(spapr.Field("no-such-field"));
    }
}
