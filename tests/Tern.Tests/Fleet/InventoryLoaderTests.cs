using Tern.Fleet;
using Tern.Platforms;

namespace Tern.Tests.Fleet;

public sealed class InventoryLoaderTests
{
    private static Inventory Parse(string yaml, string? dir = null) => InventoryLoader.Parse(new StringReader(yaml), "fleet.yaml", dir);

    private static InventoryException Bad(string yaml) => Assert.Throws<InventoryException>(() => Parse(yaml));

    [Fact]
    public void A_good_inventory_gives_hosts_with_labels_facts_and_vms_with_their_options()
    {
        var inv = Parse("""
            hosts:
              - name: p9-a
                arch: ppc64
                qemu: qemu-10.0.13
                host: {kvm: hv, pvr: "0x004e1202"}
              - name: arm
                qemu: 7.2
            vms:
              - name: web1
                host: p9-a
                cmdline: "-machine pseries-7.2 -cpu power9_v2.0 -m 2048"
            """);

        Assert.Equal(2, inv.Hosts.Count);
        Assert.Equal("10.0.13", inv.Hosts[0].Qemu);
        Assert.Equal(Architecture.Ppc64, inv.Hosts[0].Architecture);
        Assert.Equal("kvm=hv,pvr=0x004e1202", inv.Hosts[0].Facts);
        Assert.Equal(2, inv.Hosts[0].Line);
        Assert.Null(inv.Hosts[1].Architecture);
        Assert.Equal("-machine pseries-7.2 -cpu power9_v2.0 -m 2048", inv.Vms[0].Cmdline);
    }

    [Fact]
    public void A_cmdline_file_is_read_relative_to_the_inventory()
    {
        var dir = Directory.CreateTempSubdirectory("tern-inv-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "vm.args"), "LC_ALL=C \\\n/usr/bin/qemu-system-ppc64 \\\n-machine pseries-7.2 \\\n-m 512\n");
            var inv = Parse("hosts: [{name: h, qemu: qemu-7.2}]\nvms: [{name: v, host: h, cmdline-file: vm.args}]\n", dir);
            Assert.Equal(["-machine", "pseries-7.2", "-m", "512"], inv.Vms[0].Arguments);
            Assert.Equal("/usr/bin/qemu-system-ppc64", inv.Vms[0].Program);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("hosts:\n  - name: a\n    qemu: qemu-7.2\n    colour: red\n", "fleet.yaml:4: hosts[0].colour: unknown key")]
    [InlineData("hosts:\n  - name: a\n    qemu: banana\n", "fleet.yaml:3: hosts[0].qemu: 'banana' is not a QEMU version label")]
    [InlineData("hosts:\n  - name: a\n", "fleet.yaml:2: hosts[0]: give exactly one of 'qemu'")]
    [InlineData("hosts:\n  - name: a\n    qemu: 7.2\n    arch: x86_64\n", "fleet.yaml:4: hosts[0].arch: 'x86_64' is not a target")]
    [InlineData("hosts:\n  - name: a\n    qemu: 7.2\n    host: {kvm}\n", "fleet.yaml:4: hosts[0].host:")]
    [InlineData("hosts:\n  - {name: a, qemu: 7.2}\n  - {name: a, qemu: 7.2}\n", "fleet.yaml:3: hosts.name: host 'a' is listed twice (first on line 2)")]
    [InlineData("hosts:\n  - {name: a, qemu: 7.2}\nvms:\n  - name: v\n    host: b\n    cmdline: -m 1\n", "fleet.yaml:5: vms[0].host: VM 'v' runs on 'b', which is not among the hosts")]
    [InlineData("hosts:\n  - {name: a, qemu: 7.2}\nvms:\n  - name: v\n    host: a\n    cmdline: \"-smp 0\"\n", "fleet.yaml:6: vms[0].cmdline: -smp 0")]
    [InlineData("hosts:\n  - {name: a, qemu: 7.2}\nvms:\n  - name: v\n    host: a\n", "fleet.yaml:4: vms[0]: give exactly one of 'cmdline'")]
    [InlineData("hosts: [{name: a, qemu: 7.2}\n", "fleet.yaml:")]
    [InlineData("- just\n- a list\n", "fleet.yaml:1: inventory: an inventory is a mapping")]
    [InlineData("vms: []\n", "fleet.yaml:1: hosts: missing")]
    public void A_bad_inventory_names_the_file_line_and_key(string yaml, string expected)
    {
        var e = Bad(yaml);
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_cmdline_file_names_the_key_and_line()
    {
        var e = Bad("hosts: [{name: a, qemu: 7.2}]\nvms:\n  - name: v\n    host: a\n    cmdline-file: /nonexistent/vm.args\n");
        Assert.StartsWith("fleet.yaml:5: vms[0].cmdline-file: /nonexistent/vm.args: no such file", e.Message, StringComparison.Ordinal);
    }
}
