using Tern.Platforms;
using Tern.Targets;

namespace Tern.Tests.Targets;

/// <summary>Every architecture Tern parses has one target, and the target says it is that architecture.</summary>
public sealed class TargetTests
{
    [Fact]
    public void Every_architecture_has_its_own_target()
    {
        foreach (var architecture in Enum.GetValues<Architecture>())
            Assert.Equal(architecture, Target.For(architecture).Architecture);
    }

    [Fact]
    public void Only_the_ARM_target_needs_a_template_of_the_same_CPU_model()
    {
        // target/arm: the cpreg list is the CPU model's own; target/ppc: PVR, compat and BHRB are edited in.
        Assert.True(Target.For(Architecture.Aarch64).TemplateNeedsSameCpuModel);
        Assert.False(Target.For(Architecture.Ppc64).TemplateNeedsSameCpuModel);
    }
}
